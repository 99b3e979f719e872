import type { User } from "../users/users.server";
import type { PayResult } from "./pay-result";

// Placeholder: the Stripe payment work replaces this file (issue #5, "Stripe" and "Webhooks").
export async function payByStripe(disbursementId: string, actor: { user: User; ip: string }): Promise<PayResult> {
  void actor;
  throw new Error(`Stripe payment of ${disbursementId} is not built yet`);
}
