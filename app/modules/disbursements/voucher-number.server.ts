import { and, count, eq, sql } from "drizzle-orm";
import { disbursements } from "../../../db/schema";
import { db } from "../../infra/db.server";

/**
 * A cash receipt's book and number, as the phiếu chi asks (Mẫu số 02-TT: "Quyển số", "Số"): one
 * book per calendar year (Viet Nam time) of preparation, numbered in the order the cash
 * disbursements were prepared. Derived, not stored: disbursements are never deleted (a cancelled
 * one keeps its row and its number), so a receipt printed twice carries the same number.
 */
export async function voucherNumber(
  disbursementId: string,
): Promise<{ book: number; number: number } | null> {
  const year = sql<number>`extract(year from (${disbursements.preparedAt} at time zone 'Asia/Ho_Chi_Minh'))::int`;
  const [own] = await db
    .select({ year, preparedAt: disbursements.preparedAt })
    .from(disbursements)
    .where(
      and(
        eq(disbursements.id, disbursementId),
        eq(disbursements.method, "cash"),
      ),
    );
  if (!own) return null;
  const [row] = await db
    .select({ n: count() })
    .from(disbursements)
    .where(
      and(
        eq(disbursements.method, "cash"),
        sql`${year} = ${own.year}::int`,
        // Typed: PostgreSQL cannot infer the parameters' types inside a row comparison.
        sql`(${disbursements.preparedAt}, ${disbursements.id}) <= (${own.preparedAt.toISOString()}::timestamptz, ${disbursementId}::uuid)`,
      ),
    );
  return { book: own.year, number: row?.n ?? 1 };
}
