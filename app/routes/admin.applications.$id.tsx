import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { parseForm, readForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDate, formatMoney, formatMoneyWithWords } from "../i18n/format";
import { isMessageKey } from "../i18n/i18n";
import { ChoiceGroup } from "../components/ui/choice-group";
import { BudgetTable } from "../modules/applications/components/budget-table";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { nextStates, partiesOf } from "../kernel/machine";
import type { CommandResult } from "../kernel/result";
import {
  clarificationRequestSchema,
  confirmEligibleSchema,
  confirmIneligibleSchema,
  inlineFields,
  reopenableFieldNames,
  type InlineField,
} from "../modules/applications/screening.schema";
import { applicationMachine } from "../modules/applications/machine";
import { confirmEligible, confirmIneligible, loadForScreening, requestClarification } from "../modules/applications/screening.server";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";

export const handle: RouteHandle = { access: ["admin"] };

const intents = ["eligible", "ineligible", "clarify"] as const;
type Intent = (typeof intents)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const screening = await loadForScreening(params.id ?? "");
  notFoundUnless(screening);
  // The screening forms show while the machine lets this admin decide (the application awaits screening).
  return { ...screening, allowed: nextStates(applicationMachine, screening.application.status, partiesOf(admin)) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const id = params.id ?? "";
  const form = await readForm(request, 256 * 1024);
  if (!(form instanceof FormData)) return data({ intent: null, errors: { "": form } }, { status: 400 });
  const intent = intents.find((i) => i === form.get("intent"));
  if (!intent) return data({ intent: null, errors: { "": "errors.invalid" } }, { status: 400 });
  const actor = actorOf(admin, context?.ip ?? "");
  let result: CommandResult;
  if (intent === "eligible") {
    const parsed = await parseForm(form, confirmEligibleSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    result = await confirmEligible(id, actor);
  } else if (intent === "ineligible") {
    const parsed = await parseForm(form, confirmIneligibleSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    result = await confirmIneligible(id, parsed.data.note, actor);
  } else {
    const parsed = await parseForm(form, clarificationRequestSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    result = await requestClarification(id, parsed.data, actor);
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response("Not found", { status: 404 });
    return data({ intent, errors: result.errors }, { status: result.status });
  }
  return redirect(`/admin/applications/${id}?done=${intent}`);
}

export default function ScreenApplication() {
  const t = useT();
  const { application, group, round, budgetLines, facts, checks, clarifications, attachments, allowed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = intents.find((i) => i === searchParams.get("done"));
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData.errors : undefined);
  const ineligibleForm = useZodForm(confirmIneligibleSchema, { serverErrors: errorsFor("ineligible") });
  const clarifyForm = useZodForm(clarificationRequestSchema, { serverErrors: errorsFor("clarify") });
  const fieldsError = clarifyForm.errorFor("fields");
  const fieldLabel = (name: string) => t.dynamic(`screening.field.${name}`);
  const activityLabel = (code: string | null) => (code && isMessageKey(`activity.${code}`) ? t.dynamic(`activity.${code}`) : (code ?? ""));
  const showValue = (name: InlineField) => {
    const value = application[name];
    if (value === null || value === "") return <span className="muted">{t("screening.answers.empty")}</span>;
    const kind = inlineFields[name];
    if (kind === "money") return formatMoneyWithWords(value as bigint, t.locale);
    if (kind === "activity") return activityLabel(value as string);
    return <span className="pre-wrap">{String(value)}</span>;
  };
  const awaiting = allowed.includes("eligible");
  const allPass = checks.every((c) => c.passed);
  return (
    <section>
      <p>
        <Link to={`/admin/rounds/${round.id}/applications`}>{t("screening.page.backToList")}</Link>
      </p>
      <h1>{t("screening.page.title", { title: application.title || t("screening.page.untitled") })}</h1>
      {done ? <Notice>{t(`screening.done.${done}`)}</Notice> : null}
      <FormError error={actionData?.errors[""]} />
      <p>
        {t("screening.page.round", { round: t.locale === "vi" ? round.titleVi : round.titleEn })}
        <br />
        <strong>{t("screening.page.status", { status: t.dynamic(`screening.status.${application.status}`) })}</strong>
        {application.submittedAt ? (
          <>
            <br />
            {t("screening.page.submittedAt", { date: formatDate(application.submittedAt, t.locale) })}
          </>
        ) : null}
      </p>
      {application.status === "ineligible" && application.screeningNote ? (
        <div className="card">
          <p>{t("screening.decided.note")}</p>
          <p className="pre-wrap">{application.screeningNote}</p>
        </div>
      ) : null}

      <h2>{t("screening.checks.heading")}</h2>
      {!awaiting && application.screening ? <p>{t("screening.checks.saved")}</p> : null}
      <ul className="checklist">
        {checks.map((check) => (
          <li key={check.key}>
            <strong>{check.passed ? `✓ ${t("screening.check.passed")}` : `✗ ${t("screening.check.failed")}`}</strong>
            {" — "}
            {t.dynamic(`screening.check.${check.key}`)}
            {check.key === "amount" ? (
              <span className="muted">
                {" "}
                ({formatMoney(application.requestedAmount, t.locale)};{" "}
                {t("screening.budget.limits", { min: formatMoney(round.minGrant, t.locale), max: formatMoney(round.maxGrant, t.locale) })})
              </span>
            ) : null}
            {check.key === "womenMajority" ? (
              <span className="muted"> ({t("screening.group.members", { members: facts.members, women: facts.women })})</span>
            ) : null}
            {"missing" in check && check.missing && check.missing.length > 0 ? (
              <div className="muted">{t("screening.check.missing", { fields: check.missing.map(fieldLabel).join(", ") })}</div>
            ) : null}
          </li>
        ))}
      </ul>

      {awaiting ? (
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
              <p>{t("screening.eligible.blocked")}</p>
            )}
          </div>
          <div className="card">
            <h3>{t("screening.ineligible.heading")}</h3>
            <Form method="post" className="stack" noValidate onSubmit={ineligibleForm.onSubmit}>
              <input type="hidden" name="intent" value="ineligible" />
              <div className={ineligibleForm.errorFor("note") ? "field field-invalid" : "field"}>
                <label htmlFor="ineligible-note">{t("screening.ineligible.note")}</label>
                <p className="hint" id="ineligible-note-hint">
                  {t("screening.ineligible.noteHint")}
                </p>
                <textarea
                  id="ineligible-note"
                  rows={4}
                  maxLength={2000}
                  aria-invalid={ineligibleForm.errorFor("note") ? true : undefined}
                  aria-describedby={ineligibleForm.errorFor("note") ? "ineligible-note-hint ineligible-note-error" : "ineligible-note-hint"}
                  {...ineligibleForm.register("note")}
                />
                {ineligibleForm.errorFor("note") ? (
                  <p className="field-error" id="ineligible-note-error">
                    {t.dynamic(ineligibleForm.errorFor("note")!)}
                  </p>
                ) : null}
              </div>
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
                error={fieldsError}
              />
              <div className={clarifyForm.errorFor("question") ? "field field-invalid" : "field"}>
                <label htmlFor="clarify-question">{t("screening.clarify.question")}</label>
                <p className="hint" id="clarify-question-hint">
                  {t("screening.clarify.questionHint")}
                </p>
                <textarea
                  id="clarify-question"
                  rows={4}
                  maxLength={2000}
                  aria-invalid={clarifyForm.errorFor("question") ? true : undefined}
                  aria-describedby={clarifyForm.errorFor("question") ? "clarify-question-hint clarify-question-error" : "clarify-question-hint"}
                  {...clarifyForm.register("question")}
                />
                {clarifyForm.errorFor("question") ? (
                  <p className="field-error" id="clarify-question-error">
                    {t.dynamic(clarifyForm.errorFor("question")!)}
                  </p>
                ) : null}
              </div>
              <div>
                <button type="submit" className="secondary">
                  {t("screening.clarify.button")}
                </button>
              </div>
            </Form>
          </div>
        </>
      ) : null}

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

      <h2 id="screening-budget">{t("screening.budget.heading")}</h2>
      <BudgetTable lines={budgetLines} labelledBy="screening-budget" empty={t("screening.budget.none")} />
      <p>{t("screening.budget.requested", { amount: formatMoneyWithWords(application.requestedAmount, t.locale) })}</p>

      <h2>{t("screening.attachments.heading")}</h2>
      {attachments.length === 0 ? (
        <p>{t("screening.attachments.none")}</p>
      ) : (
        <ul>
          {attachments.map((file) => (
            <li key={file.id}>
              <a href={`/applications/${application.id}/attachments/${file.id}`}>{file.originalName}</a>{" "}
              <span className="muted">({t("screening.attachments.size", { kb: Math.max(1, Math.round(file.size / 1024)) })})</span>
            </li>
          ))}
        </ul>
      )}

      {clarifications.length > 0 ? (
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
      ) : null}
    </section>
  );
}
