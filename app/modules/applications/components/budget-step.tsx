import { Form } from "../../../components/ui/form";
import { Field, FormError } from "../../../components/ui/field";
import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { AmountInput, TextArea } from "./fields";
import { AutosaveNote, loadSchema, lockedIn, one, StepButtons, valuesOf, type StepProps } from "./step-parts";
import { useDraftForm } from "./use-draft-form";

interface Row {
  item: string;
  quantity: string;
  unitCost: string;
  /** The saved line's total, in đồng. */
  total?: bigint;
}

function rowsOf({ page, posted }: StepProps): Row[] {
  if (posted) {
    const list = (k: string) => (Array.isArray(posted[k]) ? (posted[k] as string[]) : []);
    const [items, quantities, costs] = [list("item"), list("quantity"), list("unitCost")];
    const n = Math.max(items.length, quantities.length, costs.length, 1);
    return Array.from({ length: n }, (_, i) => ({ item: items[i] ?? "", quantity: quantities[i] ?? "", unitCost: costs[i] ?? "" }));
  }
  const saved = page.values.item.map((item, i) => ({
    item,
    quantity: page.values.quantity[i],
    unitCost: page.values.unitCost[i],
    total: page.lines[i]?.total,
  }));
  return [...saved, ...Array.from({ length: page.blankRows }, () => ({ item: "", quantity: "", unitCost: "" }))];
}

export function BudgetStep(props: StepProps) {
  const t = useT();
  const v = valuesOf(props);
  const rows = rowsOf(props);
  const locked = lockedIn(props.page);
  const linesLocked = locked("item");
  const form = useDraftForm(loadSchema("budgetSchema"), {
    serverErrors: props.errors,
    defaultValues: {
      item: rows.map((r) => r.item),
      quantity: rows.map((r) => r.quantity),
      unitCost: rows.map((r) => r.unitCost),
      ownContributionCash: one(v.ownContributionCash),
      ownContributionKind: one(v.ownContributionKind),
    },
    autosave: true,
  });
  const amounts = { ...props.page.amounts, ...form.autosave.amounts };
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} ref={form.formRef}>
      {/* Pressing Enter in a field submits the form's first button: let that be "save", never "remove a line". */}
      <button type="submit" name="intent" value="stay" className="skip-link" tabIndex={-1} aria-hidden="true">
        {t("applications.wizard.stay")}
      </button>
      <FormError error={form.formError} />
      <p>{t("applications.budget.intro")}</p>
      <p className="hint">{t("applications.budget.limits", props.page.round.limits)}</p>
      {form.errorFor("item") && !rows.some((_, i) => form.errorFor(`item.${i}`)) ? (
        <p className="field-error">{t.dynamic(form.errorFor("item") ?? "")}</p>
      ) : null}
      {rows.map((row, i) => (
        <fieldset key={i} className="stack">
          <legend>{t("applications.budget.line", { n: i + 1 })}</legend>
          <Field
            id={`field-item-${i}`}
            label={t("applications.field.item")}
            hint={i === 0 ? t("applications.hint.item") : undefined}
            defaultValue={row.item}
            disabled={linesLocked}
            error={form.errorFor(`item.${i}`)}
            // Posted as repeated "item" fields, in row order, as a plain form does without JavaScript.
            name="item"
            {...form.registerRow(`item.${i}`)}
          />
          <Field
            id={`field-quantity-${i}`}
            label={t("applications.field.quantity")}
            hint={i === 0 ? t("applications.hint.quantity") : undefined}
            inputMode="numeric"
            defaultValue={row.quantity}
            disabled={linesLocked}
            error={form.errorFor(`quantity.${i}`)}
            // Posted as repeated "quantity" fields, in row order, as a plain form does without JavaScript.
            name="quantity"
            {...form.registerRow(`quantity.${i}`)}
          />
          <AmountInput
            id={`field-unitCost-${i}`}
            label={t("applications.field.unitCost")}
            hint={i === 0 ? t("applications.hint.unitCost") : undefined}
            defaultValue={row.unitCost}
            disabled={linesLocked}
            error={form.errorFor(`unitCost.${i}`)}
            // Posted as repeated "unitCost" fields, in row order, as a plain form does without JavaScript.
            name="unitCost"
            {...form.registerRow(`unitCost.${i}`)}
          />
          {row.total !== undefined ? <p>{t("applications.budget.lineTotal", { total: formatMoney(row.total, t.locale) })}</p> : null}
          {linesLocked ? null : (
            <div>
              <button type="submit" name="intent" value={`remove-line:${i}`} className="secondary">
                {t("applications.budget.remove", { n: i + 1 })}
              </button>
            </div>
          )}
        </fieldset>
      ))}
      {linesLocked ? null : (
        <div>
          <button type="submit" name="intent" value="add-line" className="secondary">
            {t("applications.budget.add")}
          </button>
        </div>
      )}
      <div role="status" aria-live="polite">
        <p>
          <strong>{t("applications.budget.total", { total: amounts.requestedAmount ?? "" })}</strong>
          <br />
          <span className="hint">{t("applications.budget.totalHint")}</span>
        </p>
        {amounts.limitWarning ? <p className="alert alert-error">{t.dynamic(amounts.limitWarning)}</p> : null}
      </div>
      <AmountInput
        label={t("applications.field.ownContributionCash")}
        hint={t("applications.hint.ownContributionCash")}
        words={amounts.ownContributionCash}
        defaultValue={one(v.ownContributionCash)}
        disabled={locked("ownContributionCash")}
        error={form.errorFor("ownContributionCash")}
        {...form.register("ownContributionCash")}
      />
      <TextArea
        label={t("applications.field.ownContributionKind")}
        hint={t("applications.hint.ownContributionKind")}
        defaultValue={one(v.ownContributionKind)}
        disabled={locked("ownContributionKind")}
        error={form.errorFor("ownContributionKind")}
        {...form.register("ownContributionKind")}
      />
      <StepButtons />
      <AutosaveNote state={form.autosave} />
    </Form>
  );
}

/** The budget's rows are new inputs after every save that changes them: a fresh form state for them. */
export function budgetKey(page: { lines: { item: string }[]; blankRows: number; done: string | null }) {
  return `${page.lines.length}-${page.blankRows}-${page.lines.map((l) => l.item).join("|").length}-${page.done ?? ""}`;
}
