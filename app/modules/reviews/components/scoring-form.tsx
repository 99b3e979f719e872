import { Form } from "../../../components/ui/form";
import { ChoiceGroup } from "../../../components/ui/choice-group";
import { Field, FormError } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";
import { COMMENT_MAX, commentField, OVERALL_MAX, recommendations, scoreField } from "../reviews.schema";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useScoringForm } from "./use-scoring-form";

export interface ScoringCriterion {
  id: string;
  position: number;
  labelVi: string;
  labelEn: string;
  guidanceVi: string;
  guidanceEn: string;
  weight: number;
  maxScore: number;
}

interface ScoringFormProps {
  criteria: ScoringCriterion[];
  own: { criterionId: string; score: number; comment: string }[];
  recommendation: string | null;
  overallComment: string;
  serverErrors?: Record<string, string>;
}

/**
 * Every criterion of the rubric with its score (a whole number, 0 to its maximum) and comment, the
 * recommendation and the overall comment. "Save draft" keeps what is there; "Submit" needs it all
 * and locks the review.
 */
export function ScoringForm({ criteria, own, recommendation, overallComment, serverErrors }: ScoringFormProps) {
  const t = useT();
  const saved = new Map(own.map((s) => [s.criterionId, s]));
  const defaultValues: Record<string, string | null> = { recommendation, overallComment };
  for (const c of criteria) {
    defaultValues[scoreField(c.position)] = saved.has(c.id) ? String(saved.get(c.id)!.score) : "";
    defaultValues[commentField(c.position)] = saved.get(c.id)?.comment ?? "";
  }
  const form = useScoringForm(criteria, { serverErrors, defaultValues });
  return (
    <section aria-labelledby="scoring">
      <h2 id="scoring">{t("reviews.form.title")}</h2>
      <p>{t("reviews.form.intro")}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        {criteria.map((c) => {
          const label = t.locale === "en" ? c.labelEn : c.labelVi;
          const guidance = t.locale === "en" ? c.guidanceEn : c.guidanceVi;
          const scoreName = scoreField(c.position);
          const commentName = commentField(c.position);
          const scoreError = form.errorFor(scoreName);
          return (
            <fieldset key={c.id} className="stack">
              <legend>
                {c.position}. {label}
              </legend>
              {guidance ? <p className="hint">{guidance}</p> : null}
              <p className="hint">{t("reviews.form.weight", { weight: c.weight })}</p>
              <Field
                label={t("reviews.form.scoreLabel", { max: c.maxScore })}
                hint={t("reviews.form.scoreHint", { max: c.maxScore })}
                error={scoreError}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={4}
                defaultValue={defaultValues[scoreName] ?? ""}
                {...form.register(scoreName)}
              />
              <TextAreaField
                id={`field-${commentName}`}
                label={t("reviews.form.commentLabel")}
                hint={t("reviews.form.commentHint")}
                maxLength={COMMENT_MAX}
                defaultValue={defaultValues[commentName] ?? ""}
                error={form.errorFor(commentName)}
                {...form.register(commentName)}
              />
            </fieldset>
          );
        })}
        <ChoiceGroup
          id="recommendation"
          type="radio"
          legend={t("reviews.form.recommendation")}
          choices={recommendations.map((r) => ({ value: r, label: t.dynamic(`reviews.recommendation.${r}`) }))}
          input={form.register("recommendation")}
          checked={(r) => recommendation === r}
          error={form.errorFor("recommendation")}
        />
        <TextAreaField
          id="field-overallComment"
          label={t("reviews.form.overall")}
          hint={t("reviews.form.overallHint")}
          rows={6}
          maxLength={OVERALL_MAX}
          defaultValue={overallComment}
          error={form.errorFor("overallComment")}
          {...form.register("overallComment")}
        />
        <p className="hint">{t("reviews.form.submitWarning")}</p>
        <div className="inline-form">
          <button type="submit" name="intent" value="draft" className="secondary">
            {t("reviews.form.saveDraft")}
          </button>
          <button type="submit" name="intent" value="submit">
            {t("reviews.form.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
