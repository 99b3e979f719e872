import { asDayMonthYear } from "../../forms/fields-mini";
// The round form as typed: strings everywhere, rows as lists. Safe on the client. The server sends
// these back after every post, so that a browser without JavaScript re-renders what was typed.

export interface CriterionRow {
  labelVi: string;
  labelEn: string;
  guidanceVi: string;
  guidanceEn: string;
  weight: string;
  maxScore: string;
}

export interface TrancheRow {
  percent: string;
  /** "signing", or the key of one of the round's reports. */
  waitsFor: string;
}

export interface ReportRow {
  key: string;
  months: string;
  labelVi: string;
  labelEn: string;
}

export interface RoundFormValues {
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  opensAt: string;
  closesAt: string;
  provinces: string[];
  activities: string[];
  minGrant: string;
  maxGrant: string;
  budget: string;
  reviewersPerApplication: string;
  criteria: CriterionRow[];
  tranches: TrancheRow[];
  reports: ReportRow[];
  confirmRubricChange?: string;
}

export interface ProvinceChoice {
  slug: string;
  nameVi: string;
  nameEn: string;
}

export const SIGNING = "signing";
/** A tranche that waits for a period's spending report is posted as "spending:<report key>" (issue 14). */
export const SPENDING_PREFIX = "spending:";

export const rowFields = {
  criteria: ["labelVi", "labelEn", "guidanceVi", "guidanceEn", "weight", "maxScore"],
  tranches: ["percent", "waitsFor"],
  reports: ["key", "months", "labelVi", "labelEn"],
} as const;

export type RowList = keyof typeof rowFields;

export const rowLists = Object.keys(rowFields) as RowList[];

/** Enough for any real call for proposals; more rows are refused before parsing. */
export const maxRows: Record<RowList, number> = { criteria: 20, tranches: 10, reports: 10 };

export const scalarFields = [
  "titleVi",
  "titleEn",
  "descriptionVi",
  "descriptionEn",
  "opensAt",
  "closesAt",
  "minGrant",
  "maxGrant",
  "budget",
  "reviewersPerApplication",
  "confirmRubricChange",
] as const;

export const listFields = ["provinces", "activities"] as const;

/** A new row, with the values most rows take, so that adding one asks for as little as possible. */
const rowDefaults: { [L in RowList]: Partial<RoundFormValues[L][number]> } = {
  criteria: { weight: "1", maxScore: "10" },
  tranches: { waitsFor: SIGNING },
  reports: {},
};

function emptyRow<L extends RowList>(list: L): RoundFormValues[L][number] {
  const blank = Object.fromEntries(rowFields[list].map((field) => [field, ""]));
  return { ...blank, ...rowDefaults[list] } as unknown as RoundFormValues[L][number];
}

/** What the "add a row" and "remove this row" buttons post, as the `intent` field. */
export type RowChange = { kind: "add"; list: RowList } | { kind: "remove"; list: RowList; index: number };

export function rowIntent(change: RowChange): string {
  return change.kind === "add" ? `add:${change.list}` : `remove:${change.list}:${change.index}`;
}

export function parseRowIntent(intent: string): RowChange | null {
  const match = /^(add|remove):(criteria|tranches|reports)(?::(\d{1,2}))?$/.exec(intent);
  if (!match) return null;
  const list = match[2] as RowList;
  if (match[1] === "add") return match[3] === undefined ? { kind: "add", list } : null;
  return match[3] === undefined ? null : { kind: "remove", list, index: Number(match[3]) };
}

export function applyRowChange(values: RoundFormValues, change: RowChange): RoundFormValues {
  const rows = [...values[change.list]] as RoundFormValues[RowList];
  if (change.kind === "add") {
    if (rows.length < maxRows[change.list]) (rows as unknown[]).push(emptyRow(change.list));
  } else {
    rows.splice(change.index, 1);
  }
  return { ...values, [change.list]: rows };
}

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A moment as the round form shows it, "01/03/2027 08:00", in Viet Nam time (UTC+7 all year), whatever the browser's zone. */
export function toVnLocalInput(date: Date | string): string {
  return asDayMonthYear(new Date(new Date(date).getTime() + VN_OFFSET_MS).toISOString().slice(0, 16));
}

/** 50000000n → "50.000.000": how the money fields show a stored amount (they accept it back as is). */
export function moneyInput(amount: bigint): string {
  return amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** "Báo cáo giữa kỳ" → "bao-cao-giua-ky": a report's key as its label spells it, plain and short. */
function keyFromLabel(label: string): string {
  const plain = label
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 36)
    .replace(/^-+|-+$/g, "");
  return plain === "" || plain === SIGNING ? `report-${plain}`.replace(/-$/, "") : plain;
}

/**
 * The reports with a key each. Tranches name the report they wait for by its key, and outcome
 * reports are stored under it, so a saved key never changes; a new report's key is derived from
 * its English (else Vietnamese) name, made unique: staff never type a technical code. The browser
 * and the server derive the same keys from the same rows.
 */
export function withReportKeys<R extends { key?: unknown; labelVi?: unknown; labelEn?: unknown }>(reports: readonly R[]): (R & { key: string })[] {
  const taken = new Set(reports.map((r) => (typeof r.key === "string" ? r.key : "")).filter(Boolean));
  return reports.map((report) => {
    if (typeof report.key === "string" && report.key !== "") return report as R & { key: string };
    const label = [report.labelEn, report.labelVi].find((l): l is string => typeof l === "string" && l.trim() !== "") ?? "";
    const base = keyFromLabel(label);
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return { ...report, key };
  });
}
