import { Money } from "../../../components/ui/money";
import { formatMoneyWithWords } from "../../../i18n/format";
import { BudgetTable } from "../../applications/components/budget-table";
import { fileSize } from "../../applications/components/file-size";
import { useT } from "../../../i18n/use-t";

export interface RedactedApplicationProps {
  group: { name: string; kind: string; commune: string; village: string; yearFormed: number; provinceVi: string; provinceEn: string };
  summary: { members: number; women: number; ethnicGroups: number };
  application: {
    activityType: string | null;
    naturalResource: string;
    location: string;
    problem: string;
    plan: string;
    ownContributionCash: bigint;
    ownContributionKind: string;
    membersTakingPart: number | null;
    womenTakingPart: number | null;
    baselineIncome: bigint | null;
    targetIncome: bigint | null;
    environmentalCare: string;
    requestedAmount: bigint;
  };
  budgetLines: { item: string; quantity: number; unitCost: bigint; total: bigint }[];
  /** The photos, quotes and letters, by kind and number: their uploaded names may name people. */
  attachments: { id: string; kind: string; position: number; size: number }[];
  applicationId: string;
}

/**
 * The application as a reviewer reads it. What it is given has already left out phone numbers,
 * bank details and members' personal data (SPEC.md step 5); the roster is shown as counts.
 */
export function RedactedApplication({ group, summary, application: a, budgetLines, attachments, applicationId }: RedactedApplicationProps) {
  const t = useT();
  const place = [group.village, group.commune, t.locale === "en" ? group.provinceEn : group.provinceVi].filter(Boolean).join(", ");
  const text = (s: string) => (s ? <p className="pre-wrap">{s}</p> : <p className="muted">{t("reviews.app.notAnswered")}</p>);
  const count = (n: number | null) => (n === null ? t("reviews.app.notAnswered") : String(n));
  const money = (n: bigint | null) => (n === null ? t("reviews.app.notAnswered") : <Money amount={n} />);
  return (
    <div>
      <section className="card" aria-labelledby="app-group">
        <h2 id="app-group">{t("reviews.app.group")}</h2>
        <dl>
          <dt>{t("reviews.app.groupName")}</dt>
          <dd>{group.name}</dd>
          <dt>{t("reviews.app.groupKind")}</dt>
          <dd>{t.dynamic(`groups.kind.${group.kind}`)}</dd>
          <dt>{t("reviews.app.place")}</dt>
          <dd>{place}</dd>
          <dt>{t("reviews.app.yearFormed")}</dt>
          <dd>{group.yearFormed}</dd>
          <dt>{t("reviews.app.roster")}</dt>
          <dd>{t("reviews.app.rosterCounts", { members: summary.members, women: summary.women, ethnic: summary.ethnicGroups })}</dd>
        </dl>
        <p className="hint">{t("reviews.app.privacy")}</p>
      </section>

      <section className="card" aria-labelledby="app-project">
        <h2 id="app-project">{t("reviews.app.project")}</h2>
        <h3>{t("reviews.app.activity")}</h3>
        <p>{a.activityType ? t.dynamic(`activity.${a.activityType}`) : t("reviews.app.notAnswered")}</p>
        <h3>{t("reviews.app.resource")}</h3>
        {text(a.naturalResource)}
        <h3>{t("reviews.app.location")}</h3>
        {text(a.location)}
        <h3>{t("reviews.app.problem")}</h3>
        {text(a.problem)}
        <h3>{t("reviews.app.plan")}</h3>
        {text(a.plan)}
        <h3>{t("reviews.app.environment")}</h3>
        {text(a.environmentalCare)}
      </section>

      <section className="card" aria-labelledby="app-budget">
        <h2 id="app-budget">{t("reviews.app.budget")}</h2>
        <BudgetTable lines={budgetLines} labelledBy="app-budget" />
        <p>
          <strong>{t("reviews.app.requested")}</strong> {formatMoneyWithWords(a.requestedAmount, t.locale)}
        </p>
        <p>
          <strong>{t("reviews.app.ownCash")}</strong> <Money amount={a.ownContributionCash} />
        </p>
        <p>
          <strong>{t("reviews.app.ownKind")}</strong> {a.ownContributionKind || t("common.none")}
        </p>
      </section>

      <section className="card" aria-labelledby="app-files">
        <h2 id="app-files">{t("reviews.app.files")}</h2>
        {attachments.length === 0 ? (
          <p className="muted">{t("reviews.app.noFiles")}</p>
        ) : (
          <ul>
            {attachments.map((file) => (
              <li key={file.id}>
                <a href={`/applications/${applicationId}/attachments/${file.id}`} download>
                  {`${t.dynamic(`applications.kind.${file.kind}`)} ${file.position}`}
                </a>{" "}
                <span className="muted">({fileSize(file.size, t.locale)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="app-outcomes">
        <h2 id="app-outcomes">{t("reviews.app.outcomes")}</h2>
        <dl>
          <dt>{t("reviews.app.membersTakingPart")}</dt>
          <dd>{count(a.membersTakingPart)}</dd>
          <dt>{t("reviews.app.womenTakingPart")}</dt>
          <dd>{count(a.womenTakingPart)}</dd>
          <dt>{t("reviews.app.baseline")}</dt>
          <dd>{money(a.baselineIncome)}</dd>
          <dt>{t("reviews.app.target")}</dt>
          <dd>{money(a.targetIncome)}</dd>
        </dl>
      </section>
    </div>
  );
}
