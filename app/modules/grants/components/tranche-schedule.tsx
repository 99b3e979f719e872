import { DataTable } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import { StatusBadge } from "../../../components/ui/status-badge";
import { formatDate, formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import type { ReportScheduleItem } from "../../../../db/schema";
import { trancheTone } from "../status-tone";
import { reportKeyOf, spendingKeyOf } from "../tranche-status";
import { useReportLabel, type ScheduleRow } from "./agreement-terms";

/**
 * Per tranche: how much, what it waits for, whether it is due, and what has reached the group
 * (each payment, and any that came back). Not part of the printed agreement.
 */
export function TrancheSchedule({ schedule, reports }: { schedule: readonly ScheduleRow[]; reports: readonly ReportScheduleItem[] }) {
  const t = useT();
  const reportLabel = useReportLabel(reports);
  return (
    <section className="no-print" aria-labelledby="received-heading">
      <h2 id="received-heading">{t("grants.page.scheduleTitle")}</h2>
      <DataTable
        rows={schedule}
        rowKey={(row) => row.id}
        rowAttributes={(row) => ({ "data-tranche": String(row.position), "data-status": row.status })}
        labelledBy="received-heading"
        // On a phone the first columns are what shows: what arrived comes before what a tranche waits for.
        columns={[
          { header: t("grants.col.tranche"), rowHeader: true, cell: (row) => t("grants.tranche.n", { position: row.position }) },
          { header: t("grants.col.amount"), numeric: true, cell: (row) => <Money amount={row.amount} /> },
          {
            header: t("grants.col.state"),
            cell: (row) => <StatusBadge tone={trancheTone(row.status)}>{t(`grants.trancheStatus.${row.status}`)}</StatusBadge>,
          },
          {
            header: t("grants.col.arrived"),
            cell: (row) => (
              <>
                {row.payments.length === 0 ? <span className="muted">{t("grants.tranche.nothing")}</span> : null}
                {row.payments.map((p) => (
                  <span key={p.id} className="payment">
                    {p.status === "reversed" || p.status === "returned"
                      ? t("grants.tranche.reversed", { amount: formatMoney(p.amount, t.locale), method: t(`grants.method.${p.method}`) })
                      : t("grants.tranche.arrived", {
                          amount: formatMoney(p.amount, t.locale),
                          date: formatDate(p.paidOn ?? p.paidAt ?? new Date()),
                          method: t(`grants.method.${p.method}`),
                        })}
                    <br />
                  </span>
                ))}
              </>
            ),
          },
          {
            header: t("grants.col.waitsFor"),
            cell: (row) => {
              const key = reportKeyOf(row.waitsFor);
              return (
                <>
                  {spendingKeyOf(row.waitsFor) !== null
                    ? t("spending.waits", { report: reportLabel(spendingKeyOf(row.waitsFor)!) })
                    : key === null
                      ? t("grants.waits.signing")
                      : t("grants.waits.report", { report: reportLabel(key) })}
                  {row.conditionMetAt ? (
                    <>
                      <br />
                      <span className="muted">{t("grants.tranche.metOn", { date: formatDate(row.conditionMetAt) })}</span>
                    </>
                  ) : null}
                </>
              );
            },
          },
        ]}
      />
    </section>
  );
}
