import { Link } from "@remix-run/react";
import { Form } from "../../../components/ui/form";
import { CheckboxField } from "../../../components/ui/choice-group";
import { DataTable } from "../../../components/ui/data-table";
import { FormError } from "../../../components/ui/field";
import { Filters } from "../../../components/ui/filters";
import { Money } from "../../../components/ui/money";
import { SelectField } from "../../../components/ui/select-field";
import { StatusBadge } from "../../../components/ui/status-badge";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { applicationTone } from "../../applications/status-tone";
import type { loadRoundReviewing } from "../assignment.server";
import { isUnderReview } from "../review-rules";
import { assignSchema, autoAssignSchema } from "../reviews.schema";
import { reviewTone } from "../status-tone";
import { DateField } from "../../../components/ui/date-field";

// The admin's page of a round's reviewing (`/admin/rounds/:roundId/reviewers`): assigning all at
// once, each reviewer's workload, and each application with its reviewers.

type RoundReviewing = Awaited<ReturnType<typeof loadRoundReviewing>>;
type ReviewedApplication = RoundReviewing["applications"][number];
type Errors = Record<string, string> | undefined;

/** Every application short of reviewers gets them, the least loaded first. */
export function AutoAssignPanel({ per, suggestedDue, errors }: { per: number; suggestedDue: string; errors: Errors }) {
  const t = useT();
  const form = useZodForm(autoAssignSchema, { serverErrors: errors });
  return (
    <section className="card" aria-labelledby="auto">
      <h2 id="auto">{t("reviews.admin.autoTitle")}</h2>
      <p>{t("reviews.admin.autoIntro", { per })}</p>
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="auto" />
        <DateField
          id="auto-due"
          label={t("reviews.admin.dueDate")}
          hint={t("reviews.admin.dueHint")}
          defaultValue={suggestedDue}
          error={form.errorFor("dueDate")}
          {...form.register("dueDate")}
        />
        <div>
          <button type="submit">{t("reviews.admin.autoButton")}</button>
        </div>
      </Form>
    </section>
  );
}

/** Each reviewer's work in this round, and what she has open in every round. */
export function WorkloadTable({ workload }: { workload: RoundReviewing["workload"] }) {
  const t = useT();
  return (
    <section aria-labelledby="workload">
      <h2 id="workload">{t("reviews.admin.workload")}</h2>
      <DataTable
        rows={workload}
        rowKey={(w) => w.id}
        empty={t("reviews.admin.noReviewers")}
        label={t("reviews.title")}
        columns={[
          { header: t("reviews.admin.reviewer"), cell: (w) => w.name },
          { header: t("reviews.admin.assignedCol"), cell: (w) => w.assigned },
          { header: t("reviews.admin.doneCol"), cell: (w) => w.done },
          { header: t("reviews.admin.overdueCol"), cell: (w) => (w.overdue > 0 ? <strong className="field-error">{w.overdue}</strong> : 0) },
          { header: t("reviews.admin.conflictsCol"), cell: (w) => w.conflicts },
          { header: t("reviews.admin.openEverywhere"), cell: (w) => w.openEverywhere ?? "—" },
        ]}
      />
    </section>
  );
}

/** Only the applications still short of reviewers. */
export function ShortFilter({ onlyShort }: { onlyShort: boolean }) {
  const t = useT();
  return (
    <Filters submitLabel={t("reviews.admin.filter")}>
      <CheckboxField name="short" value="1" defaultChecked={onlyShort} label={t("reviews.admin.onlyShort")} />
    </Filters>
  );
}

/** One reviewer chosen by hand for one application, with her due date. */
function AssignForm(props: { applicationId: string; candidates: ReviewedApplication["candidates"]; suggestedDue: string; serverErrors: Errors }) {
  const t = useT();
  const form = useZodForm(assignSchema, { serverErrors: props.serverErrors });
  const id = (name: string) => `assign-${props.applicationId}-${name}`;
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      <FormError error={form.formError} />
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" value={props.applicationId} {...form.register("applicationId")} />
      <SelectField
        id={id("reviewer")}
        label={t("reviews.admin.chooseReviewer")}
        defaultValue=""
        error={form.errorFor("reviewerId")}
        {...form.register("reviewerId")}
      >
        <option value="">{t("reviews.admin.choose")}</option>
        {props.candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {t("reviews.admin.candidate", { name: c.name, load: c.load })}
          </option>
        ))}
      </SelectField>
      <DateField
        id={id("due")}
        label={t("reviews.admin.dueDate")}
        hint={t("reviews.admin.dueHint")}
        defaultValue={props.suggestedDue}
        error={form.errorFor("dueDate")}
        {...form.register("dueDate")}
      />
      <div>
        <button type="submit" className="secondary">
          {t("reviews.admin.assign")}
        </button>
      </div>
    </Form>
  );
}

/**
 * An application with its reviewers (their status, due date, a recusal's reason) and, while it
 * is under review and someone could still take it, the form to give it to one more.
 */
export function ApplicationReviewers({
  application: a,
  roundId,
  per,
  suggestedDue,
  posted,
}: {
  application: ReviewedApplication;
  roundId: string;
  per: number;
  suggestedDue: string;
  /** The assign form's answer, when it was this application's. */
  posted: { errors: Errors } | null;
}) {
  const t = useT();
  return (
    <article className="card">
      <h3>
        <Link to={`/admin/applications/${a.id}`}>{a.title || a.groupName}</Link>
      </h3>
      <p className="muted">
        {a.groupName} · <Money amount={a.requestedAmount} /> ·{" "}
        <StatusBadge tone={applicationTone(a.status)}>{t.dynamic(`reviews.applicationStatus.${a.status}`)}</StatusBadge>
      </p>
      <p>
        <strong>{t("reviews.admin.reviewersCount", { active: a.active, per })}</strong>
      </p>
      {a.assignments.length > 0 ? (
        <ul>
          {a.assignments.map((s) => (
            <li key={s.id}>
              <Link to={`/admin/rounds/${roundId}/reviewers/${s.id}`}>{s.reviewerName}</Link> —{" "}
              <StatusBadge tone={reviewTone(s.status)}>{t(`reviews.status.${s.status}`)}</StatusBadge>
              {s.dueAt ? <> · {t("reviews.due", { date: formatDate(s.dueAt) })}</> : null}
              {s.overdue ? (
                <>
                  {" "}
                  <strong className="field-error">{t("reviews.overdue")}</strong>
                </>
              ) : null}
              {s.status === "conflict" ? (
                <>
                  <br />
                  <span className="muted">{t("reviews.admin.conflictReason", { reason: s.conflictReason ?? "" })}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {isUnderReview(a.status) && a.candidates.length > 0 ? (
        <details open={posted ? true : undefined}>
          <summary>{t("reviews.admin.assignByHand")}</summary>
          <AssignForm applicationId={a.id} candidates={a.candidates} suggestedDue={suggestedDue} serverErrors={posted?.errors} />
        </details>
      ) : null}
    </article>
  );
}
