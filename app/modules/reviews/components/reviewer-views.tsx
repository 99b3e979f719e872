import { Form } from "../../../components/ui/form";
import { FormError } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { useT } from "../../../i18n/use-t";
import type { loadMyReview } from "../reviewer.server";
import { conflictSchema } from "../reviews.schema";
import { ReviewScores, type CriterionView } from "./review-scores";

// A reviewer's own page of an assignment (`/reviews/:assignmentId`): the declaration before she
// reads anything, her recusal, her review read back and the others' once hers is in.

type MyReview = Awaited<ReturnType<typeof loadMyReview>>;
type Content = NonNullable<MyReview["content"]>;

/**
 * Before she sees the application: the group's name and place only, and two answers — no
 * conflict (she reads and scores), or a conflict with its reason (she steps aside).
 */
export function ConflictDeclaration({ group, errors }: { group: MyReview["group"]; errors: Record<string, string> | undefined }) {
  const t = useT();
  const form = useZodForm(conflictSchema, { serverErrors: errors });
  const place = [group.village, group.commune, t.locale === "en" ? group.provinceEn : group.provinceVi].filter(Boolean).join(", ");
  return (
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
        <FormError error={form.formError} />
        <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
          <input type="hidden" name="intent" value="conflict" />
          <TextAreaField
            id="field-reason"
            label={t("reviews.declare.reason")}
            hint={t("reviews.declare.reasonHint")}
            maxLength={1000}
            error={form.errorFor("reason")}
            {...form.register("reason")}
          />
          <div>
            <button type="submit" className="secondary">
              {t("reviews.declare.conflict")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

/** She declared a conflict: what that means, and the reason she gave. */
export function RecusedNotice({ reason }: { reason: string | null }) {
  const t = useT();
  return (
    <section className="card">
      <h2>{t("reviews.recused.title")}</h2>
      <p>{t("reviews.recused.body")}</p>
      <p className="pre-wrap">{reason}</p>
    </section>
  );
}

/** Her review read back, once submitted or once the application has left review. */
export function OwnReview({
  assignment,
  criteria,
  scores,
}: {
  assignment: MyReview["assignment"];
  criteria: readonly CriterionView[];
  scores: Content["own"];
}) {
  const t = useT();
  return (
    <section aria-labelledby="own-review">
      <h2 id="own-review">{t("reviews.own.title")}</h2>
      <ReviewScores
        criteria={criteria}
        review={{
          heading: t("reviews.own.heading"),
          recommendation: assignment.recommendation,
          overallComment: assignment.overallComment,
          submittedAt: assignment.submittedAt,
          scores,
        }}
      />
    </section>
  );
}

/** The other reviewers' submitted reviews: hidden until hers is in, so no one scores by the others. */
export function OtherReviews({ criteria, others }: { criteria: readonly CriterionView[]; others: Content["others"] }) {
  const t = useT();
  return (
    <section aria-labelledby="others">
      <h2 id="others">{t("reviews.others.title")}</h2>
      {others === null ? (
        <p>{t("reviews.others.hidden")}</p>
      ) : others.length === 0 ? (
        <p>{t("reviews.others.none")}</p>
      ) : (
        others.map((other) => (
          <ReviewScores
            key={other.id}
            criteria={criteria}
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
  );
}
