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
import { listNotifications } from "../modules/notifications/notifications.server";
import { titleFor } from "../i18n/title";
import { NoticeText } from "../modules/notifications/components/notice-text";

export const handle: RouteHandle = { access: "public" };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "nav.home");

/** The most next steps the home lists; the rest are on the applications page. */
const SHOWN_STEPS = 8;

/** Where each staff role's work starts. */
const workspace: Record<Exclude<Role, "applicant" | "facilitator">, string> = {
  reviewer: "/reviews",
  finance: "/finance",
  admin: "/admin/users",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, "public");
  if (!user) return { user: null, notices: [], steps: [], more: false, hasGroup: false };
  const notices = (await listNotifications(user.id, 5)).filter((n) => !n.readAt);
  const forGroups = user.roles.includes("applicant") || user.roles.includes("facilitator");
  // The group's side: the next step of each of its applications, from their real state (what the
  // application, its decision or its grant asks now), the ones she can act on first.
  const locale = await getLocale(request, user.locale);
  const applications = forGroups ? await lifeNextSteps(await loadMyApplications(user, locale), locale) : [];
  const steps = applications
    .filter((a) => a.next !== null)
    .map((a) => ({ id: a.id, title: a.title, groupName: a.groupName, next: a.next! }))
    .sort((a, b) => Number(b.next.link !== null) - Number(a.next.link !== null));
  const hasGroup = forGroups && steps.length === 0 ? (await listActingGroups(user)).length > 0 : steps.length > 0;
  return { user: { name: user.name, roles: user.roles }, notices, steps: steps.slice(0, SHOWN_STEPS), more: steps.length > SHOWN_STEPS, hasGroup };
}

export default function Home() {
  const { user, notices, steps, more, hasGroup } = useLoaderData<typeof loader>();
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
      <div className="card">
        <h2>{t("home.next")}</h2>
        <ul>
          {groupRole ? (
            <li>
              <strong>{t(`role.${groupRole}`)}:</strong>{" "}
              {steps.length > 0 ? (
                <ul>
                  {steps.map((step) => (
                    <li key={step.id}>
                      <strong>{step.groupName}</strong> — {step.title || t("applications.untitled")}:{" "}
                      {step.next.link ? <Link to={step.next.link}>{t.dynamic(step.next.what, step.next.params)}</Link> : t.dynamic(step.next.what, step.next.params)}
                    </li>
                  ))}
                </ul>
              ) : hasGroup ? (
                // Nothing started yet: first the group, then an application in an open round.
                <Link to="/rounds">{t("home.group.apply")}</Link>
              ) : groupRole === "applicant" ? (
                <Link to="/groups/new">{t("home.applicant.next")}</Link>
              ) : (
                <Link to="/groups">{t("home.facilitator.next")}</Link>
              )}
            </li>
          ) : null}
          {staff.map((role) => (
            <li key={role}>
              <strong>{t(`role.${role}`)}:</strong> <Link to={workspace[role]}>{t(`home.${role}.next`)}</Link>
            </li>
          ))}
        </ul>
        {more ? (
          <p>
            <Link to="/applications">{t("home.group.all")}</Link>
          </p>
        ) : null}
      </div>
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
