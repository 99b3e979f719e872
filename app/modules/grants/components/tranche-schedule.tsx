import { formatDate, formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import type { ReportScheduleItem } from "../../../../db/schema";
import { reportKeyOf } from "../tranche-status";
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
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="received-heading">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("grants.col.tranche")}</th>
              <th scope="col">{t("grants.col.amount")}</th>
              <th scope="col">{t("grants.col.waitsFor")}</th>
              <th scope="col">{t("grants.col.state")}</th>
              <th scope="col">{t("grants.col.arrived")}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.map((row) => {
              const key = reportKeyOf(row.waitsFor);
              return (
                <tr key={row.id} data-tranche={row.position} data-status={row.status}>
                  <th scope="row">{t("grants.tranche.n", { position: row.position })}</th>
                  <td>{formatMoney(row.amount, t.locale)}</td>
                  <td>
                    {key === null ? t("grants.waits.signing") : t("grants.waits.report", { report: reportLabel(key) })}
                    {row.conditionMetAt ? (
                      <>
                        <br />
                        <span className="muted">{t("grants.tranche.metOn", { date: formatDate(row.conditionMetAt) })}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <strong>{t(`grants.trancheStatus.${row.status}`)}</strong>
                  </td>
                  <td>
                    {row.payments.length === 0 ? <span className="muted">{t("grants.tranche.nothing")}</span> : null}
                    {row.payments.map((p) => (
                      <span key={p.id} className="payment">
                        {p.status === "reversed"
                          ? t("grants.tranche.reversed", { amount: formatMoney(p.amount, t.locale), method: t(`grants.method.${p.method}`) })
                          : t("grants.tranche.arrived", {
                              amount: formatMoney(p.amount, t.locale),
                              date: formatDate(p.paidOn ?? p.paidAt ?? new Date()),
                              method: t(`grants.method.${p.method}`),
                            })}
                        <br />
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
