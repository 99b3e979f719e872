import { Form } from "../../../components/ui/form";
import { Field } from "../../../components/ui/field";
import { Money } from "../../../components/ui/money";
import { SelectField } from "../../../components/ui/select-field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatDate, formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { can, type Party } from "../../../kernel/machine";
import { todayInVietNam } from "../disbursements.schema";
import { recordReturnSchema, returnKinds, returnMethods } from "../returns.schema";
import { moneyReturnMachine, type MoneyReturnStatus } from "../returns-machine";

// Money coming back (issue 14): the grant's returns, each with what the reader may do to it, and
// the form that records one (multipart: its proof travels beside the fields).

type Values = Record<string, string | string[]> | undefined;
const typed = (values: Values, name: string) => (typeof values?.[name] === "string" ? (values[name] as string) : undefined);

export interface ReturnRow {
  id: string;
  kind: (typeof returnKinds)[number];
  amount: bigint;
  receivedOn: string;
  reference: string;
  status: MoneyReturnStatus;
  preparedBy: string;
}

/** The returns, oldest first; approve and cancel where the machine allows and the two-people rule does. */
export function ReturnsList({ rows, parties, me }: { rows: readonly ReturnRow[]; parties: readonly Party[]; me: string }) {
  const t = useT();
  if (rows.length === 0) return <p className="muted">{t("finance.returns.empty")}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t("finance.returns.col.date")}</th>
          <th>{t("finance.returns.col.kind")}</th>
          <th>{t("finance.returns.col.amount")}</th>
          <th>{t("finance.returns.col.status")}</th>
          <th>{t("finance.returns.col.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-return={r.id}>
            <td>{formatDate(r.receivedOn)}</td>
            <td>
              {t(`finance.returns.kind.${r.kind}`)}
              {r.reference ? ` · ${r.reference}` : null}
            </td>
            <td>
              <Money amount={r.amount} />
            </td>
            <td>{t(`finance.returns.status.${r.status}`)}</td>
            <td>
              {can(moneyReturnMachine, r.status, "approved", parties) && r.preparedBy !== me ? (
                <Form method="post">
                  <input type="hidden" name="returnId" value={r.id} />
                  <button type="submit" name="intent" value="approve">
                    {t("finance.returns.approve")}
                  </button>
                </Form>
              ) : null}
              {can(moneyReturnMachine, r.status, "cancelled", parties) ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="returnId" value={r.id} />
                  <Field name="reason" label={t("finance.returns.cancelReason")} maxLength={1000} required />
                  <div>
                    <button type="submit" name="intent" value="cancel" className="secondary">
                      {t("finance.returns.cancel")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Records money that came back: which disbursement (none for a refund), how much, when, how, and its proof. */
export function RecordReturnForm({
  paid,
  errors,
  values,
}: {
  paid: readonly { id: string; position: number; amount: bigint; paidOn: string | null }[];
  errors?: Record<string, string>;
  values?: Values;
}) {
  const t = useT();
  const form = useZodForm(recordReturnSchema, { serverErrors: errors });
  const today = todayInVietNam();
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={form.onSubmit} aria-labelledby="record-return-heading">
      <h2 id="record-return-heading">{t("finance.returns.recordTitle")}</h2>
      <SelectField label={t("finance.returns.kind")} defaultValue={typed(values, "kind")} error={form.errorFor("kind")} {...form.register("kind")}>
        {returnKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`finance.returns.kind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("finance.returns.disbursement")}
        defaultValue={typed(values, "disbursementId")}
        error={form.errorFor("disbursementId")}
        {...form.register("disbursementId")}
      >
        <option value="">{t("finance.returns.disbursementNone")}</option>
        {paid.map((d) => (
          <option key={d.id} value={d.id}>
            {t("finance.returns.disbursementOption", { position: d.position, amount: formatMoney(d.amount, t.locale), date: d.paidOn ? formatDate(d.paidOn) : "" })}
          </option>
        ))}
      </SelectField>
      <Field label={t("finance.returns.amount")} inputMode="numeric" defaultValue={typed(values, "amount")} error={form.errorFor("amount")} {...form.register("amount")} />
      <SelectField label={t("finance.returns.method")} defaultValue={typed(values, "method")} error={form.errorFor("method")} {...form.register("method")}>
        {returnMethods.map((method) => (
          <option key={method} value={method}>
            {t(`finance.returns.method.${method}`)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("finance.returns.receivedOn")}
        type="date"
        max={today}
        defaultValue={typed(values, "receivedOn") ?? today}
        error={form.errorFor("receivedOn")}
        {...form.register("receivedOn")}
      />
      <Field
        label={t("finance.returns.reference")}
        hint={t("finance.returns.referenceHint")}
        maxLength={100}
        defaultValue={typed(values, "reference")}
        error={form.errorFor("reference")}
        {...form.register("reference")}
      />
      <Field name="proof" label={t("finance.returns.proof")} hint={t("finance.returns.proofHint")} type="file" accept="image/jpeg,image/png,image/webp,application/pdf" error={errors?.proof} />
      <TextAreaField label={t("finance.returns.note")} maxLength={1000} rows={2} defaultValue={typed(values, "note")} error={form.errorFor("note")} {...form.register("note")} />
      <div>
        <button type="submit" name="intent" value="record">
          {t("finance.returns.submit")}
        </button>
      </div>
    </Form>
  );
}
