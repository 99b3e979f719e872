import type { Locale } from "../../../i18n/locales";
import { formatHa, formatQuantity } from "../outcomes.schema";

// Safe on the client: the report form's text values, from what was saved or what was just posted.

export interface SavedReport {
  avgMonthlyIncome: bigint | null;
  sales: bigint | null;
  womenEarning: number | null;
  areaSqm: number | null;
  quantityProduced: string | null;
  quantityUnit: string;
  story: string;
}

export interface ReportFormValues {
  avgMonthlyIncome: string;
  sales: string;
  womenEarning: string;
  areaHa: string;
  quantityProduced: string;
  quantityUnit: string;
  story: string;
  memberId: string[];
  memberIncome: string[];
}

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));

/**
 * The values the form starts with: what a refused post typed (so nothing is lost without
 * JavaScript), else what is saved. Members' incomes follow the roster's order.
 */
export function reportFormValues(
  saved: SavedReport,
  members: readonly { id: string }[],
  incomes: Record<string, bigint>,
  locale: Locale,
  posted?: Record<string, string | string[]> | null,
): ReportFormValues {
  if (posted) {
    const ids = asList(posted.memberId);
    const typed = asList(posted.memberIncome);
    const byId = new Map(ids.map((id, i) => [id, typed[i] ?? ""]));
    return {
      avgMonthlyIncome: one(posted.avgMonthlyIncome),
      sales: one(posted.sales),
      womenEarning: one(posted.womenEarning),
      areaHa: one(posted.areaHa),
      quantityProduced: one(posted.quantityProduced),
      quantityUnit: one(posted.quantityUnit),
      story: one(posted.story),
      memberId: members.map((m) => m.id),
      memberIncome: members.map((m) => byId.get(m.id) ?? ""),
    };
  }
  return {
    avgMonthlyIncome: saved.avgMonthlyIncome?.toString() ?? "",
    sales: saved.sales?.toString() ?? "",
    womenEarning: saved.womenEarning?.toString() ?? "",
    areaHa: saved.areaSqm === null ? "" : formatHa(saved.areaSqm, locale),
    quantityProduced: saved.quantityProduced === null ? "" : formatQuantity(saved.quantityProduced, locale),
    quantityUnit: saved.quantityUnit,
    story: saved.story,
    memberId: members.map((m) => m.id),
    memberIncome: members.map((m) => incomes[m.id]?.toString() ?? ""),
  };
}
