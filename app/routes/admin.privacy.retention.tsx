import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { DataTable } from "../components/ui/data-table";
import { Field, FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm, readForm, MAX_FORM_BYTES } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { titleFor } from "../i18n/title";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { retentionKinds, retentionSchema } from "../modules/privacy/register.schema";
import { applyRetention, retentionSchedule, saveRetention } from "../modules/privacy/retention.server";

// The retention schedule (issue 15, item 5): an admin sets a period per kind of data; the job
// runner applies it daily, and the admin may apply it at once. Each run is listed.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacyRegister.retentionPage.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  return retentionSchedule();
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["admin"]);
  const form = await readForm(request, MAX_FORM_BYTES);
  if (!(form instanceof FormData)) return badRequest({ "": form });
  if (form.get("intent") === "apply") {
    await applyRetention();
    return { notice: "privacyRegister.retentionPage.applied" as const, errors: undefined };
  }
  const parsed = await parseForm(form, retentionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const result = await saveRetention({ user, ip: context?.ip ?? "" }, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: {} }, { status: result.status });
  return { notice: "privacyRegister.retentionPage.saved" as const, errors: undefined };
}

export default function RetentionPage() {
  const t = useT();
  const { rules, runs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(retentionSchema, { defaultValues: Object.fromEntries(rules.map((r) => [r.kind, String(r.months ?? "")])) });
  return (
    <section>
      <p>
        <Link to="/admin/privacy">← {t("privacyRegister.title")}</Link>
      </p>
      <h1>{t("privacyRegister.retentionPage.title")}</h1>
      <p>{t("privacyRegister.retentionPage.intro")}</p>
      {actionData && "notice" in actionData && actionData.notice ? <Notice>{t(actionData.notice)}</Notice> : null}
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <FormError error={form.formError} />
        {retentionKinds.map((kind) => (
          <Field
            key={kind}
            label={`${t.dynamic(`privacyRegister.retentionPage.kind.${kind}`)} — ${t("privacyRegister.retentionPage.months")}`}
            hint={t("privacyRegister.retentionPage.hint")}
            inputMode="numeric"
            defaultValue={String(rules.find((r) => r.kind === kind)?.months ?? "")}
            error={form.errorFor(kind)}
            {...form.register(kind)}
          />
        ))}
        <div>
          <button type="submit" name="intent" value="save">
            {t("privacyRegister.retentionPage.save")}
          </button>
        </div>
      </Form>
      <Form method="post">
        <button type="submit" name="intent" value="apply" className="secondary">
          {t("privacyRegister.retentionPage.applyNow")}
        </button>
      </Form>
      <h2 id="runs">{t("privacyRegister.retentionPage.runs")}</h2>
      <DataTable
        labelledBy="runs"
        rows={runs}
        rowKey={(r) => String(r.id)}
        empty={t("privacyRegister.retentionPage.noRuns")}
        columns={[
          { header: t("privacyRegister.retentionPage.runAt"), cell: (r) => formatDateTime(r.at, t.locale) },
          { header: t("privacyRegister.retentionPage.runKind"), cell: (r) => t.dynamic(`privacyRegister.retentionPage.kind.${r.kind}`) },
          { header: t("privacyRegister.retentionPage.months"), numeric: true, cell: (r) => r.months },
          { header: t("privacyRegister.retentionPage.runAffected"), numeric: true, cell: (r) => r.affected },
        ]}
      />
    </section>
  );
}
