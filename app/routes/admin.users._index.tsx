import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { Filters } from "../components/ui/filters";
import { Pager } from "../components/ui/pager";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { pageNumber } from "../forms/query";
import { ChoiceGroup } from "../components/ui/choice-group";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import { roles, type RouteHandle } from "../modules/auth/permissions";
import { resetCodeSchema, setRolesSchema, setStatusSchema } from "../modules/users/users.schema";
import { listUsers, SelfLockoutError, setDisabled, setRoles, UnknownUserError, USERS_PAGE_SIZE } from "../modules/users/users.server";
import { formatPhone } from "../i18n/format";
import { actorOf } from "../kernel/actor";
import { handResetCodeToUser } from "../modules/auth/codes.server";
import { HandedCode } from "../modules/auth/components/handed-code";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const url = new URL(request.url);
  const page = pageNumber(url);
  const rows = await listUsers({ page, search: url.searchParams.get("q")?.slice(0, 100) });
  return { users: rows.slice(0, USERS_PAGE_SIZE), page, hasNext: rows.length > USERS_PAGE_SIZE };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const formData = await readForm(request, 16 * 1024);
  if (!(formData instanceof FormData)) return badRequest({ "": formData });
  const by = { id: admin.id, ip: context?.ip ?? "" };
  try {
    if (formData.get("intent") === "roles") {
      const form = await parseForm(formData, setRolesSchema);
      if (!form.ok) return badRequest(form.errors, form.values);
      await setRoles(form.data.userId, form.data.roles, by);
      return { notice: "users.rolesSaved" as const };
    }
    if (formData.get("intent") === "reset-code") {
      const form = await parseForm(formData, resetCodeSchema);
      if (!form.ok) return badRequest(form.errors, form.values);
      const result = await handResetCodeToUser(actorOf(admin, by.ip), form.data.userId);
      // Shown once, in this answer only: it is stored hashed and never appears again.
      return result.ok ? { handed: { code: result.code, name: result.name } } : data({ errors: result.errors }, { status: result.status });
    }
    const form = await parseForm(formData, setStatusSchema);
    if (!form.ok) return badRequest(form.errors, form.values);
    await setDisabled(form.data.userId, form.data.disabled === "true", by);
    return { notice: "users.statusSaved" as const };
  } catch (error) {
    if (error instanceof SelfLockoutError) return data({ errors: { "": "users.notSelf" } }, { status: 400 });
    if (error instanceof UnknownUserError) return data({ errors: { "": "users.notFound" } }, { status: 404 });
    throw error;
  }
}

export default function Users() {
  const t = useT();
  const { users, page, hasNext } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const handed = actionData && "handed" in actionData ? actionData.handed : undefined;
  const notice = actionData && "notice" in actionData ? actionData.notice : undefined;
  const [params] = useSearchParams();
  return (
    <section>
      <h1>{t("users.title")}</h1>
      <p>
        <Link to="/admin/users/invite">{t("nav.invite")}</Link>
      </p>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      {handed ? <HandedCode name={handed.name} code={handed.code} /> : null}
      <FormError error={actionData && "errors" in actionData ? Object.values(actionData.errors)[0] : undefined} />
      <Filters submitLabel={t("users.searchSubmit")}>
        <Field id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} maxLength={100} label={t("users.search")} />
      </Filters>
      {users.length === 0 ? <p>{t("users.empty")}</p> : null}
      {users.map((user) => (
        <article key={user.id} className="card">
          <h2>{user.name}</h2>
          <p>
            {[user.email, formatPhone(user.phone)].filter(Boolean).join(" · ")} —{" "}
            <strong>{user.disabledAt ? t("users.disabled") : t("users.active")}</strong>
          </p>
          <p>{t("users.reach", { channels: user.reach.map((r) => t(`reach.${r}`)).join(", ") })}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="roles" />
            <input type="hidden" name="userId" value={user.id} />
            <ChoiceGroup
              id={`roles-${user.id}`}
              legend={t("users.roles")}
              type="checkbox"
              choices={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              input={{ name: "roles" }}
              checked={(role) => (user.roles as readonly string[]).includes(role)}
            />
            <div>
              <button type="submit">{t("users.saveRoles")}</button>
            </div>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disabled" value={user.disabledAt ? "false" : "true"} />
            <button type="submit" className="secondary">
              {user.disabledAt ? t("users.enable") : t("users.disable")}
            </button>
          </Form>
          {user.phone && !user.disabledAt && user.roles.every((r) => r === "applicant") ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reset-code" />
              <input type="hidden" name="userId" value={user.id} />
              <button type="submit" className="secondary">
                {t("groups.accounts.resetCode")}
              </button>
            </Form>
          ) : null}
        </article>
      ))}
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
