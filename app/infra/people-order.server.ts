import { asc, sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Ascending as people read Vietnamese, for lists ordered in SQL (paged lists, filter choices): by
 * the text without its marks, so "Đà Nẵng" sits among the D's rather than after "Yên Bái" (byte
 * order puts every "Đ…" at the end), then as written. PGlite has no ICU collation for "vi"; lists
 * sorted in the page use compareText (i18n/collate.ts), Intl.Collator("vi").
 * unaccent_vi() is the search's own folding (migration 0001).
 */
export function peopleOrder(column: AnyColumn): SQL[] {
  return [sql`unaccent_vi(${column})`, asc(column)];
}
