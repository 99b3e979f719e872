import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "./invitation";
import PasswordResetEmail, { passwordResetSubject, type PasswordResetEmailProps } from "./password-reset";
import SignUpConfirmEmail, { signUpConfirmSubject, type SignUpConfirmEmailProps } from "./sign-up-confirm";
import SignUpExistsEmail, { signUpExistsSubject, type SignUpExistsEmailProps } from "./sign-up-exists";
import ClarificationRequestedEmail, {
  clarificationRequestedSubject,
  type ClarificationRequestedEmailProps,
} from "./clarification-requested";
import ScreeningResultEmail, { screeningResultSubject, type ScreeningResultEmailProps } from "./screening-result";
import DecisionEmail, { decisionSubject, type DecisionEmailProps } from "./decision";
import ApplicationSubmittedEmail, {
  applicationSubmittedSubject,
  type ApplicationSubmittedEmailProps,
} from "./application-submitted";
import ReviewAssignedEmail, { reviewAssignedSubject, type ReviewAssignedEmailProps } from "./review-assigned";
import ReviewConflictEmail, { reviewConflictSubject, type ReviewConflictEmailProps } from "./review-conflict";
import PaymentReceivedEmail, { paymentReceivedSubject, type PaymentReceivedEmailProps } from "./payment-received";
import GrantTrancheDueEmail, { grantTrancheDueSubject, type GrantTrancheDueEmailProps } from "./grant-tranche-due";

import ReportApprovedEmail, { reportApprovedSubject, type ReportApprovedEmailProps } from "./report-approved";
import ReportChangesRequestedEmail, {
  reportChangesRequestedSubject,
  type ReportChangesRequestedEmailProps,
} from "./report-changes-requested";
import ReportDueSoonEmail, { reportDueSoonSubject, type ReportDueSoonEmailProps } from "./report-due-soon";
import ReportOverdueEmail, { reportOverdueSubject, type ReportOverdueEmailProps } from "./report-overdue";
/**
 * Every e-mail Gieo sends, by name. Props are what the caller supplies; the locale is the
 * recipient's. Adding an event means adding a template here.
 */
export const emailTemplates = {
  invitation: { component: InvitationEmail, subject: invitationSubject },
  "password-reset": { component: PasswordResetEmail, subject: passwordResetSubject },
  "sign-up-confirm": { component: SignUpConfirmEmail, subject: signUpConfirmSubject },
  "sign-up-exists": { component: SignUpExistsEmail, subject: signUpExistsSubject },
  "clarification-requested": { component: ClarificationRequestedEmail, subject: clarificationRequestedSubject },
  "screening-result": { component: ScreeningResultEmail, subject: screeningResultSubject },
  decision: { component: DecisionEmail, subject: decisionSubject },
  "application-submitted": { component: ApplicationSubmittedEmail, subject: applicationSubmittedSubject },
  "review-assigned": { component: ReviewAssignedEmail, subject: reviewAssignedSubject },
  "review-conflict": { component: ReviewConflictEmail, subject: reviewConflictSubject },
  "grant-tranche-due": { component: GrantTrancheDueEmail, subject: grantTrancheDueSubject },
  "payment-received": { component: PaymentReceivedEmail, subject: paymentReceivedSubject },
  "report-approved": { component: ReportApprovedEmail, subject: reportApprovedSubject },
  "report-changes-requested": { component: ReportChangesRequestedEmail, subject: reportChangesRequestedSubject },
  "report-due-soon": { component: ReportDueSoonEmail, subject: reportDueSoonSubject },
  "report-overdue": { component: ReportOverdueEmail, subject: reportOverdueSubject },
};

export type EmailTemplateName = keyof typeof emailTemplates;

export interface EmailPropsByName {
  invitation: InvitationEmailProps;
  "password-reset": PasswordResetEmailProps;
  "sign-up-confirm": SignUpConfirmEmailProps;
  "sign-up-exists": SignUpExistsEmailProps;
  "clarification-requested": ClarificationRequestedEmailProps;
  "screening-result": ScreeningResultEmailProps;
  decision: DecisionEmailProps;
  "application-submitted": ApplicationSubmittedEmailProps;
  "review-assigned": ReviewAssignedEmailProps;
  "review-conflict": ReviewConflictEmailProps;
  "grant-tranche-due": GrantTrancheDueEmailProps;
  "payment-received": PaymentReceivedEmailProps;
  "report-approved": ReportApprovedEmailProps;
  "report-changes-requested": ReportChangesRequestedEmailProps;
  "report-due-soon": ReportDueSoonEmailProps;
  "report-overdue": ReportOverdueEmailProps;
}
