import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "./invitation";
import PasswordResetEmail, { passwordResetSubject, type PasswordResetEmailProps } from "./password-reset";

/**
 * Every e-mail Gieo sends, by name. Props are what the caller supplies; the locale is the
 * recipient's. Adding an event means adding a template here.
 */
export const emailTemplates = {
  invitation: { component: InvitationEmail, subject: invitationSubject },
  "password-reset": { component: PasswordResetEmail, subject: passwordResetSubject },
};

export type EmailTemplateName = keyof typeof emailTemplates;

export interface EmailPropsByName {
  invitation: InvitationEmailProps;
  "password-reset": PasswordResetEmailProps;
}
