import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";

interface Criterion {
  position: number;
  labelVi: string;
  labelEn: string;
  maxScore: number;
}

interface Review {
  id: string;
  reviewerName: string;
  recommendation: string | null;
  overallComment: string;
  submittedAt: Date | string | null;
  scores: { position: number; score: number; comment: string }[];
}

/** Each submitted review as its reviewer wrote it: recommendation, comment, and score per criterion. */
export function CommitteeReviews({
  reviews,
  criteria,
}: {
  reviews: Review[];
  criteria: Criterion[];
}) {
  const t = useT();
  return (
    <section aria-labelledby="committee-heading">
      <h2 id="committee-heading">{t("decisions.page.committee")}</h2>
      {reviews.length === 0 ? <p>{t("decisions.page.committeeNone")}</p> : null}
      {reviews.map((review) => (
        <article key={review.id} className="card">
          <h3>
            {review.reviewerName}
            {review.recommendation ? (
              <>
                {" "}
                — {t.dynamic(`reviews.recommendation.${review.recommendation}`)}
              </>
            ) : null}
          </h3>
          {review.submittedAt ? (
            <p className="hint">
              {t("decisions.page.submittedOn", {
                date: formatDate(review.submittedAt),
              })}
            </p>
          ) : null}
          {review.overallComment ? (
            <p className="pre-wrap">{review.overallComment}</p>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {t("decisions.page.scoresOf", { name: review.reviewerName })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("decisions.page.criterion")}</th>
                  <th scope="col" className="num">
                    {t("decisions.page.score")}
                  </th>
                  <th scope="col">{t("decisions.page.comment")}</th>
                </tr>
              </thead>
              <tbody>
                {criteria.map((c) => {
                  const score = review.scores.find(
                    (s) => s.position === c.position,
                  );
                  return (
                    <tr key={c.position}>
                      <th scope="row">
                        {t.locale === "en" ? c.labelEn : c.labelVi}
                      </th>
                      <td className="num">
                        {score ? `${score.score} / ${c.maxScore}` : "—"}
                      </td>
                      <td className="pre-wrap">{score?.comment ?? ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </article>
      ))}
    </section>
  );
}
