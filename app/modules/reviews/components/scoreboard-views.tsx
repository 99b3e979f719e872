import { Form } from "../../../components/ui/form";
import { CheckboxField } from "../../../components/ui/choice-group";
import { Field } from "../../../components/ui/field";
import { Filters } from "../../../components/ui/filters";
import { SelectField } from "../../../components/ui/select-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatMoneyWithWords } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { decidedFilters, scoreboardSorts, spreadThresholdSchema, type ScoreboardView } from "../scoreboard.schema";
import type { ScoreboardRound } from "../scoreboard.server";

// The parts of a round's scoreboard (`/admin/rounds/:roundId/scoreboard`) around its table.

/** The round's budget, what is awarded of it and what is left, in figures and in words. */
export function RoundBudget({ round }: { round: Pick<ScoreboardRound, "budget" | "awarded" | "left"> }) {
  const t = useT();
  return (
    <dl className="card">
      <dt>{t("scoreboard.budget")}</dt>
      <dd>{formatMoneyWithWords(round.budget, t.locale)}</dd>
      <dt>{t("scoreboard.awarded")}</dt>
      <dd>{formatMoneyWithWords(round.awarded, t.locale)}</dd>
      <dt>{t("scoreboard.left")}</dt>
      <dd>{formatMoneyWithWords(round.left, t.locale)}</dd>
    </dl>
  );
}

/** How the list is ordered and which rows it shows: a GET form, so each view has its address. */
export function ScoreboardFilters({ view }: { view: ScoreboardView }) {
  const t = useT();
  return (
    <Filters label={t("scoreboard.viewLabel")} submitLabel={t("scoreboard.show")}>
      <SelectField id="sort" name="sort" label={t("scoreboard.sort")} defaultValue={view.sort}>
        {scoreboardSorts.map((sort) => (
          <option key={sort} value={sort}>
            {t(`scoreboard.sort.${sort}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="dir" name="dir" label={t("scoreboard.dir")} defaultValue={view.dir}>
        <option value="desc">{t("scoreboard.dir.desc")}</option>
        <option value="asc">{t("scoreboard.dir.asc")}</option>
      </SelectField>
      <SelectField id="decided" name="decided" label={t("scoreboard.decidedFilter")} defaultValue={view.decided}>
        {decidedFilters.map((filter) => (
          <option key={filter} value={filter}>
            {t(`scoreboard.decided.${filter}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField name="flagged" value="1" defaultChecked={view.flagged} label={t("scoreboard.flaggedOnly")} />
    </Filters>
  );
}

/** The points by which two reviewers may differ before a row is flagged. */
export function SpreadThresholdForm({ current, errors }: { current: number; errors: Record<string, string> | undefined }) {
  const t = useT();
  const form = useZodForm(spreadThresholdSchema, { serverErrors: errors, defaultValues: { spreadThreshold: String(current) } });
  return (
    <Form method="post" className="inline-form" noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="threshold" />
      <Field
        label={t("scoreboard.threshold")}
        hint={t("scoreboard.thresholdHint")}
        inputMode="numeric"
        defaultValue={String(current)}
        error={form.errorFor("spreadThreshold")}
        {...form.register("spreadThreshold")}
      />
      <button type="submit" className="secondary">
        {t("scoreboard.thresholdSave")}
      </button>
    </Form>
  );
}
