import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { useT } from "../i18n/use-t";
import { can, partiesOf } from "../kernel/machine";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { reviewMachine } from "../modules/reviews/machine";
import { loadAssignmentForAdmin, reassign, reopenReview, requireRound, unassign } from "../modules/reviews/assignment.server";
import { AssignmentFacts, ReassignForm, ReopenForm, UnassignForm } from "../modules/reviews/components/assignment-admin";
import { ReviewScores } from "../modules/reviews/components/review-scores";
import { isMovable, isUnderReview } from "../modules/reviews/review-rules";
import { reassignSchema, reopenSchema, unassignSchema } from "../modules/reviews/reviews.schema";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "reviews.admin.assignmentTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const round = await requireRound(params.roundId);
  const view = await loadAssignmentForAdmin(round, params.assignmentId);
  const url = new URL(request.url);
  // Reopening is the review machine's "submitted → in progress", which only an admin may do.
  const mayReopen = can(reviewMachine, view.assignment.status, "in_progress", partiesOf(admin));
  return { round: { id: round.id, titleVi: round.titleVi, titleEn: round.titleEn }, ...view, mayReopen, moved: url.searchParams.get("moved") === "1" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const round = await requireRound(params.roundId);
  const assignmentId = params.assignmentId ?? "";
  const formData = await readForm(request, 256 * 1024);
  if (typeof formData === "string") return badRequest({ "": formData });
  const actor = { user: admin, ip: context?.ip ?? "" };
  const intent = String(formData.get("intent") ?? "");
  const list = `/admin/rounds/${round.id}/reviewers`;
  if (intent === "reassign") {
    const form = await parseForm(formData, reassignSchema);
    if (!form.ok) return data({ errors: form.errors, intent }, { status: 400 });
    const result = await reassign(round, assignmentId, form.data.reviewerId, actor);
    if (!result.ok) return data({ errors: result.errors, intent }, { status: result.status });
    return redirect(`${list}/${result.id}?moved=1`);
  }
  if (intent === "unassign") {
    const form = await parseForm(formData, unassignSchema);
    if (!form.ok) return data({ errors: form.errors, intent }, { status: 400 });
    const result = await unassign(round, assignmentId, actor);
    if (!result.ok) return data({ errors: result.errors, intent }, { status: result.status });
    return redirect(`${list}?removed=1`);
  }
  if (intent === "reopen") {
    const form = await parseForm(formData, reopenSchema);
    if (!form.ok) return data({ errors: form.errors, intent }, { status: 400 });
    const result = await reopenReview(round, assignmentId, form.data.reason, actor);
    if (!result.ok) return data({ errors: result.errors, intent }, { status: result.status });
    return { notice: "reviews.admin.reopened" as const };
  }
  return data({ errors: { "": "errors.invalid" }, intent: null }, { status: 400 });
}

export default function AssignmentForAdmin() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const intent = actionData && "intent" in actionData ? actionData.intent : undefined;
  const { round, assignment, application } = view;
  const roundTitle = t.locale === "en" ? round.titleEn : round.titleVi;
  const movable = isMovable(application.status, assignment.status);
  const reopenable = isUnderReview(application.status) && view.mayReopen;
  const shownInForm = (intent === "reassign" && movable) || (intent === "reopen" && reopenable);
  return (
    <section>
      <p>
        <Link to={`/admin/rounds/${round.id}/reviewers`}>{t("reviews.admin.backToRound", { round: roundTitle })}</Link>
      </p>
      <h1>{t("reviews.admin.assignmentHeading", { reviewer: view.reviewer.name })}</h1>
      <p className="muted">
        <Link to={`/admin/applications/${application.id}`}>{application.title || application.groupName}</Link> · {application.groupName}
      </p>
      {view.moved ? <Notice>{t("reviews.admin.moved")}</Notice> : null}
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice)}</Notice> : null}
      {/* A refusal shows beside its form when that form is still on the page, else here. */}
      <FormError error={errors && !shownInForm ? Object.values(errors)[0] : undefined} />

      <AssignmentFacts assignment={assignment} />

      {view.scores.length > 0 || assignment.status === "submitted" ? (
        <ReviewScores
          criteria={view.criteria}
          review={{
            heading: assignment.status === "submitted" ? t("reviews.admin.submittedReview") : t("reviews.admin.draftReview"),
            recommendation: assignment.recommendation,
            overallComment: assignment.overallComment,
            submittedAt: assignment.submittedAt,
            scores: view.scores,
          }}
        />
      ) : null}

      {movable ? (
        <>
          <ReassignForm recused={assignment.status === "conflict"} candidates={view.candidates} errors={intent === "reassign" ? errors : undefined} />
          <UnassignForm />
        </>
      ) : null}
      {reopenable ? <ReopenForm errors={intent === "reopen" ? errors : undefined} /> : null}
    </section>
  );
}
