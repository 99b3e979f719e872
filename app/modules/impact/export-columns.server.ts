import { asc, eq, inArray } from "drizzle-orm";
import { disbursements, ethnicGroups, groupMembers, outcomeReports, tranches } from "../../../db/schema";
import type { Translate } from "../../i18n/i18n";
import { db } from "../../infra/db.server";
import { dueDate } from "../outcomes/due.server";
import { grantFactPages, type GrantFact } from "./facts.server";
import type { ExportDataset, ImpactFilters } from "./impact.schema";

// What each donor dataset holds, column by column, read page after page in the grants' order (by
// id: the order that lets each page continue from the last through the primary key). Personal data stays out: group names and places, no
// members' names, phones or bank accounts; stories and photos stay in the app.

/** A cell's kind decides how CSV and XLSX write it (numbers stay numbers for the donor's sums). */
export type CellKind = "text" | "money" | "int" | "decimal" | "date";
export type CellValue = string | number | bigint | Date | null;

export interface ExportColumn {
  header: string;
  kind: CellKind;
  /** Column width in characters, for the XLSX. */
  width: number;
}

export interface ExportTable {
  columns: ExportColumn[];
  /** Pages of rows, each row one value per column. */
  pages: AsyncGenerator<CellValue[][]>;
}

/** How many grants each page reads: its child rows (up to ~10 reports each) come in the same page. */
export const EXPORT_PAGE_GRANTS = 100;

const decimalArea = (sqm: number | null) => (sqm === null ? null : sqm / 10_000);
const pct = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function grantCells(f: GrantFact, t: Translate): CellValue[] {
  const en = t.locale === "en";
  return [
    f.grantId,
    en ? f.programmeEn : f.programmeVi,
    en ? f.roundEn : f.roundVi,
    f.groupName,
    en ? f.provinceEn : f.provinceVi,
  ];
}

const grantKeyColumns = (t: Translate): ExportColumn[] => [
  { header: t("impact.col.grantId"), kind: "text", width: 38 },
  { header: t("impact.col.programme"), kind: "text", width: 30 },
  { header: t("impact.col.round"), kind: "text", width: 20 },
  { header: t("impact.col.group"), kind: "text", width: 36 },
  { header: t("impact.col.province"), kind: "text", width: 16 },
];

async function* grantsPages(filters: ImpactFilters, t: Translate): AsyncGenerator<CellValue[][]> {
  for await (const page of grantFactPages(filters, EXPORT_PAGE_GRANTS)) {
    const ethnic = await db
      .selectDistinct({ groupId: groupMembers.groupId, name: ethnicGroups.nameVi })
      .from(groupMembers)
      .innerJoin(ethnicGroups, eq(ethnicGroups.code, groupMembers.ethnicityCode))
      .where(inArray(groupMembers.groupId, [...new Set(page.map((f) => f.groupId))]))
      .orderBy(asc(groupMembers.groupId), asc(ethnicGroups.nameVi));
    const peoples = new Map<string, string[]>();
    for (const row of ethnic) peoples.set(row.groupId, [...(peoples.get(row.groupId) ?? []), row.name]);
    yield page.map((f) => [
      ...grantCells(f, t),
      f.activityType ? t.dynamic(`activity.${f.activityType}`) : null,
      f.title,
      (peoples.get(f.groupId) ?? []).join(", "),
      t.dynamic(`impact.grantStatus.${f.grantStatus}`),
      f.acceptedAt,
      f.awarded,
      f.paid,
      f.baseline,
      f.latestMonths,
      f.latest,
      f.change,
      pct(f.changePct),
      f.women,
    ]);
  }
}

async function* disbursementPages(filters: ImpactFilters, t: Translate): AsyncGenerator<CellValue[][]> {
  for await (const page of grantFactPages(filters, EXPORT_PAGE_GRANTS)) {
    const rows = await db
      .select({
        id: disbursements.id,
        grantId: disbursements.grantId,
        position: tranches.position,
        amount: disbursements.amount,
        method: disbursements.method,
        status: disbursements.status,
        preparedAt: disbursements.preparedAt,
        paidOn: disbursements.paidOn,
        bankReference: disbursements.bankReference,
        stripeTransferId: disbursements.stripeTransferId,
      })
      .from(disbursements)
      .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
      .where(inArray(disbursements.grantId, page.map((f) => f.grantId)))
      .orderBy(asc(tranches.position), asc(disbursements.preparedAt), asc(disbursements.id));
    const byGrant = groupBy(rows, (r) => r.grantId);
    const out: CellValue[][] = [];
    for (const f of page) {
      for (const d of byGrant.get(f.grantId) ?? []) {
        out.push([
          ...grantCells(f, t),
          d.id,
          d.position,
          d.amount,
          t.dynamic(`impact.method.${d.method}`),
          t.dynamic(`impact.disbursementStatus.${d.status}`),
          d.preparedAt,
          d.paidOn === null ? null : new Date(`${d.paidOn}T00:00:00+07:00`),
          d.bankReference ?? d.stripeTransferId,
        ]);
      }
    }
    yield out;
  }
}

