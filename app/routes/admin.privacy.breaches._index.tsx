import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { StatusBadge } from "../components/ui/status-badge";
import { DateField } from "../components/ui/date-field";
import { FormError } from "../components/ui/field";
import { TextAreaField } from "../components/ui/text-area-field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { titleFor } from "../i18n/title";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { listBreaches, recordBreach } from "../modules/privacy/breaches.server";
import { BreachClock } from "../modules/privacy/components/breach-clock";
import { breachSchema } from "../modules/privacy/register.schema";

// The breach log (issue 15, item 6): each breach with its 72-hour deadline, and a new one recorded.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacyRegister.breaches.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  return { breaches: await listBreaches() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["admin"]);
  const form = await parseForm(request, breachSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const result = await recordBreach({ user, ip: context?.ip ?? "" }, form.data);
  if (!result.ok) return data({ errors: result.errors, values: {} }, { status: result.status });
  return redirect(`/admin/privacy/breaches/${result.id}`);
}

export default function BreachesPage() {
  const t = useT();
  const { breaches } = useLoaderData<typeof loader>();
  const form = useZodForm(breachSchema);
  return (
    <section>
      <p>
        <Link to="/admin/privacy">← {t("privacyRegister.title")}</Link>
      </p>
      <h1>{t("privacyRegister.breaches.title")}</h1>
      <p>{t("privacyRegister.breaches.intro")}</p>
      {breaches.length === 0 ? <p>{t("privacyRegister.breaches.empty")}</p> : null}
      {breaches.map((b) => (
        <article key={b.id} className="card">
          <h2>{t("privacyRegister.breach.title", { date: formatDateTime(b.detectedAt, t.locale) })}</h2>
          <p className="pre-wrap">{b.summary}</p>
          {b.closed ? <StatusBadge tone="neutral">{t("privacyRegister.breaches.closed")}</StatusBadge> : null}
          <BreachClock deadline={b.deadline} notifiedAt={b.notifiedAt} left={b.left} />
          <p>
            <Link to={`/admin/privacy/breaches/${b.id}`}>{t("privacyRegister.breaches.open")}</Link>
          </p>
        </article>
      ))}
      <h2>{t("privacyRegister.breaches.new")}</h2>
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <FormError error={form.formError} />
        <TextAreaField label={t("privacyRegister.breaches.summary")} hint={t("privacyRegister.breaches.summaryHint")} error={form.errorFor("summary")} {...form.register("summary")} />
        <DateField withTime label={t("privacyRegister.breaches.detectedAt")} hint={t("privacyRegister.breaches.detectedAtHint")} error={form.errorFor("detectedAt")} {...form.register("detectedAt")} />
        <div>
          <button type="submit">{t("privacyRegister.breaches.record")}</button>
        </div>
      </Form>
    </section>
  );
}
