import { Form } from "../../../components/ui/form";
import { Field, FormError } from "../../../components/ui/field";
import { DateField } from "../../../components/ui/date-field";
import { FieldFrame } from "../../../components/ui/field-frame";
import { Money } from "../../../components/ui/money";
import { SelectField } from "../../../components/ui/select-field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { MAX_IN_KIND } from "../spending.schema";
import type { SpendingRow } from "./spending-table";

export const SPENDING_FORM_ID = "spending-form";

type Values = Record<string, string | string[]> | null;

/** What the form shows in a field: what was just typed (a refused post), else what is saved. */
function typed(values: Values, name: string, i?: number): string | undefined {
  const value = values?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (i === undefined ? value[0] : value[i]) : value;
}

/**
 * The group's spending report: one row per approved budget line (what was spent on it in this
 * period, and on which day), the group's own contribution, and a receipt for a line. Plain native
 * inputs: the form posts without JavaScript, and the server checks everything with the one schema.
 */
export function SpendingForm({
  rows,
  report,
  errors,
  values,
}: {
  rows: readonly SpendingRow[];
  report: { ownCash: bigint; ownInKindValue: bigint; ownInKind: string } | null;
  errors: Record<string, string> | undefined;
  values: Values;
}) {
  const t = useT();
  const saved = rows.filter((r) => r.line);
  return (
    <Form method="post" id={SPENDING_FORM_ID} encType="multipart/form-data" className="stack" noValidate>
      <FormError error={errors?.[""]} />
      {rows.map((row, i) => (
        <fieldset key={row.budgetLine.id} className="stack">
          <legend>
            {row.budgetLine.item} — <Money amount={row.budgetLine.total} />
          </legend>
          {row.earlier > 0n ? (
            <p className="hint">
              {t("spending.form.earlier")} <Money amount={row.earlier} />
            </p>
          ) : null}
          <input type="hidden" name="budgetLineId" value={row.budgetLine.id} />
          <Field
            id={`spending-amount-${i}`}
            name="amount"
            label={t("spending.form.amount")}
            hint={t("spending.form.amountHint")}
            inputMode="numeric"
            defaultValue={typed(values, "amount", i) ?? (row.line ? row.line.amount.toString() : "")}
            error={errors?.[`amount.${i}`]}
          />
          <DateField
            id={`spending-date-${i}`}
            name="spentOn"
            label={t("spending.form.spentOn")}
            hint={t("spending.form.spentOnHint")}
            defaultValue={typed(values, "spentOn", i) ?? row.line?.spentOn ?? ""}
            error={errors?.[`spentOn.${i}`]}
          />
          {row.line?.hasReceipt ? <p className="hint">{t("spending.form.hasReceipt", { name: row.line.receiptName ?? "" })}</p> : null}
        </fieldset>
      ))}
      <fieldset className="stack">
        <legend>{t("spending.form.ownTitle")}</legend>
        <Field
          name="ownCash"
          label={t("spending.form.ownCash")}
          hint={t("spending.form.ownCashHint")}
          inputMode="numeric"
          defaultValue={typed(values, "ownCash") ?? (report && report.ownCash > 0n ? report.ownCash.toString() : "")}
          error={errors?.ownCash}
        />
        <Field
          name="ownInKindValue"
          label={t("spending.form.ownInKindValue")}
          hint={t("spending.form.ownInKindValueHint")}
          inputMode="numeric"
          defaultValue={typed(values, "ownInKindValue") ?? (report && report.ownInKindValue > 0n ? report.ownInKindValue.toString() : "")}
          error={errors?.ownInKindValue}
        />
        <TextAreaField
          name="ownInKind"
          label={t("spending.form.ownInKind")}
          hint={t("spending.form.ownInKindHint")}
          maxLength={MAX_IN_KIND}
          defaultValue={typed(values, "ownInKind") ?? report?.ownInKind ?? ""}
          error={errors?.ownInKind}
        />
      </fieldset>
      <div className="inline-form">
        {/* First in the form, so Enter in a field keeps a draft rather than sending the report. */}
        <button type="submit" name="intent" value="save" className="secondary">
          {t("spending.form.save")}
        </button>
        <button type="submit" name="intent" value="submit">
          {t("spending.form.submit")}
        </button>
      </div>
      <fieldset className="stack">
        <legend>{t("spending.receipt.title")}</legend>
        <p className="hint">{t("spending.receipt.hint")}</p>
        <SelectField name="receiptLine" label={t("spending.receipt.line")} error={errors?.receiptLine} defaultValue={typed(values, "receiptLine")}>
          {rows.map((row) => (
            <option key={row.budgetLine.id} value={row.budgetLine.id}>
              {row.budgetLine.item}
              {row.line ? ` — ${formatDate(row.line.spentOn)}` : ""}
            </option>
          ))}
        </SelectField>
        <FieldFrame id="field-receipt" label={t("spending.receipt.file")} hint={t("spending.receipt.fileHint")} error={errors?.receipt}>
          {(wiring) => <input {...wiring} name="receipt" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" />}
        </FieldFrame>
        <div>
          <button type="submit" name="intent" value="upload" className="secondary">
            {t("spending.receipt.upload")}
          </button>
        </div>
        {saved.length === 0 ? <p className="hint">{t("spending.receipt.saveFirst")}</p> : null}
      </fieldset>
    </Form>
  );
}
