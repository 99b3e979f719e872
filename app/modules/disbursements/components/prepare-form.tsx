import { Form, useActionData } from "@remix-run/react";
import { Field, FormError } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { prepareSchema, type Method } from "../disbursements.schema";

export interface PrepareFormProps {
  /** Made by the loader: the same form posted twice prepares one disbursement. */
  formId: string;
  tranches: { id: string; position: number; remaining: bigint }[];
  methods: Record<Method, boolean>;
  banks: readonly { bin: string; shortName: string; name: string }[];
  suggestedBankBin: string | null;
  leaderName: string;
  bankNote: string | null;
}

/** Finance prepares a disbursement of a due tranche; a second person approves it afterwards. */
export function PrepareForm(props: PrepareFormProps) {
  const t = useT();
  const form = useZodForm(prepareSchema);
  const posted = useActionData<{ values?: Record<string, unknown> }>()?.values ?? {};
  // A radio button's value is its own: the posted choice comes back as defaultChecked instead.
  const methodInput = { ...form.register("method"), defaultValue: undefined };
  const first = props.tranches[0];
  const methods = (["stripe", "bank_transfer", "cash"] as const).filter((m) => props.methods[m]);
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      <h2>{t("finance.prepare.title")}</h2>
      <FormError error={form.formError} />
      <input type="hidden" {...form.register("id")} defaultValue={props.formId} />
      <div className={form.errorFor("trancheId") ? "field field-invalid" : "field"}>
        <label htmlFor="field-trancheId">{t("finance.prepare.tranche")}</label>
        <select id="field-trancheId" defaultValue={first?.id} {...form.register("trancheId")}>
          {props.tranches.map((tr) => (
            <option key={tr.id} value={tr.id}>
              {t("finance.prepare.trancheOption", { position: tr.position, remaining: formatMoney(tr.remaining, t.locale) })}
            </option>
          ))}
        </select>
        {form.errorFor("trancheId") ? <p className="field-error">{t.dynamic(form.errorFor("trancheId")!)}</p> : null}
      </div>
      <Field
        label={t("finance.prepare.amount")}
        hint={t("finance.prepare.amountHint")}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={first ? first.remaining.toString() : ""}
        error={form.errorFor("amount")}
        {...form.register("amount")}
      />
      <fieldset className={form.errorFor("method") ? "checks field-invalid" : "checks"}>
        <legend>{t("finance.prepare.method")}</legend>
        {methods.map((m) => (
          <label key={m}>
            <input type="radio" {...methodInput} value={m} defaultChecked={(posted.method ?? methods[0]) === m} /> {t(`disbursements.method.${m}`)}
          </label>
        ))}
        {!props.methods.stripe ? <p className="hint">{t("finance.prepare.noStripe")}</p> : null}
        {!props.methods.bank_transfer ? <p className="hint">{t("finance.prepare.noBank")}</p> : null}
        {form.errorFor("method") ? <p className="field-error">{t.dynamic(form.errorFor("method")!)}</p> : null}
      </fieldset>
      {props.methods.bank_transfer ? (
        <div className={form.errorFor("bankBin") ? "field field-invalid" : "field"}>
          <label htmlFor="field-bankBin">{t("finance.prepare.bank")}</label>
          <p className="hint" id="field-bankBin-hint">
            {t("finance.prepare.bankHint", { bank: props.bankNote ?? "—" })}
          </p>
          <select id="field-bankBin" aria-describedby="field-bankBin-hint" defaultValue={props.suggestedBankBin ?? ""} {...form.register("bankBin")}>
            <option value="">{t("finance.prepare.bankNone")}</option>
            {props.banks.map((b) => (
              <option key={b.bin} value={b.bin}>
                {b.shortName} — {b.name}
              </option>
            ))}
          </select>
          {form.errorFor("bankBin") ? <p className="field-error">{t.dynamic(form.errorFor("bankBin")!)}</p> : null}
        </div>
      ) : null}
      <Field
        label={t("finance.prepare.recipient")}
        hint={t("finance.prepare.recipientHint")}
        defaultValue={props.leaderName}
        error={form.errorFor("recipientName")}
        {...form.register("recipientName")}
      />
      <TextAreaField label={t("finance.prepare.note")} rows={2} error={form.errorFor("note")} {...form.register("note")} />
      <div>
        <button type="submit" name="intent" value="prepare">
          {t("finance.prepare.submit")}
        </button>
      </div>
    </Form>
  );
}
