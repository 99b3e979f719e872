import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { nextStates, partiesOf } from "../kernel/machine";
import type { CommandResult } from "../kernel/result";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../modules/groups/meta";
import { RedactedApplication } from "../modules/reviews/components/redacted-application";
import { ReviewScores } from "../modules/reviews/components/review-scores";
import { reviewMachine } from "../modules/reviews/machine";
import { ScoringForm } from "../modules/reviews/components/scoring-form";
import { TextAreaField } from "../components/ui/text-area-field";
import { declareConflict, declareNoConflict, findMyAssignment, loadMyReview, rubricOf, saveReview } from "../modules/reviews/reviewer.server";
import { conflictSchema, noConflictSchema, readScoring, scoringSchema } from "../modules/reviews/reviews.schema";

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
  const conflictForm = useZodForm(conflictSchema, {
    serverErrors: intent === "conflict" ? errors : undefined,
  });
  const scoringErrors = intent === "draft" || intent === "submit" ? errors : undefined;
  // A refusal shows beside its form when that form is on the page, else at the top (a second
  // submission, a post after a recusal).
  const shownInForm =
    open && ((intent === "conflict" && allowed.includes("conflict")) || (scoringErrors !== undefined && allowed.includes("submitted")));
  const pageError = errors && !shownInForm ? errors[""] : undefined;
  const roundTitle = t.locale === "en" ? round.titleEn : round.titleVi;
  const place = [group.village, group.commune, t.locale === "en" ? group.provinceEn : group.provinceVi].filter(Boolean).join(", ");
  return (
    <section>
      <p>
        <Link to="/reviews">{t("reviews.backToList")}</Link>
      </p>
      <h1>{content ? content.application.title || group.name : group.name}</h1>
      <p className="muted">
        {roundTitle} · <strong>{t.dynamic(`reviews.status.${assignment.status}`)}</strong>
        {assignment.dueAt ? <> · {t("reviews.due", { date: formatDate(assignment.dueAt) })}</> : null}
      </p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice)}</Notice> : null}
      <FormError error={pageError} />
      {!open ? <p className="alert">{t("reviews.closedNotice")}</p> : null}

      {allowed.includes("conflict") && open ? (
        <div>
          <section className="card" aria-labelledby="declare">
            <h2 id="declare">{t("reviews.declare.title")}</h2>
            <p>{t("reviews.declare.intro")}</p>
            <dl>
              <dt>{t("reviews.app.groupName")}</dt>
              <dd>{group.name}</dd>
              <dt>{t("reviews.app.place")}</dt>
              <dd>{place}</dd>
            </dl>
            <p>{t("reviews.declare.examples")}</p>
          </section>
          <section className="card">
            <h3>{t("reviews.declare.noneHeading")}</h3>
            <Form method="post">
              <input type="hidden" name="intent" value="none" />
              <button type="submit">{t("reviews.declare.none")}</button>
            </Form>
          </section>
          <section className="card">
            <h3>{t("reviews.declare.conflictHeading")}</h3>
            <FormError error={conflictForm.formError} />
            <Form method="post" className="stack" noValidate onSubmit={conflictForm.onSubmit}>
              <input type="hidden" name="intent" value="conflict" />
              <TextAreaField
                id="field-reason"
                label={t("reviews.declare.reason")}
                hint={t("reviews.declare.reasonHint")}
                maxLength={1000}
                error={conflictForm.errorFor("reason")}
                {...conflictForm.register("reason")}
              />
              <div>
                <button type="submit" className="secondary">
                  {t("reviews.declare.conflict")}
                </button>
              </div>
            </Form>
          </section>
        </div>
      ) : null}

      {assignment.status === "conflict" ? (
        <section className="card">
          <h2>{t("reviews.recused.title")}</h2>
          <p>{t("reviews.recused.body")}</p>
          <p className="pre-wrap">{assignment.conflictReason}</p>
        </section>
      ) : null}

      {content ? (
        <>
          <RedactedApplication group={group} summary={content.summary} application={content.application} budgetLines={content.budgetLines} />
          {allowed.includes("submitted") && open ? (
            <ScoringForm
              criteria={content.criteria}
              own={content.own}
              recommendation={assignment.recommendation}
              overallComment={assignment.overallComment}
              serverErrors={scoringErrors}
            />
          ) : null}
          {assignment.status === "submitted" || !open ? (
            <section aria-labelledby="own-review">
              <h2 id="own-review">{t("reviews.own.title")}</h2>
              <ReviewScores
                criteria={content.criteria}
                review={{
                  heading: t("reviews.own.heading"),
                  recommendation: assignment.recommendation,
                  overallComment: assignment.overallComment,
                  submittedAt: assignment.submittedAt,
                  scores: content.own,
                }}
              />
            </section>
          ) : null}
          <section aria-labelledby="others">
            <h2 id="others">{t("reviews.others.title")}</h2>
            {content.others === null ? (
              <p>{t("reviews.others.hidden")}</p>
            ) : content.others.length === 0 ? (
              <p>{t("reviews.others.none")}</p>
            ) : (
              content.others.map((other) => (
                <ReviewScores
                  key={other.id}
                  criteria={content.criteria}
                  review={{
                    heading: other.reviewerName,
                    recommendation: other.recommendation,
                    overallComment: other.overallComment,
                    submittedAt: other.submittedAt,
                    scores: other.scores,
                  }}
                />
              ))
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
