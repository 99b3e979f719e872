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

/** One review read back: each criterion's score and comment, the recommendation, the overall comment. */
export function ReviewScores({ criteria, review }: { criteria: readonly CriterionView[]; review: ReviewView }) {
  const t = useT();
  const byCriterion = new Map(review.scores.map((s) => [s.criterionId, s]));
  return (
    <article className="card">
      <h3>{review.heading}</h3>
      {review.submittedAt ? <p className="muted">{t("reviews.submittedOn", { date: formatDate(review.submittedAt) })}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("reviews.form.criterion")}</th>
              <th scope="col">{t("reviews.form.score")}</th>
              <th scope="col">{t("reviews.form.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const s = byCriterion.get(c.id);
              return (
                <tr key={c.id}>
                  <td>{t.locale === "en" ? c.labelEn : c.labelVi}</td>
                  <td>{s ? t("reviews.scoreOutOf", { score: s.score, max: c.maxScore }) : "—"}</td>
                  <td className="pre-wrap">{s?.comment || "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        <strong>{t("reviews.form.recommendation")}:</strong>{" "}
        {review.recommendation ? t.dynamic(`reviews.recommendation.${review.recommendation}`) : "—"}
      </p>
      <p>
        <strong>{t("reviews.form.overall")}:</strong>
      </p>
      <p className="pre-wrap">{review.overallComment || "—"}</p>
    </article>
  );
}
