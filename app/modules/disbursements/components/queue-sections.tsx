import { Link } from "@remix-run/react";
import { Form } from "../../../components/ui/form";
import type { Column } from "../../../components/ui/data-table";
import { Money } from "../../../components/ui/money";
import { StatusBadge } from "../../../components/ui/status-badge";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { can } from "../../../kernel/machine";
import { disbursementMachine } from "../machine";
import type { disbursementsPage, dueTranchesPage } from "../queue.server";
import { disbursementTone } from "../status-tone";
import { QueueTable } from "./queue-table";

// The four sections of the finance queue (`/finance`), each a QueueTable with its own columns.

type DueRow = Awaited<ReturnType<typeof dueTranchesPage>>["rows"][number];
type DisbursementRow = Awaited<ReturnType<typeof disbursementsPage>>["rows"][number];

interface SectionProps<Row> {
  rows: readonly Row[];
  hasNext: boolean;
  /** The section shown alone, paginated, at this page; null on the overview. */
  alonePage: number | null;
}

/** The group (to the disbursement) and its tranche, the first column of the disbursement lists. */
function useDisbursementColumns() {
  const t = useT();
  return {
    groupAndTranche: {
      header: t("finance.col.group"),
      cell: (r) => (
        <>
          <Link to={`/finance/disbursements/${r.id}`}>{r.groupName}</Link> · {t("finance.trancheN", { position: r.position })}
        </>
      ),
    } satisfies Column<DisbursementRow>,
    amount: { header: t("finance.col.amount"), numeric: true, cell: (r) => <Money amount={r.amount} /> } satisfies Column<DisbursementRow>,
    method: { header: t("finance.col.method"), cell: (r) => t(`disbursements.method.${r.method}`) } satisfies Column<DisbursementRow>,
    status: {
      header: t("finance.col.status"),
      cell: (r) => <StatusBadge tone={disbursementTone(r.status)}>{t(`disbursements.status.${r.status}`)}</StatusBadge>,
    } satisfies Column<DisbursementRow>,
  };
}

/** Tranches whose condition is met with money left to prepare. */
export function DueQueue({ rows, hasNext, alonePage }: SectionProps<DueRow>) {
  const t = useT();
  return (
    <QueueTable
      id="due"
      title="finance.queue.due"
      empty="finance.queue.dueEmpty"
      rows={rows}
      rowKey={(r) => r.trancheId}
      hasNext={hasNext}
      alonePage={alonePage}
      columns={[
        {
          header: t("finance.col.group"),
          cell: (r) => (
            <>
              <Link to={`/finance/grants/${r.grantId}`}>{r.groupName}</Link>
              <br />
              <span className="muted">{r.title}</span>
            </>
          ),
        },
        { header: t("finance.col.tranche"), cell: (r) => t("finance.trancheN", { position: r.position }) },
        { header: t("finance.col.trancheAmount"), numeric: true, cell: (r) => <Money amount={r.amount} /> },
        {
          header: t("finance.col.remaining"),
          numeric: true,
          cell: (r) => (
            <strong>
              <Money amount={r.remaining} />
            </strong>
          ),
        },
        { header: t("finance.col.dueSince"), cell: (r) => (r.conditionMetAt ? formatDate(r.conditionMetAt) : "") },
      ]}
    />
  );
}

/**
 * Disbursements prepared and waiting for a second person. Whoever prepared one is told so
 * instead of being offered the button; the machine says whether approval is a step from here.
 */
export function ApprovalQueue({ rows, hasNext, alonePage, me, canApprove }: SectionProps<DisbursementRow> & { me: string; canApprove: boolean }) {
  const t = useT();
  const columns = useDisbursementColumns();
  return (
    <QueueTable
      id="approval"
      title="finance.queue.approval"
      empty="finance.queue.approvalEmpty"
      rows={rows}
      rowKey={(r) => r.id}
      hasNext={hasNext}
      alonePage={alonePage}
      columns={[
        columns.groupAndTranche,
        columns.amount,
        columns.method,
        {
          header: t("finance.col.preparedBy"),
          cell: (r) => (
            <>
              {r.preparerName}
              <br />
              <span className="muted">{formatDate(r.preparedAt)}</span>
            </>
          ),
        },
        {
          header: t("finance.col.action"),
          cell: (r) =>
            r.preparedBy === me ? (
              <span className="muted">{t("finance.queue.needsSecond")}</span>
            ) : canApprove && can(disbursementMachine, r.status, "approved", ["finance"]) ? (
              <Form method="post" action={`/finance/disbursements/${r.id}`}>
                <button type="submit" name="intent" value="approve">
                  {t("finance.action.approve")}
                </button>
              </Form>
            ) : null,
        },
      ]}
    />
  );
}

/** Disbursements approved and not yet paid, or on their way through Stripe. */
export function PaymentQueue({ rows, hasNext, alonePage }: SectionProps<DisbursementRow>) {
  const t = useT();
  const columns = useDisbursementColumns();
  return (
    <QueueTable
      id="payment"
      title="finance.queue.payment"
      empty="finance.queue.paymentEmpty"
      rows={rows}
      rowKey={(r) => r.id}
      hasNext={hasNext}
      alonePage={alonePage}
      columns={[
        columns.groupAndTranche,
        columns.amount,
        columns.method,
        columns.status,
        { header: t("finance.col.approvedBy"), cell: (r) => r.approverName ?? "" },
      ]}
    />
  );
}

/** Payments that failed or were reversed, the newest first. */
export function ProblemsQueue({ rows, hasNext, alonePage }: SectionProps<DisbursementRow>) {
  const t = useT();
  const columns = useDisbursementColumns();
  return (
    <QueueTable
      id="problems"
      title="finance.queue.problems"
      empty="finance.queue.problemsEmpty"
      rows={rows}
      rowKey={(r) => r.id}
      hasNext={hasNext}
      alonePage={alonePage}
      columns={[
        columns.groupAndTranche,
        columns.amount,
        columns.status,
        { header: t("finance.col.stripeMessage"), cell: (r) => (r.failureMessage ? t.dynamic(r.failureMessage) : "") },
        { header: t("finance.col.when"), cell: (r) => formatDate(r.updatedAt) },
      ]}
    />
  );
}
