import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { outbox } from "../../../db/schema";
import { db } from "../../infra/db.server";

/**
 * A provider's delivery receipt for one of our messages (already checked as genuine by the
 * webhook): the message becomes delivered or undelivered. Only a message on its way changes, so
 * a repeated receipt, or one for a message already settled, writes nothing. `id` must be an id
 * (the webhooks check it with the kernel's guard, which this module sits below).
 */
export async function recordReceipt(receipt: {
  channel: "sms" | "zalo";
  /** Our message id (eSMS's callback address, ZNS's tracking_id). */
  id: string;
  /** The provider's id, when the receipt names it: it must be the one we were given. */
  providerRef: string | null;
  state: "delivered" | "undelivered";
  at?: Date;
}): Promise<boolean> {
  const updated = await db
    .update(outbox)
    .set({ status: receipt.state, deliveredAt: receipt.state === "delivered" ? (receipt.at ?? new Date()) : null })
    .where(
      and(
        eq(outbox.id, receipt.id),
        eq(outbox.channel, receipt.channel),
        inArray(outbox.status, ["sending", "sent"]),
        receipt.providerRef ? or(isNull(outbox.providerRef), eq(outbox.providerRef, receipt.providerRef)) : undefined,
      ),
    )
    .returning({ id: outbox.id });
  return updated.length > 0;
}
