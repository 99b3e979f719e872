import { Link } from "@remix-run/react";
import { Form } from "../../../components/ui/form";
import { CheckboxField, ChoiceGroup } from "../../../components/ui/choice-group";
import { DataTable } from "../../../components/ui/data-table";
import { DateField } from "../../../components/ui/date-field";
import { Field } from "../../../components/ui/field";
import { Money } from "../../../components/ui/money";
import { SelectField } from "../../../components/ui/select-field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import type { PlannedReport, PlannedTranche, ReportScheduleItem } from "../../../../db/schema";
import { consentMethods } from "../../grants/grants.schema";
import { reportKeyOf, reportLabelOf } from "../../grants/tranche-status";
import type { GrantVersionStatus } from "../machine";

// The amendment pages' pieces (issue 14, item 1). Every form is a plain form of native inputs: it
// posts without JavaScript, and the server's answer comes back beside it.

type Values = Record<string, string | string[]> | undefined;
type Errors = Record<string, string> | undefined;

const typed = (values: Values, name: string) => (typeof values?.[name] === "string" ? (values[name] as string) : undefined);

/**
 * "Version 2, in force since 04/12/2026": on the agreement, the amendments page and the ledger;
 * with the pending amendment, if any, so the group sees there is a version to accept.
 */
export function VersionInForce({
  inForce,
  grantId,
  pending = null,
}: {
  inForce: { version: number; since: Date | string | null };
  grantId: string;
  pending?: { version: number; status: GrantVersionStatus } | null;
}) {
  const t = useT();
  const words = inForce.since ? t("amendments.inForce", { version: String(inForce.version), date: formatDate(inForce.since) }) : t("amendments.inForceNoDate", { version: String(inForce.version) });
  return (
    <p className="version-in-force">
      <strong>{words}</strong>{" "}
      <Link className="no-print" to={`/grants/${grantId}/amendments`}>
        {t("amendments.link")}
      </Link>
      {pending ? (
        <span className="no-print">
          {" "}
          {t("amendments.openNotice", { version: String(pending.version), status: t(`amendments.status.${pending.status}`) })}
        </span>
      ) : null}
    </p>
  );
}

export interface TermsOfVersion {
  awardedAmount: bigint;
  conditions: string;
  endsOn: string | null;
  tranchePlan: PlannedTranche[];
  reportPlan: PlannedReport[];
}

/** A version's terms: award, tranches in order, report dates, end date, conditions. */
export function VersionTerms({ terms, reports }: { terms: TermsOfVersion; reports: readonly ReportScheduleItem[] }) {
  const t = useT();
  const label = (key: string) => reportLabelOf(reports, key, t.locale);
  const waits = (waitsFor: string) => {
    const key = reportKeyOf(waitsFor);
    return key === null ? t("amendments.terms.signing") : t("grants.waits.report", { report: label(key) });
  };
  const rows = terms.tranchePlan.map((tranche, index) => ({ ...tranche, position: index + 1 }));
  return (
    <div className="stack">
      <p>
        {t("amendments.terms.award")}: <Money amount={terms.awardedAmount} />
      </p>
      <DataTable
        caption={t("amendments.terms.tranches")}
        rows={rows}
        rowKey={(row) => String(row.position)}
        columns={[
          { header: t("amendments.terms.position"), cell: (row) => row.position, rowHeader: true },
          { header: t("amendments.terms.amount"), cell: (row) => <Money amount={BigInt(row.amount)} />, numeric: true },
          { header: t("amendments.terms.waitsFor"), cell: (row) => waits(row.waitsFor) },
        ]}
      />
      {terms.reportPlan.length > 0 ? (
        <DataTable
          caption={t("amendments.terms.reports")}
          rows={terms.reportPlan}
          rowKey={(row) => row.key}
          columns={[
            { header: t("amendments.terms.report"), cell: (row) => label(row.key), rowHeader: true },
            { header: t("amendments.terms.months"), cell: (row) => t("amendments.terms.monthsValue", { months: String(row.months) }), numeric: true },
          ]}
        />
      ) : null}
      <p>
        {t("amendments.terms.endsOn")}: {terms.endsOn ? formatDate(terms.endsOn) : t("amendments.terms.endsOnNone")}
      </p>
      <p className="pre-wrap">
        {t("amendments.terms.conditions")}: {terms.conditions || t("amendments.terms.conditionsNone")}
      </p>
    </div>
  );
}

export interface VersionRow extends TermsOfVersion {
  id: string;
  version: number;
  status: GrantVersionStatus;
  reason: string;
  acceptedAt: Date | null;
  proposedByName: string | null;
  approvedByName: string | null;
  acceptedByName: string | null;
  closedByName: string | null;
  closeReason: string | null;
}

