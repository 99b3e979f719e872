import { Form } from "../../../components/ui/form";
import { TextAreaField } from "../../../components/ui/text-area-field";
import { useZodForm } from "../../../forms/use-zod-form";
import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { stopGrantSchema } from "../grants.schema";
import type { GrantStatus } from "../machine";

// Issue 14: an admin suspends, resumes or terminates a grant with a reason the group reads, and
// everyone who reads the agreement sees why its payments stopped.

type Values = Record<string, string | string[]> | undefined;

export type StopIntent = "suspend" | "resume" | "terminate";

/** One of the three forms; `unpaid` is what a termination gives back to the round. */
export function StopGrantForm({ intent, unpaid, errors, values }: { intent: StopIntent; unpaid: bigint; errors?: Record<string, string>; values?: Values }) {
  const t = useT();
  const form = useZodForm(stopGrantSchema, { serverErrors: errors });
  const typed = typeof values?.reason === "string" ? values.reason : undefined;
  return (
    <Form method="post" className="stack no-print" noValidate onSubmit={form.onSubmit} aria-labelledby={`${intent}-heading`}>
      <h2 id={`${intent}-heading`}>{t(`grants.${intent}.title`)}</h2>
      <p>{t(`grants.${intent}.intro`, { amount: formatMoney(unpaid, t.locale) })}</p>
      <input type="hidden" name="intent" value={intent} />
      <TextAreaField
        label={t("grants.stop.reason")}
        hint={t("grants.stop.reasonHint")}
        maxLength={1000}
        rows={3}
        defaultValue={typed}
        error={form.errorFor("reason")}
        {...form.register("reason")}
      />
      <div>
        <button type="submit" className={intent === "resume" ? undefined : "secondary"}>
          {t(`grants.${intent}.submit`)}
        </button>
      </div>
    </Form>
  );
}

/** Why a grant's payments are stopped, for the group and staff alike (printed with the agreement). */
export function StopReason({ grant }: { grant: { status: GrantStatus; statusReason: string | null; releasedAmount: bigint } }) {
  const t = useT();
  if ((grant.status !== "suspended" && grant.status !== "terminated") || !grant.statusReason) return null;
  return (
    <div className="alert" role="status">
      <p>{t(`grants.stop.shown.${grant.status}`, { reason: grant.statusReason })}</p>
      {grant.status === "terminated" && grant.releasedAmount > 0n ? <p>{t("grants.stop.released", { amount: formatMoney(grant.releasedAmount, t.locale) })}</p> : null}
    </div>
  );
}
