import { Link } from "@remix-run/react";
import { useT } from "../../../i18n/use-t";
import type { FormValues } from "../form-values";
import { fileSize } from "./file-size";

export interface SummaryData {
  applicationId: string;
  values: FormValues;
  lines: { item: string; quantity: number; unitCost: string; total: string }[];
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
      {data.lines.length === 0 ? (
        <p className="muted">{t("applications.summary.noLines")}</p>
      ) : (
        // Focusable, so that a keyboard can scroll the table sideways on a narrow screen.
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("applications.summary.linesTable")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{field("item")}</th>
                <th scope="col">{field("quantity")}</th>
                <th scope="col">{field("unitCost")}</th>
                <th scope="col">{t("applications.summary.lineTotal")}</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line, i) => (
                <tr key={i}>
                  <td>{line.item}</td>
                  <td>{line.quantity}</td>
                  <td>{line.unitCost}</td>
                  <td>{line.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