/** Every version, the latest first, each with a link to its printable page. */
export function VersionsList({ grantId, versions }: { grantId: string; versions: readonly VersionRow[] }) {
  const t = useT();
  return (
    <DataTable
      caption={t("amendments.versions")}
      rows={versions}
      rowKey={(row) => row.id}
      empty={t("amendments.versionsEmpty")}
      columns={[
        { header: t("amendments.col.version"), cell: (row) => row.version, rowHeader: true },
        { header: t("amendments.col.status"), cell: (row) => t(`amendments.status.${row.status}`) },
        { header: t("amendments.col.award"), cell: (row) => <Money amount={row.awardedAmount} />, numeric: true },
        { header: t("amendments.col.reason"), cell: (row) => (row.version === 1 && !row.reason ? t("amendments.original") : row.reason), className: "pre-wrap" },
        {
          header: t("amendments.col.people"),
          cell: (row) => (
            <>
              {row.proposedByName ? <div>{t("amendments.proposedBy", { name: row.proposedByName })}</div> : null}
              {row.approvedByName ? <div>{t("amendments.approvedBy", { name: row.approvedByName })}</div> : null}
              {row.acceptedByName && row.acceptedAt ? <div>{t("amendments.acceptedBy", { name: row.acceptedByName, date: formatDate(row.acceptedAt) })}</div> : null}
              {row.closedByName ? <div>{t("amendments.closedBy", { name: row.closedByName, reason: row.closeReason ?? "" })}</div> : null}
            </>
          ),
        },
        { header: t("amendments.col.print"), cell: (row) => <Link to={`/grants/${grantId}/versions/${row.version}`}>{t("amendments.print")}</Link> },
      ]}
    />
  );
}

/** A form of one reason and one button (withdraw, decline, decline a request), with the ids it names. */
export function ReasonForm({
  intent,
  hidden,
  title,
  label,
  submit,
  errors,
  values,
}: {
  intent: string;
  hidden: Record<string, string>;
  title: string;
  label: string;
  submit: string;
  errors: Errors;
  values: Values;
}) {
  const id = `${intent}-${Object.values(hidden).join("-")}`;
  return (
    <Form method="post" className="stack no-print" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextAreaField id={`${id}-reason`} name="reason" label={label} maxLength={1000} rows={3} required defaultValue={typed(values, "reason")} error={errors?.reason} />
      <div>
        <button type="submit" className="secondary">
          {submit}
        </button>
      </div>
    </Form>
  );
}

/** The group accepts the new version: the leader signs with her name, a facilitator says how the group agreed. */
export function AcceptVersionForm({ versionId, by, name, errors, values }: { versionId: string; by: "owner" | "facilitator"; name: string; errors: Errors; values: Values }) {
  const t = useT();
  return (
    <Form method="post" className="stack no-print" aria-labelledby="accept-version-heading">
      <h3 id="accept-version-heading">{t("amendments.accept.title")}</h3>
      <p>{t("amendments.accept.intro")}</p>
      <input type="hidden" name="intent" value="accept" />
      <input type="hidden" name="versionId" value={versionId} />
      <CheckboxField name="accept" value="yes" label={t(by === "owner" ? "amendments.accept.checkbox" : "amendments.accept.behalfCheckbox")} error={errors?.accept} />
      {by === "owner" ? (
        <Field name="signature" label={t("grants.accept.signature")} hint={t("grants.accept.signatureHint", { name })} autoComplete="name" maxLength={120} defaultValue={typed(values, "signature")} error={errors?.signature} />
      ) : (
        <>
          <Field name="consentBy" label={t("grants.behalf.consentBy")} hint={t("grants.behalf.consentByHint")} maxLength={120} defaultValue={typed(values, "consentBy") ?? name} error={errors?.consentBy} />
          <ChoiceGroup
            id="field-consentMethod"
            type="radio"
            legend={t("grants.behalf.method")}
            choices={consentMethods.map((value) => ({ value, label: t(`grants.consent.${value}`) }))}
            input={{ name: "consentMethod" }}
            checked={(value) => typed(values, "consentMethod") === value}
            error={errors?.consentMethod}
          />
          <Field name="witnessName" label={t("grants.behalf.witness")} hint={t("grants.behalf.witnessHint")} maxLength={120} defaultValue={typed(values, "witnessName")} error={errors?.witnessName} />
        </>
      )}
      <div>
        <button type="submit">{t("amendments.accept.submit")}</button>
      </div>
    </Form>
  );
}

export interface ProposalTranche {
  id: string;
  position: number;
  amount: bigint;
  waitsFor: string;
  locked: boolean;
}

export interface ProposalReport {
  key: string;
  months: number;
  labelVi: string;
  labelEn: string;
  status: string;
}

/**
 * The proposal: the new award, the reason, the conditions and end date, one row per tranche (the
 * ones with money shown and posted as they are) and two empty rows for new tranches, and the
 * months of each report. What was typed comes back with the messages.
 */
