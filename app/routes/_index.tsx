import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import type { Role } from "../kernel/actor";
import { listActingGroups } from "../modules/applications/applications.server";
import { loadMyApplications } from "../modules/applications/overview.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { lifeNextSteps } from "../modules/decisions/next-steps.server";
import { workFor } from "../modules/home/role-work.server";
import { listNotifications } from "../modules/notifications/notifications.server";
import { titleFor } from "../i18n/title";
import { NoticeText } from "../modules/notifications/components/notice-text";
import { openFollowUpsOf } from "../modules/visits/visits.server";
import { formatDate } from "../i18n/format";

export const handle: RouteHandle = { access: "public" };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "nav.home");

/** The most groups the home lists (a facilitator may support many); the rest are on their pages. */
const SHOWN_GROUPS = 12;

/** Where each staff role's work starts. */
const workspace: Record<Exclude<Role, "applicant" | "facilitator">, string> = {
  reviewer: "/reviews",
  finance: "/finance",
  admin: "/admin/users",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, "public");
  if (!user) return { user: null, notices: [], groups: [], more: false, work: {}, followUps: [] };
  const notices = (await listNotifications(user.id, 5)).filter((n) => !n.readAt);
  const forGroups = user.roles.includes("applicant") || user.roles.includes("facilitator");
  // The group's side, group by group: the next step of each of its applications, from their real
  // state (what the application, its decision or its grant asks now), the ones she can act on
  // first; a group that has never applied is sent to apply.
  const locale = await getLocale(request, user.locale);
  const [applications, acting] = forGroups ? await Promise.all([loadMyApplications(user, locale), listActingGroups(user)]) : [[], []];
  const withSteps = await lifeNextSteps(applications, locale);
  const groups = acting.map((group) => {
    const own = withSteps.filter((a) => a.groupId === group.id);
    const steps = own
      .filter((a) => a.next !== null)
      .map((a) => ({ id: a.id, title: a.title, next: a.next! }))
      .sort((a, b) => Number(b.next.link !== null) - Number(a.next.link !== null));
    return { id: group.id, name: group.name, steps, applied: own.length > 0 };
  });
  // Groups with something to do first; then those that have not applied; the rest last.
  groups.sort((a, b) => rank(a) - rank(b));
  return { user: { name: user.name, roles: user.roles }, notices, groups: groups.slice(0, SHOWN_GROUPS), more: groups.length > SHOWN_GROUPS,
    work: await workFor(user.id, user.roles),
    // What visits left her to do (issue 14): only staff and facilitators own follow-ups.
    followUps: user.roles.some((role) => role !== "applicant" && role !== "reviewer") ? await openFollowUpsOf(user.id) : [],
  };
}

function rank(group: { steps: unknown[]; applied: boolean }): number {
  return group.steps.length > 0 ? 0 : group.applied ? 2 : 1;
}

export default function Home() {
  const { user, notices, groups, more, work, followUps } = useLoaderData<typeof loader>();
  const t = useT();
  if (!user) {
    return (
      <section>
        <h1>{t("home.anon.title")}</h1>
        <p>{t("home.anon.body")}</p>
        <p>{t("home.anon.start")}</p>
        <p className="inline-form">
          <Link className="button" to="/register">
            {t("nav.register")}
          </Link>
          <Link className="button secondary" to="/login">
            {t("nav.login")}
          </Link>
        </p>
      </section>
    );
  }
  // One list for the group's side, under the first of her group roles (a leader or a facilitator).
  const groupRole = user.roles.find((role) => role === "applicant" || role === "facilitator");
  const staff = user.roles.filter((role): role is keyof typeof workspace => role in workspace);
  return (
    <section>
      <h1>{t("home.welcome", { name: user.name })}</h1>
      <div className="card home-next">
        <h2>{t("home.next")}</h2>
        <ul className="plain">
          {groupRole ? (
            <li>
              <strong>{t(`role.${groupRole}`)}:</strong>{" "}
              {groups.length > 0 ? (
                <ul className="plain">
                  {groups.map((group) => (
                    <li key={group.id}>
                      <strong>{group.name}</strong>
                      {group.steps.length > 0 ? (
                        <ul>
                          {group.steps.map((step) => (
                            <li key={step.id}>
                              {step.title || t("applications.untitled")}:{" "}
                              {step.next.link ? <Link to={step.next.link}>{t.dynamic(step.next.what, step.next.params)}</Link> : t.dynamic(step.next.what, step.next.params)}
                            </li>
                          ))}
                        </ul>
                      ) : group.applied ? (
                        <> — {t("home.work.caught")}</>
                      ) : (
                        // Nothing started yet: an application in an open round.
                        <>
                          {" "}
                          — <Link to={`/applications/new?group=${group.id}`}>{t("home.group.apply")}</Link>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : groupRole === "applicant" ? (
                <Link to="/groups/new">{t("home.applicant.next")}</Link>
              ) : (
                <Link to="/groups">{t("home.facilitator.next")}</Link>
              )}
            </li>
          ) : null}
          {staff.map((role) => {
            const items = work[role] ?? [];
            return (
              <li key={role}>
                <strong>{t(`role.${role}`)}:</strong> <Link to={workspace[role]}>{t(`home.${role}.next`)}</Link>
                <ul>
                  {items.map((item) => (
                    <li key={`${item.what}-${item.link}`}>
                      {item.round ? <>{t.locale === "en" ? item.round.en : item.round.vi}: </> : null}
                      <Link to={item.link}>{t.dynamic(item.what, { count: item.shown })}</Link>
                    </li>
                  ))}
                  {items.length === 0 ? <li className="muted">{t("home.work.caught")}</li> : null}
                </ul>
              </li>
            );
          })}
        </ul>
        {more ? (
          <p>
            <Link to="/applications">{t("home.group.all")}</Link>
          </p>
        ) : null}
      </div>
      {followUps.length > 0 ? (
        <>
          <h2>{t("visits.yourFollowUps")}</h2>
          <ul>
            {followUps.map((f) => (
              <li key={f.id}>
                <Link to={`/grants/${f.grantId}/visits`}>{f.action}</Link> · {t("visits.dueOn")} {formatDate(f.dueOn)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {notices.length > 0 ? (
        <>
          <h2>{t("home.notifications")}</h2>
          <ul>
            {notices.map((n) => (
              <li key={n.id}>
                <NoticeText notice={n} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
