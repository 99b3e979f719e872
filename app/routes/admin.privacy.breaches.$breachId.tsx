import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError, Notice } from "../components/ui/field";
import { SelectField } from "../components/ui/select-field";
import { StatusBadge } from "../components/ui/status-badge";
import { TextAreaField } from "../components/ui/text-area-field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { titleFor } from "../i18n/title";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { addBreachUpdate, loadBreach } from "../modules/privacy/breaches.server";
import { BreachClock } from "../modules/privacy/components/breach-clock";
import { breachUpdateKinds, breachUpdateSchema } from "../modules/privacy/register.schema";

// One breach: what happened, its deadline, and its history, to which an admin appends.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacyRegister.breaches.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  return loadBreach(requireUuid(params.breachId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["admin"]);
  const breachId = requireUuid(params.breachId);
  const form = await parseForm(request, breachUpdateSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const result = await addBreachUpdate({ user, ip: context?.ip ?? "" }, breachId, form.data);
  if (!result.ok) return data({ errors: result.errors, values: {} }, { status: result.status });
  return redirect(`/admin/privacy/breaches/${breachId}?added=1`);
}

export default function BreachPage() {
  const t = useT();
  const breach = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const form = useZodForm(breachUpdateSchema);
  return (
    <section>
      <p>
        <Link to="/admin/privacy/breaches">{t("privacyRegister.breaches.back")}</Link>
      </p>
      <h1>{t("privacyRegister.breach.title", { date: formatDateTime(breach.detectedAt, t.locale) })}</h1>
      {search.has("added") ? <Notice>{t("privacyRegister.breach.added")}</Notice> : null}
      <p className="pre-wrap">{breach.summary}</p>
      <p className="muted">{t("privacyRegister.breach.recordedBy", { name: breach.recorder ?? "—", date: formatDateTime(breach.recordedAt, t.locale) })}</p>
      {breach.closed ? <StatusBadge tone="neutral">{t("privacyRegister.breaches.closed")}</StatusBadge> : null}
      <BreachClock deadline={breach.deadline} notifiedAt={breach.notifiedAt} left={breach.left} />
      <h2>{t("privacyRegister.breach.history")}</h2>
      {breach.updates.length === 0 ? (
        <p>{t("privacyRegister.breach.noUpdates")}</p>
      ) : (
        <ol>
          {breach.updates.map((u) => (
            <li key={u.id}>
              <strong>{t.dynamic(`privacyRegister.breach.kindName.${u.kind}`)}</strong> — {formatDateTime(u.at, t.locale)}, {u.by ?? "—"}
              <p className="pre-wrap">{u.text}</p>
            </li>
          ))}
        </ol>
      )}
      {breach.closed ? null : (
        <>
          <h2>{t("privacyRegister.breach.add")}</h2>
          <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
            <FormError error={form.formError} />
            <SelectField label={t("privacyRegister.breach.kind")} error={form.errorFor("kind")} {...form.register("kind")}>
              {breachUpdateKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t.dynamic(`privacyRegister.breach.kindName.${kind}`)}
                </option>
              ))}
            </SelectField>
            <TextAreaField label={t("privacyRegister.breach.text")} error={form.errorFor("text")} {...form.register("text")} />
            <div>
              <button type="submit">{t("privacyRegister.breach.save")}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
