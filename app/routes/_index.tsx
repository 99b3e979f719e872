import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { listNotifications } from "../modules/notifications/notifications.server";

export const handle: RouteHandle = { access: "public" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, "public");
  if (!user) return { user: null, notices: [] };
  const notices = (await listNotifications(user.id, 5)).filter((n) => !n.readAt);
  return { user: { name: user.name, roles: user.roles }, notices };
}

export default function Home() {
  const { user, notices } = useLoaderData<typeof loader>();
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
  return (
    <section>
      <h1>{t("home.welcome", { name: user.name })}</h1>
      <h2>{t("home.next")}</h2>
      <ul>
        {user.roles.map((role) => (
          <li key={role}>
            <strong>{t(`role.${role}`)}:</strong> {t(`home.${role}.next`)}
          </li>
        ))}
      </ul>
      {notices.length > 0 ? (
        <>
          <h2>{t("home.notifications")}</h2>
          <ul>
            {notices.map((n) => (
              <li key={n.id}>{n.link ? <Link to={n.link}>{t.dynamic(n.messageKey, n.params)}</Link> : t.dynamic(n.messageKey, n.params)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
