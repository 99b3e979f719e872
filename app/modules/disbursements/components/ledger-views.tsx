import { Link } from "@remix-run/react";
import { DataTable } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import { StatusBadge } from "../../../components/ui/status-badge";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { useReportLabel } from "../../grants/components/agreement-terms";
import { reportKeyOf, spendingKeyOf } from "../../grants/tranche-status";
import type { Ledger } from "../ledger.server";
import { disbursementTone } from "../status-tone";
import { HistoryList } from "./history-list";

// A grant's ledger as finance reads it (`/finance/grants/:grantId`): its tranches, and every
// disbursement made of them with its history.

/** Each tranche: its amount, what it waits for, what has been paid of it and what is left. */
export function LedgerTranches({ tranches, reportSchedule }: { tranches: Ledger["tranches"]; reportSchedule: Ledger["grant"]["reportSchedule"] }) {
  const t = useT();
  const reportLabel = useReportLabel(reportSchedule);
  return (
    <>
      <h2 id="tranches">{t("finance.ledger.tranches")}</h2>
      <DataTable
        rows={tranches}
        rowKey={(tr) => tr.id}
        labelledBy="tranches"
        columns={[
          { header: t("finance.col.tranche"), cell: (tr) => `${t("finance.trancheN", { position: tr.position })} (${tr.percent} %)` },
          { header: t("finance.col.trancheAmount"), numeric: true, cell: (tr) => <Money amount={tr.amount} /> },
          {
            header: t("finance.col.waitsFor"),
            cell: (tr) => (
              <>
                {tr.waitsFor === "signing"
                  ? t("finance.waits.signing")
                  : spendingKeyOf(tr.waitsFor) !== null
                    ? t("spending.waits", { report: reportLabel(spendingKeyOf(tr.waitsFor)!) })
                    : t("finance.waits.report", { report: reportLabel(reportKeyOf(tr.waitsFor) ?? tr.waitsFor) })}
                <br />
                <span className="muted">
                  {tr.due
                    ? t("finance.waits.due", { date: formatDate(tr.conditionMetAt!) })
                    : tr.heldByConditions && tr.conditionMetAt
                      ? t("finance.waits.held")
                      : t("finance.waits.notDue")}
                </span>
              </>
            ),
          },
          { header: t("finance.col.paid"), numeric: true, cell: (tr) => <Money amount={tr.paid} /> },
          { header: t("finance.col.remaining"), numeric: true, cell: (tr) => <Money amount={tr.remaining} /> },
        ]}
      />
    </>
  );
}

/** The grant's disbursements, oldest first, each with its status and its history. */
export function LedgerDisbursements({ disbursements }: { disbursements: Ledger["disbursements"] }) {
  const t = useT();
  return (
    <>
      <h2>{t("finance.ledger.disbursements")}</h2>
      {disbursements.length === 0 ? <p>{t("finance.ledger.none")}</p> : null}
      {disbursements.map((d) => (
        <article key={d.id} className="card">
          <h3>
            <Link to={`/finance/disbursements/${d.id}`}>
              <Money amount={d.amount} /> · {t(`disbursements.method.${d.method}`)}
            </Link>{" "}
            <StatusBadge tone={disbursementTone(d.status)}>{t(`disbursements.status.${d.status}`)}</StatusBadge>
          </h3>
          {d.failureMessage ? <p className="alert alert-error">{t.dynamic(d.failureMessage)}</p> : null}
          <HistoryList entries={d.history} />
        </article>
      ))}
    </>
  );
}
