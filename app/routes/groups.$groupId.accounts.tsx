import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { DataTable } from "../components/ui/data-table";
import { Field, FormError, Notice } from "../components/ui/field";
import { SelectField } from "../components/ui/select-field";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDateTime, formatPhone } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { actorOf } from "../kernel/actor";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { groupAccountsOf, handResetCode, removeGroupAccount, startHandover } from "../modules/groups/accounts.server";
import { accountHolderSchema, handoverSchema } from "../modules/groups/groups.schema";
import { titleFor } from "../i18n/title";
import { HandedCode } from "../modules/auth/components/handed-code";

// The group's accounts, for the facilitators who support it and admins: who holds it and how each
// is reached, a hand-over to a leader's phone, removing a holder, and a reset code to hand over.
export const handle: RouteHandle = { access: ["facilitator", "admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.accounts.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["facilitator", "admin"]);
  return groupAccountsOf(actorOf(user, context?.ip ?? ""), requireUuid(params.groupId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["facilitator", "admin"]);
  const groupId = requireUuid(params.groupId);
  const actor = actorOf(user, context?.ip ?? "", `group:${groupId}`);
  const formData = await readForm(request, 16 * 1024);
  if (!(formData instanceof FormData)) return badRequest({ "": formData });
  const intent = formData.get("intent");
  if (intent === "remove" || intent === "reset-code") {
    const form = await parseForm(formData, accountHolderSchema);
    if (!form.ok) return badRequest(form.errors, form.values);
    if (intent === "remove") {
      const result = await removeGroupAccount(actor, groupId, form.data.userId);
      return result.ok ? { notice: "groups.accounts.removed" as const } : badRequest(result.errors);
    }
    const result = await handResetCode(actor, groupId, form.data.userId);
    // Shown once, in this answer only: it is stored hashed and never appears again.
    return result.ok ? { handed: { code: result.code, name: result.name } } : badRequest(result.errors);
  }
  const form = await parseForm(formData, handoverSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const result = await startHandover(actor, groupId, form.data);
  return result.ok ? { notice: "groups.accounts.handoverSent" as const } : badRequest(result.errors, { name: form.data.name, phone: form.data.phone, role: form.data.role });
}

export default function GroupAccounts() {
  const t = useT();
  const { group, accounts, pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const form = useZodForm(handoverSchema, { serverErrors: errors });
  const notice = actionData && "notice" in actionData ? actionData.notice : undefined;
  const handed = actionData && "handed" in actionData ? actionData.handed : undefined;
  return (
    <section>
      <p>
        <Link to={`/groups/${group.id}`}>← {group.name}</Link>
      </p>
      <h1>{t("groups.accounts.title")}</h1>
      <p>{t("groups.accounts.intro")}</p>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      {handed ? <HandedCode name={handed.name} code={handed.code} /> : null}
      <FormError error={errors?.[""]} />
      <DataTable
        caption={t("groups.accounts.holders")}
        rows={accounts}
        rowKey={(a) => a.userId}
        empty={t("groups.accounts.none")}
        columns={[
          { header: t("groups.accounts.name"), rowHeader: true, cell: (a) => a.name },
          { header: t("groups.accounts.role"), cell: (a) => t(`groups.accounts.role.${a.role}`) },
          { header: t("groups.accounts.phone"), cell: (a) => formatPhone(a.phone) },
          { header: t("groups.accounts.reach"), cell: (a) => a.reach.map((r) => t(`reach.${r}`)).join(", ") },
          {
            header: t("groups.accounts.actions"),
            cell: (a) => (
              <div className="inline-form">
                <Form method="post">
                  <input type="hidden" name="intent" value="reset-code" />
                  <input type="hidden" name="userId" value={a.userId} />
                  <button type="submit" className="secondary">
                    {t("groups.accounts.resetCode")}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={a.userId} />
                  <button type="submit" className="secondary">
                    {t("groups.accounts.remove")}
                  </button>
                </Form>
              </div>
            ),
          },
        ]}
      />
      {pending.length > 0 ? (
        <>
          <h2>{t("groups.accounts.pending")}</h2>
          <ul>
            {pending.map((p) => (
              <li key={p.id}>
                {t("groups.accounts.pendingLine", { name: p.name, phone: formatPhone(p.phone), role: t(`groups.accounts.role.${p.role}`), until: formatDateTime(p.expiresAt, t.locale) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("groups.accounts.handover")}</h2>
      <p>{t("groups.accounts.handoverIntro")}</p>
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="handover" />
        <Field label={t("groups.accounts.name")} autoComplete="off" error={form.errorFor("name")} {...form.register("name")} />
        <Field label={t("groups.accounts.phone")} hint={t("codeLogin.phoneHint")} type="tel" autoComplete="off" error={form.errorFor("phone")} {...form.register("phone")} />
        <SelectField label={t("groups.accounts.role")} error={form.errorFor("role")} {...form.register("role")}>
          <option value="leader">{t("groups.accounts.role.leader")}</option>
          <option value="treasurer">{t("groups.accounts.role.treasurer")}</option>
        </SelectField>
        <div>
          <button type="submit">{t("groups.accounts.send")}</button>
        </div>
      </Form>
    </section>
  );
}
