import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { useMemo } from "react";
import { Field, FormError } from "../components/ui/field";
import { parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDate } from "../i18n/format";
import { isMessageKey } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { clarificationAnswerSchema, inlineFields, isInlineField } from "../modules/applications/screening.schema";
import { answerClarification, loadClarificationForGroup } from "../modules/applications/screening.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { activityTypes } from "../modules/programmes/activities";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "screening.answer.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  return loadClarificationForGroup(params.id ?? "", user);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const id = params.id ?? "";
  // Another group's clarification is a 404 before anything posted is even read.
  const current = await loadClarificationForGroup(id, user);
  if (!current.open) return data({ errors: { "": "screening.errors.alreadyAnswered" } }, { status: 409 });
  const form = await parseForm(request, clarificationAnswerSchema(current.fields));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await answerClarification(id, form.data as Record<string, unknown> & { answer: string }, actorOf(user, context?.ip ?? ""));
  if (!result.ok) {
    if (result.status === 404) throw new Response("Not found", { status: 404 });
    return data({ errors: result.errors }, { status: result.status });
  }
  return redirect(`/clarifications/${id}`);
}

export default function AnswerClarification() {
  const t = useT();
  const { clarification, application, groupName, open, fields, values, wizardSteps } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const schema = useMemo(() => clarificationAnswerSchema(fields), [fields]);
  // The reopened answers start from what the group wrote before, with or without JavaScript.
  const form = useZodForm(schema, { serverErrors: actionData?.errors, defaultValues: values });
  const activityLabel = (code: string) => (isMessageKey(`activity.${code}`) ? t.dynamic(`activity.${code}`) : code);
  const answerError = form.errorFor("answer");
  return (
    <section>
      <h1>{t("screening.answer.title")}</h1>
      <p>{t("screening.answer.application", { title: application.title, group: groupName })}</p>
      <div className="card">
        <h2>{t("screening.answer.question")}</h2>
        <p className="pre-wrap">{clarification.question}</p>
      </div>
      {clarification.answeredAt ? (
        <>
          <p>{t("screening.answer.done", { date: formatDate(clarification.answeredAt, t.locale) })}</p>
          <p className="pre-wrap">{clarification.answer}</p>
        </>
      ) : !open ? (
        <p>{t("screening.answer.closed")}</p>
      ) : (
        <>
          <p>{t("screening.answer.intro")}</p>
          {wizardSteps.length > 0 ? (
            <>
              <p>{t("screening.answer.wizardIntro")}</p>
              <ul>
                {wizardSteps.map(({ field, step }) => (
                  <li key={field}>
                    <Link to={`/applications/${application.id}/step/${step}`}>
                      {t("screening.answer.editInWizard", { field: t.dynamic(`screening.field.${field}`) })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <FormError error={form.formError} />
          <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
            {fields.length > 0 ? <h2>{t("screening.answer.reopened")}</h2> : null}
            {fields.filter(isInlineField).map((name) => {
              const kind = inlineFields[name];
              const label = t.dynamic(`screening.field.${name}`);
              const hint = t.dynamic(`screening.hint.${name}`);
              const error = form.errorFor(name);
              if (kind === "activity") {
                return (
                  <Field key={name} name={name} label={label} hint={hint} error={error}>
                    <select
                      id={`field-${name}`}
                      defaultValue={values[name]}
                      aria-describedby={`field-${name}-hint${error ? ` field-${name}-error` : ""}`}
                      aria-invalid={error ? true : undefined}
                      {...form.register(name)}
                    >
                      <option value="">{t("screening.answer.chooseActivity")}</option>
                      {activityTypes.map((code) => (
                        <option key={code} value={code}>
                          {activityLabel(code)}
                        </option>
                      ))}
                    </select>
                  </Field>
                );
              }
              if (kind === "longText") {
                return (
                  <Field key={name} name={name} label={label} hint={hint} error={error}>
                    <textarea
                      id={`field-${name}`}
                      rows={4}
                      defaultValue={values[name]}
                      aria-describedby={`field-${name}-hint${error ? ` field-${name}-error` : ""}`}
                      aria-invalid={error ? true : undefined}
                      {...form.register(name)}
                    />
                  </Field>
                );
              }
              return (
                <Field
                  key={name}
                  label={label}
                  hint={hint}
                  error={error}
                  defaultValue={values[name]}
                  inputMode={kind === "money" || kind === "count" ? "numeric" : undefined}
                  {...form.register(name)}
                />
              );
            })}
            <Field name="answer" label={t("screening.answer.answer")} hint={t("screening.answer.answerHint")} error={answerError}>
              <textarea
                id="field-answer"
                rows={5}
                maxLength={2000}
                aria-describedby={`field-answer-hint${answerError ? " field-answer-error" : ""}`}
                aria-invalid={answerError ? true : undefined}
                {...form.register("answer")}
              />
            </Field>
            <div>
              <button type="submit">{t("screening.answer.submit")}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
