import { Link } from "@remix-run/react";
import { Form } from "../../../components/ui/form";
import { CheckboxField } from "../../../components/ui/choice-group";
import { FormError } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";
import { applicationFields, fieldOf } from "../fields-meta";
import type { WizardPage } from "../wizard.server";
import { Summary } from "./summary";
import { useCheckedForm } from "./use-checked-form";

/** Step 6: everything once more, what is still missing (with a link to its step), and the consent. */
export function ReviewStep({ page, errors }: { page: WizardPage; errors?: Record<string, string> }) {
  const t = useT();
  const form = useCheckedForm(() => import("../applications.schema").then((s) => s.submitSchema), {
    serverErrors: errors,
    unchecked: ["back"],
  });
  const problems = Object.entries({ ...page.missing, ...errors }).flatMap(([name, key]) => {
    const field = fieldOf(name);
    return field && field !== "attachments" ? [{ field, key, step: applicationFields[field] }] : [];
  });
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
  const id = page.application.id;
  const inClarification = page.application.status === "clarification_requested";
  return (
    <>
      <FormError error={form.formError} />
      {unique.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t("applications.review.missing")}</p>
          <ul>
            {unique.map((p) => (
              <li key={p.field}>
                <Link to={`/applications/${id}/step/${p.step}`}>{t.dynamic(`applications.field.${p.field}`)}</Link>: {t.dynamic(p.key)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {page.amounts.limitWarning ? (
        // Not refused: the group may still send it, but must know screening will turn it down.
        <div className="alert alert-error" role="alert">
          <p>{t.dynamic(page.amounts.limitWarning)}</p>
          <p>
            {t("applications.review.willFailScreening")} <Link to={`/applications/${id}/step/2`}>{t("applications.review.changeBudget")}</Link>
          </p>
        </div>
      ) : null}
      <Summary data={{ applicationId: id, values: page.values, lines: page.lines, amounts: page.amounts, attachments: page.attachments }} editable />
      {inClarification ? (
        <p className="alert">
          {page.clarification ? (
            <Link to={`/clarifications/${page.clarification.id}`}>{t("applications.clarification.answer")}</Link>
          ) : (
            t("applications.next.answer")
          )}
        </p>
      ) : !page.round.acceptsSubmissions ? (
        <p className="alert alert-error" role="alert">
          {t("applications.errors.roundClosed")}
        </p>
      ) : (
        <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
          <h2>{t("applications.review.consentTitle")}</h2>
          <CheckboxField name="consent" value="yes" label={t("applications.review.consent")} error={form.errorFor("consent")} />
          <div className="inline-form">
            <button type="submit" name="intent" value="submit">
              {t("applications.review.submit")}
            </button>
            <button type="submit" name="intent" value="back" className="secondary">
              {t("applications.wizard.backward")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
