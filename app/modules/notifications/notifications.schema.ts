import * as z from "zod/mini";
import { tick } from "../../forms/fields-mini";

// Safe on the client: the channel-choice form checks the same way in the browser and on the server.

export const phoneChannelChoices = ["zalo", "sms", "none"] as const;

/**
 * How a person wants to hear: by Zalo (SMS when Zalo cannot), by SMS only, or not by phone; and by
 * e-mail or not. Choosing a phone channel needs the box that says she agrees to phone notices.
 */
export const contactPreferencesSchema = z
  .object({
    phoneChannel: z.enum(phoneChannelChoices, { error: "errors.invalid" }),
    email: tick(),
    agree: tick(),
  })
  .check(
    z.refine((v) => v.phoneChannel === "none" || v.agree === "yes", { error: "notices.errors.agreeFirst", path: ["agree"] }),
  );
