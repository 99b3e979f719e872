import { sql, type SQL } from "drizzle-orm";
import { grants, outcomeReports } from "../../../db/schema";

/**
 * A report's due moment: the agreement's acceptance plus the report's months, counted in Viet Nam's
 * calendar whatever the database server's time zone (see the comment on `outcome_reports` for why
 * it is computed, not stored). Null while the grant awaits acceptance. Use in queries that join
 * `grants` on `outcome_reports.grant_id`.
 */
export const reportDueAt: SQL<Date | null> = sql<Date | null>`((((${grants.acceptedAt}) at time zone 'Asia/Ho_Chi_Minh') + make_interval(months => ${outcomeReports.months})) at time zone 'Asia/Ho_Chi_Minh')`.mapWith(
  (value: unknown) => (value == null ? null : new Date(value as string)),
);

// Viet Nam keeps UTC+7 all year (no daylight saving), so its calendar is UTC shifted by 7 hours.
const VN_OFFSET_MS = 7 * 3_600_000;

/** The same rule in JavaScript for a report already loaded (calendar months, clamped like PostgreSQL). */
export function dueDate(acceptedAt: Date | null, months: number): Date | null {
  if (!acceptedAt) return null;
  const local = new Date(acceptedAt.getTime() + VN_OFFSET_MS);
  const day = local.getUTCDate();
  local.setUTCMonth(local.getUTCMonth() + months, 1);
  // PostgreSQL clamps 31 January + 1 month to 28/29 February; do the same.
  const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  local.setUTCDate(Math.min(day, last));
  return new Date(local.getTime() - VN_OFFSET_MS);
}