export function ProposeForm({
  award,
  conditions,
  endsOn,
  tranches,
  reports,
  requests,
  requestId,
  errors,
  values,
}: {
  award: bigint;
  conditions: string;
  endsOn: string | null;
  tranches: readonly ProposalTranche[];
  reports: readonly ProposalReport[];
  requests: readonly { id: string; reason: string }[];
  requestId: string | null;
  errors: Errors;
  values: Values;
}) {
  const t = useT();
  const list = (name: string) => (Array.isArray(values?.[name]) ? (values[name] as string[]) : typeof values?.[name] === "string" ? [values[name] as string] : null);
  const [ids, amounts, waits, months] = [list("trancheId"), list("trancheAmount"), list("trancheWaitsFor"), list("reportMonths")];
  const rows = [...tranches.map((tr) => ({ ...tr, id: tr.id as string })), { id: "", position: 0, amount: null, waitsFor: "signing", locked: false }, { id: "", position: 0, amount: null, waitsFor: "signing", locked: false }];
  const label = (r: ProposalReport) => (t.locale === "en" ? r.labelEn : r.labelVi);
  const waitOptions = [{ value: "signing", label: t("amendments.terms.signing") }, ...reports.map((r) => ({ value: `report:${r.key}`, label: t("grants.waits.report", { report: label(r) }) }))];
  return (
    <Form method="post" className="stack" aria-labelledby="propose-heading">
      <input type="hidden" name="intent" value="propose" />
      <TextAreaField name="reason" label={t("amendments.propose.reason")} hint={t("amendments.propose.reasonHint")} maxLength={1000} rows={3} required defaultValue={typed(values, "reason")} error={errors?.reason} />
      <Field name="awardedAmount" label={t("amendments.propose.award")} inputMode="numeric" maxLength={20} required defaultValue={typed(values, "awardedAmount") ?? award.toString()} error={errors?.awardedAmount} />
      <fieldset className="stack">
        <legend>{t("amendments.propose.tranches")}</legend>
        {errors?.trancheAmount ? <p className="field-error" role="alert">{t.dynamic(errors.trancheAmount)}</p> : null}
        {errors?.trancheWaitsFor ? <p className="field-error" role="alert">{t.dynamic(errors.trancheWaitsFor)}</p> : null}
        {rows.map((row, index) => {
          const name = row.id ? t("amendments.propose.trancheRow", { position: String(row.position) }) : t("amendments.propose.newTranche");
          const amount = amounts?.[index] ?? (row.amount === null ? "" : row.amount.toString());
          const waitsFor = waits?.[index] ?? row.waitsFor;
          return (
            <div key={`${row.id}-${index}`} className="tranche-row">
              <input type="hidden" name="trancheId" value={ids?.[index] ?? row.id} />
              {row.locked ? (
                <>
                  <input type="hidden" name="trancheAmount" value={row.amount?.toString() ?? ""} />
                  <input type="hidden" name="trancheWaitsFor" value={row.waitsFor} />
                  <p>
                    <strong>{name}</strong>: <Money amount={row.amount ?? 0n} /> — {waitOptions.find((o) => o.value === row.waitsFor)?.label} ({t("amendments.propose.locked")})
                  </p>
                </>
              ) : (
                <>
                  <Field id={`tranche-amount-${index}`} name="trancheAmount" label={`${name}: ${t("amendments.terms.amount")}`} inputMode="numeric" maxLength={20} defaultValue={amount} />
                  <SelectField id={`tranche-waits-${index}`} name="trancheWaitsFor" label={`${name}: ${t("amendments.terms.waitsFor")}`} defaultValue={waitsFor}>
                    {waitOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </SelectField>
                </>
              )}
            </div>
          );
        })}
      </fieldset>
      {reports.length > 0 ? (
        <fieldset className="stack">
          <legend>{t("amendments.propose.reports")}</legend>
          {errors?.reportMonths ? <p className="field-error" role="alert">{t.dynamic(errors.reportMonths)}</p> : null}
          {reports.map((report, index) => (
            <div key={report.key}>
              <input type="hidden" name="reportKey" value={report.key} />
              {report.status === "approved" ? (
                <>
                  <input type="hidden" name="reportMonths" value={String(report.months)} />
                  <p>
                    {label(report)}: {t("amendments.terms.monthsValue", { months: String(report.months) })} ({t("amendments.propose.reportApproved")})
                  </p>
                </>
              ) : (
                <Field id={`report-months-${index}`} name="reportMonths" label={label(report)} inputMode="numeric" maxLength={3} defaultValue={months?.[index] ?? String(report.months)} />
              )}
            </div>
          ))}
        </fieldset>
      ) : null}
      <DateField name="endsOn" label={t("amendments.propose.endsOn")} hint={t("amendments.propose.endsOnHint")} defaultValue={typed(values, "endsOn") ?? endsOn ?? ""} error={errors?.endsOn} />
      <TextAreaField name="conditions" label={t("amendments.propose.conditions")} maxLength={2000} rows={3} defaultValue={typed(values, "conditions") ?? conditions} error={errors?.conditions} />
      {requests.length > 0 ? (
        <SelectField name="changeRequestId" label={t("amendments.propose.request")} defaultValue={typed(values, "changeRequestId") ?? requestId ?? ""} error={errors?.changeRequestId}>
          <option value="">{t("amendments.propose.requestNone")}</option>
          {requests.map((r) => (
            <option key={r.id} value={r.id}>
              {r.reason.slice(0, 80)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div>
        <button type="submit">{t("amendments.propose.submit")}</button>
      </div>
    </Form>
  );
}
