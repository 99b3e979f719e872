import { Form } from "../../../components/ui/form";
import { DateField } from "../../../components/ui/date-field";
import { Field } from "../../../components/ui/field";
import { SelectField } from "../../../components/ui/select-field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatDate } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { todayInVietNam } from "../../disbursements/disbursements.schema";
import { addFollowUpSchema, MAX_VISIT_PHOTOS, recordVisitSchema } from "../visits.schema";

// The visits page's parts: the visits recorded, each with its photos and follow-ups, and the
// forms that add a visit or a follow-up (all posting without JavaScript).

type Values = Record<string, string | string[]> | undefined;
const typed = (values: Values, name: string) => (typeof values?.[name] === "string" ? (values[name] as string) : undefined);

export interface VisitRow {
  id: string;
  visitedOn: string;
  visitors: string;
  findings: string;
  recordedBy: string;
  photos: string[];
  followUps: { id: string; action: string; dueOn: string; ownerId: string; owner: string; status: "open" | "done" }[];
}

type Owner = { id: string; name: string };

/** The choices of a follow-up's owner. */
function OwnerOptions({ owners }: { owners: readonly Owner[] }) {
  const t = useT();
  return (
    <>
      <option value="">{t("visits.ownerNone")}</option>
      {owners.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </>
  );
}

/** One more follow-up on a visit (its fields are all required here). */
function AddFollowUpForm({ visitId, owners, errors, values }: { visitId: string; owners: readonly Owner[]; errors?: Record<string, string>; values?: Values }) {
  const t = useT();
  const form = useZodForm(addFollowUpSchema, { serverErrors: errors });
  return (
    <details open={errors !== undefined}>
      <summary>{t("visits.addFollowUp")}</summary>
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="visitId" value={visitId} />
        <Field label={t("visits.action")} maxLength={500} defaultValue={typed(values, "action")} error={form.errorFor("action")} {...form.register("action")} />
        <DateField label={t("visits.dueOn")} defaultValue={typed(values, "dueOn")} error={form.errorFor("dueOn")} {...form.register("dueOn")} />
        <SelectField label={t("visits.owner")} defaultValue={typed(values, "ownerId") ?? ""} error={form.errorFor("ownerId")} {...form.register("ownerId")}>
          <OwnerOptions owners={owners} />
        </SelectField>
        <div>
          <button type="submit" name="intent" value="follow-up" className="secondary">
            {t("visits.addFollowUp")}
          </button>
        </div>
      </Form>
    </details>
  );
}

/** The grant's visits, newest first. */
export function VisitList({
  grantId,
  visits,
  owners,
  me,
  isAdmin,
  refusedFor,
}: {
  grantId: string;
  visits: readonly VisitRow[];
  owners: readonly Owner[];
  me: string;
  isAdmin: boolean;
  /** The visit whose follow-up form came back refused, with its messages and typed values. */
  refusedFor?: { visitId: string; errors: Record<string, string>; values: Values };
}) {
  const t = useT();
  if (visits.length === 0) return <p className="muted">{t("visits.empty")}</p>;
  return (
    <ol className="stack visits">
      {visits.map((visit) => (
        <li key={visit.id} className="stack" data-visit={visit.id}>
          <h2>{formatDate(visit.visitedOn)}</h2>
          <p>
            <strong>{t("visits.visitors")}:</strong> {visit.visitors}
          </p>
          <p className="pre-line">{visit.findings}</p>
          <p className="muted">{t("visits.recordedBy", { name: visit.recordedBy })}</p>
          {visit.photos.length > 0 ? (
            <p className="photos">
              {visit.photos.map((photoId) => (
                <a key={photoId} href={`/grants/${grantId}/visits/photos/${photoId}`}>
                  <img src={`/grants/${grantId}/visits/photos/${photoId}`} alt={t("visits.photoAlt", { date: formatDate(visit.visitedOn) })} width={160} loading="lazy" />
                </a>
              ))}
            </p>
          ) : null}
          {visit.followUps.length > 0 ? (
            <>
              <h3>{t("visits.followUps")}</h3>
              <ul>
                {visit.followUps.map((f) => (
                  <li key={f.id} data-follow-up={f.id}>
                    {t("visits.followUpDue", { action: f.action, due: formatDate(f.dueOn), owner: f.owner })} · {t(`visits.status.${f.status}`)}
                    {f.status === "open" && (f.ownerId === me || isAdmin) ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="followUpId" value={f.id} />
                        <button type="submit" name="intent" value="done" className="secondary">
                          {t("visits.markDone")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <AddFollowUpForm
            visitId={visit.id}
            owners={owners}
            errors={refusedFor?.visitId === visit.id ? refusedFor.errors : undefined}
            values={refusedFor?.visitId === visit.id ? refusedFor.values : undefined}
          />
        </li>
      ))}
    </ol>
  );
}

/** Records a visit; its photos travel beside the fields (multipart). */
export function RecordVisitForm({ owners, errors, values }: { owners: readonly Owner[]; errors?: Record<string, string>; values?: Values }) {
  const t = useT();
  const form = useZodForm(recordVisitSchema, { serverErrors: errors });
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={form.onSubmit} aria-labelledby="record-visit-heading">
      <h2 id="record-visit-heading">{t("visits.recordTitle")}</h2>
      <DateField label={t("visits.visitedOn")} defaultValue={typed(values, "visitedOn") ?? todayInVietNam()} error={form.errorFor("visitedOn")} {...form.register("visitedOn")} />
      <Field label={t("visits.visitors")} hint={t("visits.visitorsHint")} maxLength={300} defaultValue={typed(values, "visitors")} error={form.errorFor("visitors")} {...form.register("visitors")} />
      <TextAreaField label={t("visits.findings")} hint={t("visits.findingsHint")} maxLength={4000} rows={5} defaultValue={typed(values, "findings")} error={form.errorFor("findings")} {...form.register("findings")} />
      <Field name="photo" label={t("visits.photo")} type="file" multiple accept="image/jpeg,image/png,image/webp" error={errors?.photo} data-max={MAX_VISIT_PHOTOS} />
      <fieldset className="stack">
        <legend>{t("visits.followUp")}</legend>
        <Field label={t("visits.action")} hint={t("visits.actionHint")} maxLength={500} defaultValue={typed(values, "action")} error={form.errorFor("action")} {...form.register("action")} />
        <DateField label={t("visits.dueOn")} defaultValue={typed(values, "dueOn")} error={form.errorFor("dueOn")} {...form.register("dueOn")} />
        <SelectField label={t("visits.owner")} defaultValue={typed(values, "ownerId") ?? ""} error={form.errorFor("ownerId")} {...form.register("ownerId")}>
          <OwnerOptions owners={owners} />
        </SelectField>
      </fieldset>
      <div>
        <button type="submit" name="intent" value="record">
          {t("visits.record")}
        </button>
      </div>
    </Form>
  );
}
