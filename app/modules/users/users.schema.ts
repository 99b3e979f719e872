import { z } from "zod";
import { roles } from "../../kernel/actor";

export const setRolesSchema = z.object({
  userId: z.uuid({ error: "errors.invalid" }),
  // No box ticked posts no `roles` at all: that means "no roles".
  roles: z.array(z.enum(roles, { error: "errors.invalid" })).max(roles.length).default([]),
});

export const setStatusSchema = z.object({
  userId: z.uuid({ error: "errors.invalid" }),
  disabled: z.enum(["true", "false"], { error: "errors.invalid" }),
});

/** An admin issues a password reset code to hand over in person: for whom. */
export const resetCodeSchema = z.object({ userId: z.uuid({ error: "errors.invalid" }) });
