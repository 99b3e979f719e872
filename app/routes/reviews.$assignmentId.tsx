import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { nextStates, partiesOf } from "../kernel/machine";
import type { CommandResult } from "../kernel/result";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { RedactedApplication } from "../modules/reviews/components/redacted-application";
import { ConflictDeclaration, OtherReviews, OwnReview, RecusedNotice } from "../modules/reviews/components/reviewer-views";
import { reviewMachine } from "../modules/reviews/machine";
import { ScoringForm } from "../modules/reviews/components/scoring-form";
import { StatusBadge } from "../components/ui/status-badge";
import { declareConflict, declareNoConflict, findMyAssignment, loadMyReview, rubricOf, saveReview } from "../modules/reviews/reviewer.server";
import { conflictSchema, noConflictSchema, readScoring, scoringSchema } from "../modules/reviews/reviews.schema";
import { reviewTone } from "../modules/reviews/status-tone";

export const handle: RouteHandle = { access: ["reviewer"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "reviews.review.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["reviewer"]);
  const review = await loadMyReview(params.assignmentId, user);
  // Which forms she gets: what the review machine lets her do from the assignment's status.
  return { review, allowed: nextStates(reviewMachine, review.assignment.status, partiesOf(user)) };
}

const notices = {
  none: "reviews.notice.noConflictDeclared",
  conflict: "reviews.notice.conflictDeclared",
  draft: "reviews.notice.draftSaved",
  submit: "reviews.notice.submitted",
} as const;

type Intent = keyof typeof notices;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["reviewer"]);
  // Someone else's assignment is a 404 before anything in the post is read.
  const assignment = await findMyAssignment(params.assignmentId, user);
  const formData = await readForm(request, 256 * 1024);
  if (typeof formData === "string") return badRequest({ "": formData });
  const intent = String(formData.get("intent") ?? "");
  const actor = { user, ip: context?.ip ?? "" };
  let result: CommandResult;
  if (intent === "none") {
    const form = await parseForm(formData, noConflictSchema);
    if (!form.ok) return data({ errors: form.errors, intent }, { status: 400 });
    result = await declareNoConflict(assignment.id, actor);
  } else if (intent === "conflict") {
    const form = await parseForm(formData, conflictSchema);
    if (!form.ok) return data({ errors: form.errors, intent }, { status: 400 });
    result = await declareConflict(assignment.id, form.data.reason, actor);
  } else if (intent === "draft" || intent === "submit") {
    const criteria = await rubricOf(assignment.roundId);
    const form = await parseForm(formData, scoringSchema(criteria, intent));
    if (!form.ok) return data({ errors: form.errors, intent }, { status: 400 });
    result = await saveReview(assignment.id, readScoring(criteria, form.data), intent === "submit", actor);
  } else {
    return data({ errors: { "": "errors.invalid" }, intent }, { status: 400 });
  }
  if (!result.ok) return data({ errors: result.errors, intent }, { status: result.status });
  return { notice: notices[intent as Intent] };
}

export default function Review() {
  const t = useT();
  const { review, allowed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const intent = actionData && "intent" in actionData ? actionData.intent : undefined;
  const { assignment, round, group, content, open } = review;
  const scoringErrors = intent === "draft" || intent === "submit" ? errors : undefined;
  // A refusal shows beside its form when that form is on the page, else at the top (a second
  // submission, a post after a recusal).
  const shownInForm = open && ((intent === "conflict" && allowed.includes("conflict")) || (scoringErrors !== undefined && allowed.includes("submitted")));
  const pageError = errors && !shownInForm ? errors[""] : undefined;
  const roundTitle = t.locale === "en" ? round.titleEn : round.titleVi;
  return (
    <section>
      <p>
        <Link to="/reviews">{t("reviews.backToList")}</Link>
      </p>
      <h1>{content ? content.application.title || group.name : group.name}</h1>
      <p className="muted">
        {roundTitle} · <StatusBadge tone={reviewTone(assignment.status)}>{t(`reviews.status.${assignment.status}`)}</StatusBadge>
        {assignment.dueAt ? <> · {t("reviews.due", { date: formatDate(assignment.dueAt) })}</> : null}
      </p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice)}</Notice> : null}
      <FormError error={pageError} />
      {!open ? <p className="alert">{t("reviews.closedNotice")}</p> : null}

      {allowed.includes("conflict") && open ? <ConflictDeclaration group={group} errors={intent === "conflict" ? errors : undefined} /> : null}
      {assignment.status === "conflict" ? <RecusedNotice reason={assignment.conflictReason} /> : null}

      {content ? (
        <>
          <RedactedApplication
            group={group}
            summary={content.summary}
            application={content.application}
            budgetLines={content.budgetLines}
            attachments={content.attachments}
            applicationId={content.application.id}
          />
          {allowed.includes("submitted") && open ? (
            <ScoringForm
              criteria={content.criteria}
              own={content.own}
              recommendation={assignment.recommendation}
              overallComment={assignment.overallComment}
              serverErrors={scoringErrors}
            />
          ) : null}
          {assignment.status === "submitted" || !open ? <OwnReview assignment={assignment} criteria={content.criteria} scores={content.own} /> : null}
          <OtherReviews criteria={content.criteria} others={content.others} />
        </>
      ) : null}
    </section>
  );
}
