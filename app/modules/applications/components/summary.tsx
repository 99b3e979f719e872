import { Link } from "@remix-run/react";
import { useT } from "../../../i18n/use-t";
import type { FormValues } from "../form-values";
import { BudgetTable, type BudgetLineView } from "./budget-table";
import { fileSize } from "./file-size";

export interface SummaryData {
  applicationId: string;
  values: FormValues;
  lines: BudgetLineView[];
  amounts: Record<string, string>;
  attachments: { id: string; kind: string; originalName: string; size: number }[];
}

function Answer({ label, value }: { label: string; value: string | undefined }) {
  const t = useT();
  return (
    <>
      <dt>{label}</dt>
      <dd>{value ? value : <span className="muted">{t("applications.summary.empty")}</span>}</dd>
    </>
  );
}

/**
 * Every answer of the application, by step, read-only: the review before submitting, and the
 * overview afterwards (for the group and for programme staff). `editable` adds a link per step.
 */
export function Summary({ data, editable }: { data: SummaryData; editable: boolean }) {
  const t = useT();
  const { values } = data;
  const section = (step: number) => (
    <h2>
      {t.dynamic(`applications.step.${step}`)}
      {editable ? (
        <>
          {" "}
          <Link to={`/applications/${data.applicationId}/step/${step}`} className="muted">
            {t("applications.summary.edit")}
          </Link>
        </>
      ) : null}
    </h2>
  );
  const field = (name: keyof FormValues) => t.dynamic(`applications.field.${name}`);
  return (
    <div className="summary">
      {section(1)}
      <dl>
        <Answer label={field("title")} value={values.title} />
        <Answer label={field("activityType")} value={values.activityType ? t.dynamic(`activity.${values.activityType}`) : ""} />
        <Answer label={field("naturalResource")} value={values.naturalResource} />
        <Answer label={field("location")} value={values.location} />
        <Answer label={field("problem")} value={values.problem} />
        <Answer label={field("plan")} value={values.plan} />
      </dl>
      {section(2)}
      <BudgetTable lines={data.lines} empty={t("applications.summary.noLines")} />
      <dl>
        <Answer label={t("applications.summary.requested")} value={data.amounts.requestedAmount} />
        <Answer label={field("ownContributionCash")} value={data.amounts.ownContributionCash} />
        <Answer label={field("ownContributionKind")} value={values.ownContributionKind} />
      </dl>
      {section(3)}
      <dl>
        <Answer label={field("membersTakingPart")} value={values.membersTakingPart} />
        <Answer label={field("womenTakingPart")} value={values.womenTakingPart} />
        <Answer label={field("baselineIncome")} value={data.amounts.baselineIncome} />
        <Answer label={field("targetIncome")} value={data.amounts.targetIncome} />
      </dl>
      {section(4)}
      <dl>
        <Answer label={field("environmentalCare")} value={values.environmentalCare} />
      </dl>
      {section(5)}
      {data.attachments.length === 0 ? (
        <p className="muted">{t("applications.attachments.none")}</p>
      ) : (
        <ul>
          {data.attachments.map((file) => (
            <li key={file.id}>
              <a href={`/applications/${data.applicationId}/attachments/${file.id}`} download>
                {file.originalName}
              </a>{" "}
              <span className="muted">
                ({t.dynamic(`applications.kind.${file.kind}`)}, {fileSize(file.size, t.locale)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
