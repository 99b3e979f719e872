import { DataTable } from "../../../components/ui/data-table";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";

export interface CriterionView {
  id: string;
  labelVi: string;
  labelEn: string;
  maxScore: number;
}

export interface ReviewView {
  heading: string;
  recommendation: string | null;
  overallComment: string;
  submittedAt: Date | null;
  scores: { criterionId: string; score: number; comment: string }[];
}

/**
 * One review read back: each criterion's score and comment, the recommendation, the overall comment.
 * Its labels name no one ("your…"): the same view shows her review, the others' and, to staff, any.
 */
export function ReviewScores({ criteria, review }: { criteria: readonly CriterionView[]; review: ReviewView }) {
  const t = useT();
  const byCriterion = new Map(review.scores.map((s) => [s.criterionId, s]));
  return (
    <article className="card">
      <h3>{review.heading}</h3>
      {review.submittedAt ? <p className="muted">{t("reviews.submittedOn", { date: formatDate(review.submittedAt) })}</p> : null}
      <DataTable
        rows={criteria}
        rowKey={(c) => c.id}
        columns={[
          { header: t("reviews.form.criterion"), cell: (c) => (t.locale === "en" ? c.labelEn : c.labelVi) },
          {
            header: t("reviews.form.score"),
            cell: (c) => {
              const s = byCriterion.get(c.id);
              return s ? t("reviews.scoreOutOf", { score: s.score, max: c.maxScore }) : "—";
            },
          },
          { header: t("reviews.form.comment"), className: "pre-wrap", cell: (c) => byCriterion.get(c.id)?.comment || "—" },
        ]}
      />
      <p>
        <strong>{t("reviews.read.recommendation")}:</strong> {review.recommendation ? t.dynamic(`reviews.recommendation.${review.recommendation}`) : "—"}
      </p>
      <p>
        <strong>{t("reviews.read.overall")}:</strong>
      </p>
      <p className="pre-wrap">{review.overallComment || "—"}</p>
    </article>
  );
}
