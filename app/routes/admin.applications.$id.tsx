import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { parseForm, readForm } from "../forms/parse-form.server";
import { formatDate, formatMoneyWithWords } from "../i18n/format";
import { BudgetTable } from "../modules/applications/components/budget-table";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { nextStates, partiesOf } from "../kernel/machine";
import type { CommandResult } from "../kernel/result";
import {
  ClarificationHistory,
  ScreeningAnswers,
  ScreeningAttachments,
  ScreeningChecks,
  ScreeningDecision,
  ScreeningGroup,
} from "../modules/applications/components/screening-views";
import { clarificationRequestSchema, confirmEligibleSchema, confirmIneligibleSchema, overrideEligibleSchema } from "../modules/applications/screening.schema";
import { applicationMachine } from "../modules/applications/machine";
import { confirmEligible, confirmIneligible, loadForScreening, overrideEligible, requestClarification } from "../modules/applications/screening.server";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "screening.page.title", { title: data?.application.title ?? "" });

const intents = ["eligible", "override", "ineligible", "clarify"] as const;
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
  } else if (intent === "override") {
    const parsed = await parseForm(form, overrideEligibleSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    result = await overrideEligible(id, parsed.data.reason, actor);
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
  const awaiting = allowed.includes("eligible");
  return (
    <section>
      <p>
        <Link to={`/admin/rounds/${round.id}/applications`}>{t("screening.page.backToList")}</Link>
        {" · "}
        <Link to={`/notes/application/${application.id}`}>{t("grants.page.notesLink")}</Link>
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

      {/* The application first, then the checks and the decision: staff read before they judge. */}
      <div className="side-by-side aside-last">
        <div>
          <ScreeningGroup group={group} facts={facts} />
          <ScreeningAnswers application={application} />

          <h2 id="screening-budget">{t("screening.budget.heading")}</h2>
          <BudgetTable lines={budgetLines} labelledBy="screening-budget" empty={t("screening.budget.none")} />
          <p>{t("screening.budget.requested", { amount: formatMoneyWithWords(application.requestedAmount, t.locale) })}</p>

          <ScreeningAttachments applicationId={application.id} attachments={attachments} />
          <ClarificationHistory clarifications={clarifications} />
        </div>
        <div>
          <h2>{t("screening.checks.heading")}</h2>
          {!awaiting && application.screening ? <p>{t("screening.checks.saved")}</p> : null}
          <ScreeningChecks checks={checks} requestedAmount={application.requestedAmount} round={round} facts={facts} />
          {awaiting ? <ScreeningDecision allPass={checks.every((c) => c.passed)} errorsFor={errorsFor} /> : null}
        </div>
      </div>
    </section>
  );
}
