import * as z from "zod/mini";
import {
  currentPassword,
  email,
  identifier,
  newPassword,
  oneTimeCode,
  optionalEmail,
  optionalPhone,
  phone,
  redirectPath,
  text,
  tick,
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
    // Her agreement to notices by Zalo or SMS: never assumed, a box she ticks (Law 91/2025).
    phoneNotices: tick(),
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

/** E-mail for a link, or a phone for a code by Zalo or SMS. */
export const forgotPasswordSchema = z.object({ identifier: identifier() });

/** Asks for a one-time code to log in with. */
export const codeRequestSchema = z.object({ phone: phone(), redirectTo: redirectPath() });

export const codeLoginSchema = z.object({ phone: phone(), code: oneTimeCode(), redirectTo: redirectPath() });

const passwordsMatch = () =>
  z.refine<{ password: string; confirm: string }>((v) => v.password === v.confirm, { error: "errors.passwordsDiffer", path: ["confirm"] });

/** A new password, with the code sent to her phone or handed to her by staff. */
export const codeResetSchema = z
  .object({ phone: phone(), code: oneTimeCode(), password: newPassword(), confirm: z.string({ error: "errors.required" }) })
  .check(passwordsMatch());

export const resetPasswordSchema = z
  .object({ password: newPassword(), confirm: z.string({ error: "errors.required" }) })
  .check(passwordsMatch());
