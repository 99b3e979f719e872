import type { email as vi } from "../vi/email";

export const email: Record<keyof typeof vi, string> = {
  "email.footer": "Gieo — small grants for women-led livelihoods. This message was sent automatically.",
  "email.greeting": "Hello {name},",
  "email.invitation.subject": "Your invitation to Gieo",
  "email.invitation.body": "{inviter} invites you to join Gieo as programme staff.",
  "email.invitation.button": "Accept the invitation",
  "email.invitation.expires": "The link works for 7 days, and only once.",
  "email.reset.subject": "Reset your Gieo password",
  "email.reset.body": "Somebody (probably you) asked to reset the password of your Gieo account.",
  "email.reset.button": "Set a new password",
  "email.reset.expires": "The link works for {minutes} minutes, and only once.",
  "email.reset.ignore": "If you did not ask for this, ignore this message. Your password has not changed.",
  "email.linkFallback": "If the button does not work, copy this link into your browser:",
};
