import { useActionData } from "@remix-run/react";
import { Form } from "../../../components/ui/form";
import { ChoiceGroup } from "../../../components/ui/choice-group";
import { Field, FormError } from "../../../components/ui/field";
import { SelectField } from "../../../components/ui/select-field";
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
  const first = props.tranches[0];
  const methods = (["stripe", "bank_transfer", "cash"] as const).filter((m) => props.methods[m]);
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      <h2>{t("finance.prepare.title")}</h2>
      <FormError error={form.formError} />
      <input type="hidden" {...form.register("id")} defaultValue={props.formId} />
      <SelectField label={t("finance.prepare.tranche")} defaultValue={first?.id} error={form.errorFor("trancheId")} {...form.register("trancheId")}>
        {props.tranches.map((tr) => (
          <option key={tr.id} value={tr.id}>
            {t("finance.prepare.trancheOption", { position: tr.position, remaining: formatMoney(tr.remaining, t.locale) })}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("finance.prepare.amount")}
        hint={t("finance.prepare.amountHint")}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={first ? first.remaining.toString() : ""}
        error={form.errorFor("amount")}
        {...form.register("amount")}
      />
      <ChoiceGroup
        id="field-method"
        type="radio"
        legend={t("finance.prepare.method")}
        choices={methods.map((m) => ({ value: m, label: t(`disbursements.method.${m}`) }))}
        input={form.register("method")}
        checked={(m) => (posted.method ?? methods[0]) === m}
        after={
          <>
            {!props.methods.stripe ? <p className="hint">{t("finance.prepare.noStripe")}</p> : null}
            {!props.methods.bank_transfer ? <p className="hint">{t("finance.prepare.noBank")}</p> : null}
          </>
        }
        error={form.errorFor("method")}
      />
      {props.methods.bank_transfer ? (
        <SelectField
          label={t("finance.prepare.bank")}
          hint={t("finance.prepare.bankHint", { bank: props.bankNote ?? "—" })}
          defaultValue={props.suggestedBankBin ?? ""}
          error={form.errorFor("bankBin")}
          {...form.register("bankBin")}
        >
          <option value="">{t("finance.prepare.bankNone")}</option>
          {props.banks.map((b) => (
            <option key={b.bin} value={b.bin}>
              {b.shortName} — {b.name}
            </option>
          ))}
        </SelectField>
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
