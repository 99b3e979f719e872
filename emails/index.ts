import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "./invitation";
import PasswordResetEmail, { passwordResetSubject, type PasswordResetEmailProps } from "./password-reset";
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

/**
 * Every e-mail Gieo sends, by name. Props are what the caller supplies; the locale is the
 * recipient's. Adding an event means adding a template here.
 */
export const emailTemplates = {
  invitation: { component: InvitationEmail, subject: invitationSubject },
  "password-reset": { component: PasswordResetEmail, subject: passwordResetSubject },
  "clarification-requested": { component: ClarificationRequestedEmail, subject: clarificationRequestedSubject },
  "screening-result": { component: ScreeningResultEmail, subject: screeningResultSubject },
  decision: { component: DecisionEmail, subject: decisionSubject },
  "application-submitted": { component: ApplicationSubmittedEmail, subject: applicationSubmittedSubject },
  "review-assigned": { component: ReviewAssignedEmail, subject: reviewAssignedSubject },
  "review-conflict": { component: ReviewConflictEmail, subject: reviewConflictSubject },
};

export type EmailTemplateName = keyof typeof emailTemplates;

export interface EmailPropsByName {
  invitation: InvitationEmailProps;
  "password-reset": PasswordResetEmailProps;
  "clarification-requested": ClarificationRequestedEmailProps;
  "screening-result": ScreeningResultEmailProps;
  decision: DecisionEmailProps;
  "application-submitted": ApplicationSubmittedEmailProps;
  "review-assigned": ReviewAssignedEmailProps;
  "review-conflict": ReviewConflictEmailProps;
}