async function* outcomePages(filters: ImpactFilters, t: Translate): AsyncGenerator<CellValue[][]> {
  const en = t.locale === "en";
  for await (const page of grantFactPages(filters, EXPORT_PAGE_GRANTS)) {
    const rows = await db
      .select({
        grantId: outcomeReports.grantId,
        key: outcomeReports.key,
        labelVi: outcomeReports.labelVi,
        labelEn: outcomeReports.labelEn,
        months: outcomeReports.months,
        status: outcomeReports.status,
        income: outcomeReports.avgMonthlyIncome,
        sales: outcomeReports.sales,
        womenEarning: outcomeReports.womenEarning,
        areaSqm: outcomeReports.areaSqm,
        quantity: outcomeReports.quantityProduced,
        unit: outcomeReports.quantityUnit,
        submittedAt: outcomeReports.submittedAt,
        reviewedAt: outcomeReports.reviewedAt,
      })
      .from(outcomeReports)
      .where(inArray(outcomeReports.grantId, page.map((f) => f.grantId)))
      .orderBy(asc(outcomeReports.months), asc(outcomeReports.key));
    const byGrant = groupBy(rows, (r) => r.grantId);
    const out: CellValue[][] = [];
    for (const f of page) {
      for (const r of byGrant.get(f.grantId) ?? []) {
        out.push([
          ...grantCells(f, t),
          r.key,
          en ? r.labelEn : r.labelVi,
          r.months,
          t.dynamic(`impact.reportStatus.${r.status}`),
          r.key === "baseline" ? null : dueDate(f.acceptedAt, r.months),
          r.income,
          r.sales,
          r.womenEarning,
          decimalArea(r.areaSqm),
          r.quantity === null ? null : Number(r.quantity),
          r.unit || null,
          r.submittedAt,
          r.reviewedAt,
        ]);
      }
    }
    yield out;
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The dataset's columns (headers in the reader's language) and its rows, page by page. */
export function exportTable(dataset: ExportDataset, filters: ImpactFilters, t: Translate): ExportTable {
  switch (dataset) {
    case "grants":
      return {
        columns: [
          ...grantKeyColumns(t),
          { header: t("impact.col.activity"), kind: "text", width: 22 },
          { header: t("impact.col.project"), kind: "text", width: 40 },
          { header: t("impact.col.ethnicGroups"), kind: "text", width: 20 },
          { header: t("impact.col.grantStatus"), kind: "text", width: 16 },
          { header: t("impact.col.acceptedOn"), kind: "date", width: 12 },
          { header: t("impact.col.awarded"), kind: "money", width: 14 },
          { header: t("impact.col.paid"), kind: "money", width: 14 },
          { header: t("impact.col.baseline"), kind: "money", width: 14 },
          { header: t("impact.col.latestMonths"), kind: "int", width: 10 },
          { header: t("impact.col.latest"), kind: "money", width: 14 },
          { header: t("impact.col.change"), kind: "money", width: 14 },
          { header: t("impact.col.changePct"), kind: "decimal", width: 10 },
          { header: t("impact.col.women"), kind: "int", width: 10 },
        ],
        pages: grantsPages(filters, t),
      };
    case "disbursements":
      return {
        columns: [
          ...grantKeyColumns(t),
          { header: t("impact.col.disbursementId"), kind: "text", width: 38 },
          { header: t("impact.col.tranche"), kind: "int", width: 8 },
          { header: t("impact.col.amount"), kind: "money", width: 14 },
          { header: t("impact.col.method"), kind: "text", width: 16 },
          { header: t("impact.col.disbursementStatus"), kind: "text", width: 14 },
          { header: t("impact.col.preparedOn"), kind: "date", width: 12 },
          { header: t("impact.col.paidOn"), kind: "date", width: 12 },
          { header: t("impact.col.reference"), kind: "text", width: 24 },
        ],
        pages: disbursementPages(filters, t),
      };
    case "outcomes":
      return {
        columns: [
          ...grantKeyColumns(t),
          { header: t("impact.col.reportKey"), kind: "text", width: 10 },
          { header: t("impact.col.report"), kind: "text", width: 24 },
          { header: t("impact.col.months"), kind: "int", width: 8 },
          { header: t("impact.col.reportStatus"), kind: "text", width: 16 },
          { header: t("impact.col.dueOn"), kind: "date", width: 12 },
          { header: t("impact.col.income"), kind: "money", width: 14 },
          { header: t("impact.col.sales"), kind: "money", width: 14 },
          { header: t("impact.col.womenEarning"), kind: "int", width: 10 },
          { header: t("impact.col.areaHa"), kind: "decimal", width: 10 },
          { header: t("impact.col.quantity"), kind: "decimal", width: 10 },
          { header: t("impact.col.unit"), kind: "text", width: 10 },
          { header: t("impact.col.submittedOn"), kind: "date", width: 12 },
          { header: t("impact.col.reviewedOn"), kind: "date", width: 12 },
        ],
        pages: outcomePages(filters, t),
      };
  }
}
