import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/ui/field";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUuid } from "../kernel/ids";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { memberRoleLabel } from "../modules/groups/member-role";
import { groupHeader } from "../modules/groups/groups.server";
import { listMembers } from "../modules/groups/members.server";
import { titleFor } from "../i18n/title";

// Members' personal data: the group's people and admins only (reviewers and finance are refused
// by the declared access; anyone else linked to another group gets 404).
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.members.title");

const notices = {
  added: "groups.done.memberAdded",
  saved: "groups.done.memberSaved",
  removed: "groups.done.memberRemoved",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const groupId = requireUuid(params.groupId);
  const group = await groupHeader(user, groupId, "read");
  const done = new URL(request.url).searchParams.get("done");
  return {
    group: { id: group.id, name: group.name },
    canAct: group.relation === "owner" || group.relation === "facilitator",
    members: await listMembers(user, groupId),
    notice: done && done in notices ? notices[done as keyof typeof notices] : null,
  };
}


export default function Members() {
  const t = useT();
  const { group, canAct, members, notice } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to={`/groups/${group.id}`}>← {group.name}</Link>
      </p>
      <h1>{t("groups.members.title")}</h1>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <p className="hint">{t("groups.members.privacy")}</p>
      <p>
        <Link to={`/groups/${group.id}/download`}>{t("privacy.export.link")}</Link>
      </p>
      {canAct ? (
        <p>
          <Link className="button" to={`/groups/${group.id}/members/new`}>
            {t("groups.members.add")}
          </Link> <Link to={`/groups/${group.id}/consents`}>{t("privacy.consents.link")}</Link>
        </p>
      ) : null}
      {members.length === 0 ? <p>{t("groups.members.empty")}</p> : null}
      {members.map((m) => (
        <article key={m.id} className="card">
          <h2>{m.name}</h2>
          <p>
            {t(`groups.gender.${m.gender}`)} · {m.birthYear === null ? null : `${t("groups.members.born", { year: m.birthYear })} · `}
            {m.ethnicity ?? t("groups.member.preferNotToSay")}
            {memberRoleLabel(t, m.role) ? ` · ${memberRoleLabel(t, m.role)}` : null}
          </p>
          <p className="muted">
            {t("groups.members.consentLine", {
              date: formatDate(m.consentGivenOn),
              method: t(`groups.consentMethod.${m.consentMethod}`),
              by: m.consentRecordedBy,
            })}
            {m.consentWitness ? ` ${t("groups.members.witnessLine", { name: m.consentWitness })}` : null}
          </p>
          {canAct ? (
            <p>
              <Link to={`/groups/${group.id}/members/${m.id}`}>{t("groups.members.edit", { name: m.name })}</Link>
            </p>
          ) : null}
        </article>
      ))}
    </section>
  );
}
