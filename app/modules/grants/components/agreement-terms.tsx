import { DataTable } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import { formatDate, formatMoneyWithWords } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import type { ReportScheduleItem } from "../../../../db/schema";
import type { AcceptanceConsent } from "../grants.schema";
import { reportKeyOf, reportLabelOf, spendingKeyOf, type TrancheStatus } from "../tranche-status";
import type { GrantStatus } from "../machine";

export interface AgreementGrant {
  status: GrantStatus;
  awardedAmount: bigint;
  conditions: string;
  createdAt: Date;
  applicationTitle: string;
  group: { name: string; village: string; commune: string };
  round: { titleVi: string; titleEn: string; reportSchedule: ReportScheduleItem[] };
  programme: { nameVi: string; nameEn: string; donor: string };
  acceptance: { at: Date; byName: string; consent: AcceptanceConsent | null } | null;
}

export interface ScheduleRow {
  id: string;
  position: number;
  percent: number;
  amount: bigint;
  waitsFor: string;
  conditionMetAt: Date | null;
  status: TrancheStatus;
  paid: bigint;
  payments: { id: string; amount: bigint; method: "stripe" | "bank_transfer" | "cash"; status: string; paidAt: Date | null; paidOn: string | null }[];
}

/** A report's name in the reader's language, from the round's schedule (its key if unnamed). */
export function useReportLabel(schedule: readonly ReportScheduleItem[]) {
  const t = useT();
  return (key: string) => reportLabelOf(schedule, key, t.locale);
}

/**
 * The agreement's terms in the reader's language: who, what for, how much (in figures and in
 * words), when each tranche is paid, the conditions and the reports. Printed on one A4 page with
 * signature lines for a paper copy, which a facilitator may have the group sign.
 */
export function AgreementTerms({ grant, schedule }: { grant: AgreementGrant; schedule: readonly ScheduleRow[] }) {
  const t = useT();
  const en = t.locale === "en";
  const reportLabel = useReportLabel(grant.round.reportSchedule);
  const waits = (waitsFor: string) => {
    const key = reportKeyOf(waitsFor);
    const spending = spendingKeyOf(waitsFor);
    if (spending !== null) return t("spending.waits", { report: reportLabel(spending) });
    return key === null ? t("grants.waits.signing") : t("grants.waits.report", { report: reportLabel(key) });
  };
  const acceptance = grant.acceptance;
  const consent = acceptance?.consent;
  return (
    <article className="agreement card" aria-labelledby="agreement-heading">
      <h1 id="agreement-heading">{t("grants.agreement.heading")}</h1>
      <p className="muted">
        {en ? grant.programme.nameEn : grant.programme.nameVi} · {en ? grant.round.titleEn : grant.round.titleVi}
      </p>
      <p>
        {t("grants.agreement.parties", {
          programme: en ? grant.programme.nameEn : grant.programme.nameVi,
          donor: grant.programme.donor,
          group: grant.group.name,
          village: grant.group.village,
          commune: grant.group.commune,
        })}
      </p>
      <p>{t("grants.agreement.project", { title: grant.applicationTitle, round: en ? grant.round.titleEn : grant.round.titleVi })}</p>
      <p className="award">
        {t("grants.agreement.award")} <strong>{formatMoneyWithWords(grant.awardedAmount, t.locale)}</strong>
      </p>

      <h2>{t("grants.agreement.scheduleTitle")}</h2>
      <p>{t("grants.agreement.scheduleIntro")}</p>
      <DataTable
        rows={schedule}
        rowKey={(row) => row.id}
        caption={t("grants.agreement.scheduleCaption")}
        captionHidden
        columns={[
          { header: t("grants.col.tranche"), rowHeader: true, cell: (row) => t("grants.tranche.n", { position: row.position }) },
          { header: t("grants.col.share"), numeric: true, cell: (row) => `${row.percent} %` },
          { header: t("grants.col.amount"), numeric: true, cell: (row) => <Money amount={row.amount} /> },
          { header: t("grants.col.waitsFor"), cell: (row) => waits(row.waitsFor) },
        ]}
      />

      <h2>{t("grants.agreement.conditionsTitle")}</h2>
      <p className="pre-wrap">{grant.conditions || t("grants.agreement.noConditions")}</p>

      <h2>{t("grants.agreement.reportsTitle")}</h2>
      {grant.round.reportSchedule.length > 0 ? (
        <ul>
          {grant.round.reportSchedule.map((report) => (
            <li key={report.key}>{t("grants.agreement.reportItem", { report: en ? report.labelEn : report.labelVi, months: report.months })}</li>
          ))}
        </ul>
      ) : (
        <p>{t("grants.agreement.noReports")}</p>
      )}

      <h2>{t("grants.agreement.groupDutiesTitle")}</h2>
      <ul>
        <li>{t("grants.agreement.groupDuty1")}</li>
        <li>{t("grants.agreement.groupDuty2")}</li>
        <li>{t("grants.agreement.groupDuty3")}</li>
        <li>{t("grants.agreement.groupDuty4")}</li>
      </ul>
      <h2>{t("grants.agreement.programmeDutiesTitle")}</h2>
      <ul>
        <li>{t("grants.agreement.programmeDuty1")}</li>
        <li>{t("grants.agreement.programmeDuty2")}</li>
      </ul>
      <p>{t("grants.agreement.stop")}</p>

      <h2>{t("grants.agreement.acceptedTitle")}</h2>
      <p className="acceptance-record">
        {acceptance && consent?.method === "self"
          ? t("grants.agreement.acceptedSelf", { name: acceptance.byName, date: formatDate(acceptance.at), signature: consent.signature })
          : acceptance && consent?.method === "signed"
            ? t("grants.agreement.acceptedSigned", { name: acceptance.byName, date: formatDate(acceptance.at), consentBy: consent.consentBy })
            : acceptance && consent?.method === "oral_witnessed"
              ? t("grants.agreement.acceptedOral", {
                  name: acceptance.byName,
                  date: formatDate(acceptance.at),
                  consentBy: consent.consentBy,
                  witness: consent.witnessName,
                })
              : grant.status === "cancelled"
                ? t("grants.agreement.cancelled")
                : t("grants.agreement.notAccepted")}
      </p>
      <div className="signature-lines print-only" aria-hidden="true">
        <p>{t("grants.agreement.signGroup")}</p>
        <p>{t("grants.agreement.signProgramme")}</p>
      </div>
      <p className="muted">{t("grants.agreement.createdOn", { date: formatDate(grant.createdAt) })}</p>
    </article>
  );
}
