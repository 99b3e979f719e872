import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { Pager } from "../components/ui/pager";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { pageNumber } from "../forms/query";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { assignByHand, autoAssign, dueAtFrom, loadRoundReviewing, requireRound, suggestedDueDay } from "../modules/reviews/assignment.server";
import { ApplicationReviewers, AutoAssignPanel, ShortFilter, WorkloadTable } from "../modules/reviews/components/round-reviewing";
import { assignSchema, autoAssignSchema } from "../modules/reviews/reviews.schema";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "reviews.admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const round = await requireRound(params.roundId);
  const url = new URL(request.url);
  const page = pageNumber(url);
  const onlyShort = url.searchParams.get("short") === "1";
  const view = await loadRoundReviewing(round, { page, onlyShort });
  return {
    round: { id: round.id, titleVi: round.titleVi, titleEn: round.titleEn, reviewersPerApplication: round.reviewersPerApplication },
    ...view,
    page,
    onlyShort,
    suggestedDue: suggestedDueDay(),
    removed: url.searchParams.get("removed") === "1",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const round = await requireRound(params.roundId);
  const formData = await readForm(request, 256 * 1024);
  if (typeof formData === "string") return badRequest({ "": formData });
  const actor = { user: admin, ip: context?.ip ?? "" };
  const intent = String(formData.get("intent") ?? "");
  if (intent === "auto") {
    const form = await parseForm(formData, autoAssignSchema);
    if (!form.ok) return data({ errors: form.errors, intent, applicationId: null }, { status: 400 });
    const result = await autoAssign(round, dueAtFrom(form.data.dueDate), actor);
    if (!result.ok) return data({ errors: result.errors, intent, applicationId: null }, { status: result.status });
    return { notice: "reviews.admin.autoDone" as const, assigned: result.assigned, short: result.short };
  }
  if (intent === "assign") {
    const applicationId = String(formData.get("applicationId") ?? "");
    const form = await parseForm(formData, assignSchema);
    if (!form.ok) return data({ errors: form.errors, intent, applicationId }, { status: 400 });
    const result = await assignByHand(round, { ...form.data, dueAt: dueAtFrom(form.data.dueDate) }, actor);
    if (!result.ok) return data({ errors: result.errors, intent, applicationId }, { status: result.status });
    return { notice: "reviews.admin.assignedOne" as const, assigned: 1, short: 0 };
  }
  return data({ errors: { "": "errors.invalid" }, intent: null, applicationId: null }, { status: 400 });
}

export default function RoundReviewers() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const postedIntent = actionData && "intent" in actionData ? actionData.intent : null;
  const postedFor = actionData && "applicationId" in actionData ? actionData.applicationId : null;
  const { round } = view;
  const roundTitle = t.locale === "en" ? round.titleEn : round.titleVi;
  return (
    <section>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>{roundTitle}</Link>
      </p>
      <h1>{t("reviews.admin.title")}</h1>
      <p>{t("reviews.admin.summary", { eligible: view.counts.eligible, short: view.counts.short, per: round.reviewersPerApplication })}</p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice, { assigned: actionData.assigned, short: actionData.short })}</Notice> : null}
      {view.removed ? <Notice>{t("reviews.admin.removed")}</Notice> : null}
      <FormError error={errors ? Object.values(errors)[0] : undefined} />

      <AutoAssignPanel per={round.reviewersPerApplication} suggestedDue={view.suggestedDue} errors={postedIntent === "auto" ? errors : undefined} />
      <WorkloadTable workload={view.workload} />

      <section aria-labelledby="applications">
        <h2 id="applications">{t("reviews.admin.applications")}</h2>
        <ShortFilter onlyShort={view.onlyShort} />
        {view.applications.length === 0 ? <p>{t("reviews.admin.noApplications")}</p> : null}
        {view.applications.map((a) => (
          <ApplicationReviewers
            key={a.id}
            application={a}
            roundId={round.id}
            per={round.reviewersPerApplication}
            suggestedDue={view.suggestedDue}
            posted={postedFor === a.id ? { errors } : null}
          />
        ))}
        <Pager page={view.page} hasNext={view.hasNext} />
      </section>
    </section>
  );
}
