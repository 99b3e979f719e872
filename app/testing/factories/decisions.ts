import { decisions } from "../../../db/schema";
import { db } from "../../infra/db.server";

// The committee's decision on an application, written straight into its table (the round-budget
// trigger still checks it). Deciding through the decisions module is what its own tests do.

export async function makeDecision(options: {
  applicationId: string;
  roundId: string;
  decidedBy: string;
  outcome?: "approved" | "waitlisted" | "rejected";
  /** Needed when approved (the database refuses an approval without an award); null otherwise. */
  awardedAmount?: bigint;
  values?: Partial<typeof decisions.$inferInsert>;
}) {
  const outcome = options.outcome ?? "approved";
  if (outcome === "approved" && options.awardedAmount === undefined) throw new Error("makeDecision: an approval needs awardedAmount");
  const [row] = await db
    .insert(decisions)
    .values({
      applicationId: options.applicationId,
      roundId: options.roundId,
      outcome,
      awardedAmount: outcome === "approved" ? options.awardedAmount : null,
      reasonVi: "x",
      decidedBy: options.decidedBy,
      ...options.values,
    })
    .returning();
  return row;
}
