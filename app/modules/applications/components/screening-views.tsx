import { Form } from "../../../components/ui/form";
import { ChoiceGroup } from "../../../components/ui/choice-group";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatDate, formatMoney, formatMoneyWithWords } from "../../../i18n/format";
import { isMessageKey } from "../../../i18n/i18n";
import { useT } from "../../../i18n/use-t";
import { clarificationRequestSchema, confirmIneligibleSchema, inlineFields, overrideEligibleSchema, reopenableFieldNames, type InlineField } from "../screening.schema";
import type { loadForScreening } from "../screening.server";

// The admin's screening of one application (`/admin/applications/:id`): the automatic checks,
// the three decisions, and what the group wrote, sent and was asked.

type Screening = NonNullable<Awaited<ReturnType<typeof loadForScreening>>>;
type Errors = Record<string, string> | undefined;

/** A field's name as the screening page says it. */
function useFieldLabel() {
  const t = useT();
  return (name: string) => t.dynamic(`screening.field.${name}`);
}

/** Each automatic check, passed or failed, with the figures it looked at. */
export function ScreeningChecks({
  checks,
  requestedAmount,
  round,
  facts,
}: {
  checks: Screening["checks"];
  requestedAmount: bigint;
  round: Pick<Screening["round"], "minGrant" | "maxGrant">;
  facts: Screening["facts"];
}) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  return (
    <ul className="checklist">
      {checks.map((check) => (
        <li key={check.key}>
          <strong>{check.passed ? `✓ ${t("screening.check.passed")}` : `✗ ${t("screening.check.failed")}`}</strong>
          {" — "}
          {t.dynamic(`screening.check.${check.key}`)}
          {check.key === "amount" ? (
            <span className="muted">
              {" "}
              ({formatMoney(requestedAmount, t.locale)};{" "}
              {t("screening.budget.limits", { min: formatMoney(round.minGrant, t.locale), max: formatMoney(round.maxGrant, t.locale) })})
            </span>
          ) : null}
          {check.key === "womenMajority" ? (
            <span className="muted"> ({t("screening.group.members", { members: facts.members, women: facts.women })})</span>
          ) : null}
          {"missing" in check && check.missing && check.missing.length > 0 ? (
            <div className="muted">{t("screening.check.missing", { fields: check.missing.map(fieldLabel).join(", ") })}</div>
          ) : null}
          {"overrideReason" in check && check.overrideReason ? <div>{t("screening.check.overridden", { reason: check.overrideReason })}</div> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The three answers to an application awaiting screening: eligible (once every check passes),
 * ineligible with the reason the group reads, or a question that reopens some of its answers.
 */
export function ScreeningDecision({ allPass, errorsFor }: { allPass: boolean; errorsFor: (intent: "ineligible" | "clarify" | "override") => Errors }) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  const overrideForm = useZodForm(overrideEligibleSchema, { serverErrors: errorsFor("override") });
  const ineligibleForm = useZodForm(confirmIneligibleSchema, { serverErrors: errorsFor("ineligible") });
  const clarifyForm = useZodForm(clarificationRequestSchema, { serverErrors: errorsFor("clarify") });
  return (
    <>
      <h2>{t("screening.decide.heading")}</h2>
      <div className="card">
        <h3>{t("screening.eligible.heading")}</h3>
        {allPass ? (
          <Form method="post">
            <input type="hidden" name="intent" value="eligible" />
            <button type="submit">{t("screening.eligible.button")}</button>
          </Form>
        ) : (
          <>
            <p>{t("screening.eligible.blocked")}</p>
            {/* The admin's judgement may still find it eligible: the failed checks stay on record, with why. */}
            <Form method="post" className="stack" noValidate onSubmit={overrideForm.onSubmit}>
              <input type="hidden" name="intent" value="override" />
              <TextAreaField
                id="override-reason"
                label={t("screening.override.reason")}
                hint={t("screening.override.reasonHint")}
                maxLength={2000}
                error={overrideForm.errorFor("reason")}
                {...overrideForm.register("reason")}
              />
              <div>
                <button type="submit" className="secondary">
                  {t("screening.override.button")}
                </button>
              </div>
            </Form>
          </>
        )}
      </div>
      <div className="card">
        <h3>{t("screening.ineligible.heading")}</h3>
        <Form method="post" className="stack" noValidate onSubmit={ineligibleForm.onSubmit}>
          <input type="hidden" name="intent" value="ineligible" />
          <TextAreaField
            id="ineligible-note"
            label={t("screening.ineligible.note")}
            hint={t("screening.ineligible.noteHint")}
            maxLength={2000}
            error={ineligibleForm.errorFor("note")}
            {...ineligibleForm.register("note")}
          />
          <div>
            <button type="submit" className="secondary">
              {t("screening.ineligible.button")}
            </button>
          </div>
        </Form>
      </div>
      <div className="card">
        <h3>{t("screening.clarify.heading")}</h3>
        <Form method="post" className="stack" noValidate onSubmit={clarifyForm.onSubmit}>
          <input type="hidden" name="intent" value="clarify" />
          <ChoiceGroup
            id="clarify-fields"
            legend={t("screening.clarify.fields")}
            type="checkbox"
            choices={reopenableFieldNames.map((name) => ({ value: name, label: fieldLabel(name) }))}
            input={clarifyForm.register("fields")}
            error={clarifyForm.errorFor("fields")}
          />
          <TextAreaField
            id="clarify-question"
            label={t("screening.clarify.question")}
            hint={t("screening.clarify.questionHint")}
            maxLength={2000}
            error={clarifyForm.errorFor("question")}
            {...clarifyForm.register("question")}
          />
          <div>
            <button type="submit" className="secondary">
              {t("screening.clarify.button")}
            </button>
          </div>
        </Form>
      </div>
    </>
  );
}

/** The group: where it is, its leader, how many members and how many of them women. */
export function ScreeningGroup({ group, facts }: { group: Screening["group"]; facts: Screening["facts"] }) {
  const t = useT();
  return (
    <>
      <h2>{t("screening.group.heading")}</h2>
      <p>
        <strong>{group.name}</strong>
        <br />
        {t("screening.group.where", {
          village: group.village,
          commune: group.commune,
          province: t.locale === "vi" ? group.provinceVi : group.provinceEn,
        })}
        <br />
        {t("screening.group.leader", { name: group.leaderName })}
        <br />
        {t("screening.group.members", { members: facts.members, women: facts.women })}
      </p>
    </>
  );
}

/** Every answer of the application, as written (amounts in figures and words). */
export function ScreeningAnswers({ application }: { application: Screening["application"] }) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  const activityLabel = (code: string | null) => (code && isMessageKey(`activity.${code}`) ? t.dynamic(`activity.${code}`) : (code ?? ""));
  const showValue = (name: InlineField) => {
    const value = application[name];
    if (value === null || value === "") return <span className="muted">{t("screening.answers.empty")}</span>;
    const kind = inlineFields[name];
    if (kind === "money") return formatMoneyWithWords(value as bigint, t.locale);
    if (kind === "activity") return activityLabel(value as string);
    return <span className="pre-wrap">{String(value)}</span>;
  };
  return (
    <>
      <h2>{t("screening.answers.heading")}</h2>
      <dl>
        {(Object.keys(inlineFields) as InlineField[]).map((name) => (
          <div key={name}>
            <dt>
              <strong>{fieldLabel(name)}</strong>
            </dt>
            <dd>{showValue(name)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** The files the group sent, each a link with its size. */
export function ScreeningAttachments({ applicationId, attachments }: { applicationId: string; attachments: Screening["attachments"] }) {
  const t = useT();
  return (
    <>
      <h2>{t("screening.attachments.heading")}</h2>
      {attachments.length === 0 ? (
        <p>{t("screening.attachments.none")}</p>
      ) : (
        <ul>
          {attachments.map((file) => (
            <li key={file.id}>
              <a href={`/applications/${applicationId}/attachments/${file.id}`}>{file.originalName}</a>{" "}
              <span className="muted">({t("screening.attachments.size", { kb: Math.max(1, Math.round(file.size / 1024)) })})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The questions asked of the group, the answers it gave, and those it still owes. */
export function ClarificationHistory({ clarifications }: { clarifications: Screening["clarifications"] }) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  if (clarifications.length === 0) return null;
  return (
    <>
      <h2>{t("screening.history.heading")}</h2>
      {clarifications.map((c) => (
        <article key={c.id} className="card">
          <p className="muted">
            {t("screening.history.asked", { date: formatDate(c.askedAt, t.locale) })} ·{" "}
            {t("screening.history.fields", { fields: c.fields.map(fieldLabel).join(", ") })}
          </p>
          <p className="pre-wrap">{c.question}</p>
          {c.answeredAt ? (
            <>
              <p className="muted">{t("screening.history.answered", { date: formatDate(c.answeredAt, t.locale) })}</p>
              <p className="pre-wrap">{c.answer}</p>
            </>
          ) : (
            <p className="muted">{t("screening.history.waiting")}</p>
          )}
        </article>
      ))}
    </>
  );
}
