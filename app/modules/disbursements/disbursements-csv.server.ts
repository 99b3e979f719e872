import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { applications, disbursements, grants, groups, moneyReturns, rounds, tranches, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { isUuid } from "../../kernel/ids";
import { translator } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import { CSV_BOM, csvRow } from "../../infra/spreadsheet.server";

// Every disbursement as a spreadsheet, for the programme's accounts and the donor: who was paid,
// how much, how, when, and who prepared and approved it. Amounts are whole đồng, so any
// spreadsheet reads them as numbers; cells that look like formulas are defused by csvRow.

const preparer = alias(users, "preparer");
const approver = alias(users, "approver");

export interface CsvFilter {
  grantId?: string | null;
  roundId?: string | null;
}

/** Reads ?grant= and ?round=; an id that is not a uuid is refused rather than ignored. */
export function readCsvFilter(url: URL): CsvFilter | null {
  const grantId = url.searchParams.get("grant");
  const roundId = url.searchParams.get("round");
  if (grantId && !isUuid(grantId)) return null;
  if (roundId && !isUuid(roundId)) return null;
  return { grantId, roundId };
}

const isoDate = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : "");

export async function disbursementsCsv(filter: CsvFilter, locale: Locale): Promise<string> {
  const t = translator(locale);
  const where: SQL[] = [];
  if (filter.grantId) where.push(eq(disbursements.grantId, filter.grantId));
  if (filter.roundId) where.push(eq(grants.roundId, filter.roundId));
  const rows = await db
    .select({
      id: disbursements.id,
      grantId: disbursements.grantId,
      round: locale === "en" ? rounds.titleEn : rounds.titleVi,
      groupName: groups.name,
      title: applications.title,
      position: tranches.position,
      amount: disbursements.amount,
      method: disbursements.method,
      status: disbursements.status,
      recipientName: disbursements.recipientName,
      preparerName: preparer.name,
      preparedAt: disbursements.preparedAt,
      approverName: approver.name,
      approvedAt: disbursements.approvedAt,
      paidOn: disbursements.paidOn,
      paidAt: disbursements.paidAt,
      bankReference: disbursements.bankReference,
      stripeTransferId: disbursements.stripeTransferId,
      failureMessage: disbursements.failureMessage,
      // Approved money returns of this disbursement (issue 14): the amount less this is what stayed with the group.
      returned: sql<string>`(select coalesce(sum(r.amount), 0) from ${moneyReturns} r
        where r.disbursement_id = ${disbursements.id} and r.status = 'approved')::text`,
    })
    .from(disbursements)
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .innerJoin(rounds, eq(rounds.id, grants.roundId))
    .innerJoin(groups, eq(groups.id, grants.groupId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
    .innerJoin(preparer, eq(preparer.id, disbursements.preparedBy))
    .leftJoin(approver, eq(approver.id, disbursements.approvedBy))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(disbursements.preparedAt), asc(disbursements.id));
  const header = [
    t("finance.csv.id"),
    t("finance.csv.grantId"),
    t("finance.csv.round"),
    t("finance.col.group"),
    t("finance.csv.project"),
    t("finance.col.tranche"),
    t("finance.csv.amount"),
    t("finance.col.method"),
    t("finance.col.status"),
    t("finance.detail.recipient"),
    t("finance.col.preparedBy"),
    t("finance.csv.preparedAt"),
    t("finance.col.approvedBy"),
    t("finance.csv.approvedAt"),
    t("finance.detail.paidOn"),
    t("finance.detail.bankReference"),
    t("finance.detail.stripeTransfer"),
    t("finance.col.stripeMessage"),
    t("finance.figures.returned"),
  ];
  const lines = rows.map((r) =>
    csvRow([
      r.id,
      r.grantId,
      r.round,
      r.groupName,
      r.title,
      r.position,
      r.amount,
      t(`disbursements.method.${r.method}`),
      t(`disbursements.status.${r.status}`),
      r.recipientName,
      r.preparerName,
      isoDate(r.preparedAt),
      r.approverName,
      isoDate(r.approvedAt),
      r.paidOn ?? isoDate(r.paidAt),
      r.bankReference,
      r.stripeTransferId,
      r.failureMessage,
      BigInt(r.returned),
    ]),
  );
  return CSV_BOM + csvRow(header) + lines.join("");
}
