import type { sms as vi } from "../vi/sms";

export const sms: Record<keyof typeof vi, string> = {
  "sms.agreement-ready": "Gieo: Congratulations! {group} is awarded {amount} for \"{title}\". Open Gieo to read and accept the agreement.",
  "sms.application-received": "Gieo: We received \"{title}\" from {group}. Staff will check it and tell you.",
  "sms.clarification-asked": "Gieo: Staff need more from {group} on \"{title}\". Open Gieo to answer.",
  "sms.code-login": "Gieo: Your log-in code is {code}, valid {minutes} minutes. Never share it.",
  "sms.code-reset": "Gieo: Your password reset code is {code}, valid {minutes} minutes. Never share it.",
  "sms.decision-rejected": "Gieo: \"{title}\" from {group} was not funded this time. Open Gieo to read why.",
  "sms.decision-waitlisted": "Gieo: \"{title}\" from {group} is on the waiting list. Gieo will tell you.",
  "sms.handover": "Gieo: {by} asks you to hold {group}'s account. Code: {code}. Log in to Gieo, choose \"Take a group\", type the code.",
  "sms.money-sent": "Gieo: {amount} ({words}) was sent to {group}. Please check the account.",
  "sms.report-approved": "Gieo: {group}'s report {report} is approved. Thank you!",
  "sms.report-changes": "Gieo: Staff ask {group} to change report {report}. Open Gieo to see.",
  "sms.report-due-soon": "Gieo: {group}'s report {report} is due on {date}. Open Gieo to send it.",
  "sms.report-overdue": "Gieo: {group}'s report {report} was due on {date}. Please send it soon.",
  "sms.screening-eligible": "Gieo: \"{title}\" from {group} is eligible and is being scored.",
  "sms.screening-ineligible": "Gieo: \"{title}\" from {group} is not eligible. Open Gieo to read why.",
};
