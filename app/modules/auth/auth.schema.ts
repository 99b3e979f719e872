import * as z from "zod/mini";
import {
  currentPassword,
  email,
  identifier,
  newPassword,
  optionalEmail,
  optionalPhone,
  redirectPath,
  text,
} from "../../forms/fields-mini";
import { staffRoles } from "./permissions";

export const loginSchema = z.object({
  identifier: identifier(),
  password: currentPassword(),
  redirectTo: redirectPath(),
});

/** A group leader registers herself; the group itself is added in the next step. */
export const registerSchema = z
  .object({
    name: text({ max: 120 }),
    phone: optionalPhone(),
    email: optionalEmail(),
    password: newPassword(),
  })
  .check(z.refine((v) => Boolean(v.phone || v.email), { error: "errors.phoneOrEmailRequired", path: ["phone"] }));

export const inviteSchema = z.object({
  name: text({ max: 120 }),
  email: email(),
  roles: z
    .array(z.enum(staffRoles, { error: "errors.invalid" }), { error: "errors.chooseRole" })
    .check(z.minLength(1, { error: "errors.chooseRole" }), z.maxLength(staffRoles.length, { error: "errors.invalid" })),
});

export const acceptInvitationSchema = z.object({
  name: text({ max: 120 }),
  password: newPassword(),
});

export const forgotPasswordSchema = z.object({ email: email() });

export const resetPasswordSchema = z
  .object({ password: newPassword(), confirm: z.string({ error: "errors.required" }) })
  .check(z.refine((v) => v.password === v.confirm, { error: "errors.passwordsDiffer", path: ["confirm"] }));
