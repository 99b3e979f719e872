import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { formatDate, formatPhone } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { revealSchema } from "../modules/groups/groups.schema";
import { findGroupForReader, groupSummary, revealBankAccount } from "../modules/groups/groups.server";
import { titleFor } from "../i18n/title";
import { closedGrantsOfGroup } from "../modules/grants/closure.server";

export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.detail.title");

const notices = {
  registered: "groups.done.registered",
  saved: "groups.done.saved",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const groupId = requireUuid(params.groupId);
  const { group, facilitators, relation } = await findGroupForReader(user, groupId);
  const done = new URL(request.url).searchParams.get("done");
  return {
    group,
    facilitators,
    canAct: relation === "owner" || relation === "facilitator",
    isAdmin: user.roles.includes("admin"),
    supports: relation === "facilitator" || relation === "admin",
    summary: await groupSummary(groupId),
    // Issue 14: the letters of its closed grants.
    closed: await closedGrantsOfGroup(groupId),
    notice: done && done in notices ? notices[done as keyof typeof notices] : null,
  };
}

/** "Show the full number": a POST, never a GET, so every reveal is deliberate and audited. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const groupId = requireUuid(params.groupId);
  const form = await parseForm(request, revealSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  return { bankAccount: await revealBankAccount({ user, ip: context?.ip ?? "" }, groupId) };
}

export default function GroupPage() {
  const t = useT();
  const { group, facilitators, canAct, isAdmin, supports, summary, notice, closed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revealed = actionData && "bankAccount" in actionData ? actionData.bankAccount : null;
  return (
    <section>
      <h1>{group.name}</h1>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <FormError error={actionData && "errors" in actionData ? Object.values(actionData.errors)[0] : undefined} />
      <dl className="card">
        <dt>{t("groups.field.kind")}</dt>
        <dd>{t(`groups.kind.${group.kind}`)}</dd>
        <dt>{t("groups.detail.address")}</dt>
        <dd>{`${group.village}, ${group.commune}, ${t.locale === "vi" ? group.provinceVi : group.provinceEn}`}</dd>
        <dt>{t("groups.field.yearFormed")}</dt>
        <dd>{group.yearFormed}</dd>
        <dt>{t("groups.field.leaderName")}</dt>
        <dd>{group.leaderName}</dd>
        <dt>{t("groups.field.phone")}</dt>
        <dd>{formatPhone(group.phone)}</dd>
        <dt>{t("groups.detail.registeredOn")}</dt>
        <dd>{formatDate(group.createdAt)}</dd>
      </dl>
      {canAct ? (
        <p>
          <Link className="button secondary" to={`/groups/${group.id}/edit`}>
            {t("groups.detail.edit")}
          </Link>
        </p>
      ) : null}

      <h2>{t("groups.detail.bank")}</h2>
      {group.bankAccountMasked ? (
        <div className="card">
          <p>
            {group.bankName ? `${group.bankName}: ` : null}
            <strong>{revealed ?? group.bankAccountMasked}</strong>
            {group.bankAccountHolder ? <> · {group.bankAccountHolder}</> : null}
          </p>
          {revealed ? (
            <p className="hint">{t("groups.detail.revealedNote")}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="revealBankAccount" />
              <button type="submit" className="secondary">
                {t("groups.detail.reveal")}
              </button>
              <p className="hint">{t("groups.detail.revealHint")}</p>
            </Form>
          )}
        </div>
      ) : (
        <p>{t("groups.detail.noBank")}</p>
      )}

      <h2>{t("groups.members.title")}</h2>
      <p>
        {t("groups.summary.counts", { members: summary.members, women: summary.women, ethnic: summary.ethnicGroups })}{" "}
        {summary.members > 0 ? (summary.hasWomanLeader ? t("groups.summary.womanLeader") : t("groups.summary.noWomanLeader")) : null}
      </p>
      <p>
        <Link to={`/groups/${group.id}/members`}>{canAct ? t("groups.detail.manageMembers") : t("groups.detail.seeMembers")}</Link>
      </p>

      <h2>{t("groups.detail.facilitators")}</h2>
      {facilitators.length === 0 ? (
        <p>{t("groups.detail.noFacilitators")}</p>
      ) : (
        <ul>
          {facilitators.map((f) => (
            <li key={f.id}>{f.name}</li>
          ))}
        </ul>
      )}
      {isAdmin ? (
        <p>
          <Link to={`/groups/${group.id}/facilitators`}>{t("groups.detail.manageFacilitators")}</Link>
        </p>
      ) : null}
      {supports ? (
        <p>
          <Link to={`/groups/${group.id}/accounts`}>{t("groups.accounts.link")}</Link>
        </p>
      ) : null}
      {closed.length > 0 ? (
        <>
          <h2>{t("spending.group.closedTitle")}</h2>
          <ul>
            {closed.map((c) => (
              <li key={c.grantId}>
                <Link to={`/grants/${c.grantId}/closure`}>{t("spending.group.letter", { title: c.title, date: formatDate(c.closedAt) })}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
