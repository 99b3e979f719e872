import { Form } from "../../../components/ui/form";
import { FormError } from "../../../components/ui/field";
import { SelectField } from "../../../components/ui/select-field";
import { StatusBadge } from "../../../components/ui/status-badge";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatDate, formatDateTime } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import type { loadAssignmentForAdmin } from "../assignment.server";
import { reassignSchema, reopenSchema } from "../reviews.schema";
import { reviewTone } from "../status-tone";

// One reviewer's assignment as the admin handles it (`/admin/rounds/:roundId/reviewers/:id`):
// where it stands, and the forms that move it to someone else, take it back or reopen it.

type AssignmentForAdmin = Awaited<ReturnType<typeof loadAssignmentForAdmin>>;
type Errors = Record<string, string> | undefined;

/** Status, when it was given and is due, the declaration, a recusal's reason. */
export function AssignmentFacts({ assignment }: { assignment: AssignmentForAdmin["assignment"] }) {
  const t = useT();
  return (
    <dl className="card">
      <dt>{t("reviews.admin.statusLabel")}</dt>
      <dd>
        <StatusBadge tone={reviewTone(assignment.status)}>{t(`reviews.status.${assignment.status}`)}</StatusBadge>
      </dd>
      <dt>{t("reviews.admin.assignedAt")}</dt>
      <dd>{formatDateTime(assignment.assignedAt, t.locale)}</dd>
      {assignment.dueAt ? (
        <>
          <dt>{t("reviews.admin.dueDate")}</dt>
          <dd>{formatDate(assignment.dueAt)}</dd>
        </>
      ) : null}
      {assignment.noConflictAt ? (
        <>
          <dt>{t("reviews.admin.noConflictAt")}</dt>
          <dd>{formatDateTime(assignment.noConflictAt, t.locale)}</dd>
        </>
      ) : null}
      {assignment.status === "conflict" ? (
        <>
          <dt>{t("reviews.admin.conflictReasonLabel")}</dt>
          <dd className="pre-wrap">{assignment.conflictReason}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Hands the assignment to another reviewer: one chosen, or whoever has the least open. */
export function ReassignForm({ recused, candidates, errors }: { recused: boolean; candidates: AssignmentForAdmin["candidates"]; errors: Errors }) {
  const t = useT();
  const form = useZodForm(reassignSchema, { serverErrors: errors });
  return (
    <section className="card" aria-labelledby="reassign">
      <h2 id="reassign">{t("reviews.admin.reassignTitle")}</h2>
      <p>{recused ? t("reviews.admin.reassignConflictIntro") : t("reviews.admin.reassignIntro")}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="reassign" />
        <SelectField
          id="reassign-reviewer"
          label={t("reviews.admin.chooseReviewer")}
          defaultValue="auto"
          error={form.errorFor("reviewerId")}
          {...form.register("reviewerId")}
        >
          <option value="auto">{t("reviews.admin.leastLoaded")}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {t("reviews.admin.candidate", { name: c.name, load: c.load })}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="submit">{t("reviews.admin.reassign")}</button>
        </div>
      </Form>
    </section>
  );
}

/** Takes the assignment back, leaving the application one reviewer short. */
export function UnassignForm() {
  const t = useT();
  return (
    <section className="card" aria-labelledby="unassign">
      <h2 id="unassign">{t("reviews.admin.unassignTitle")}</h2>
      <p>{t("reviews.admin.unassignIntro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="unassign" />
        <button type="submit" className="secondary">
          {t("reviews.admin.unassign")}
        </button>
      </Form>
    </section>
  );
}

/** Opens a submitted review again for its reviewer, with the reason she is told. */
export function ReopenForm({ errors }: { errors: Errors }) {
  const t = useT();
  const form = useZodForm(reopenSchema, { serverErrors: errors });
  return (
    <section className="card" aria-labelledby="reopen">
      <h2 id="reopen">{t("reviews.admin.reopenTitle")}</h2>
      <p>{t("reviews.admin.reopenIntro")}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="reopen" />
        <TextAreaField
          id="field-reason"
          label={t("reviews.admin.reopenReason")}
          hint={t("reviews.admin.reopenReasonHint")}
          maxLength={1000}
          error={form.errorFor("reason")}
          {...form.register("reason")}
        />
        <div>
          <button type="submit" className="secondary">
            {t("reviews.admin.reopen")}
          </button>
        </div>
      </Form>
    </section>
  );
}
