import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { z } from "zod";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { listNotifications, markRead } from "../modules/notifications/notifications.server";
import { titleFor } from "../i18n/title";
import { NoticeText } from "../modules/notifications/components/notice-text";

export const handle: RouteHandle = { access: "signed-in" };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "notifications.title");

const markReadSchema = z.object({ id: z.uuid({ error: "errors.invalid" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, "signed-in");
  return { notices: await listNotifications(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccess(request, "signed-in");
  const form = await parseForm(request, markReadSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  await markRead(user.id, form.data.id);
  return { ok: true };
}

export default function Notifications() {
  const t = useT();
  const { notices } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("notifications.title")}</h1>
      {notices.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul>
        {notices.map((n) => (
          <li key={n.id} className="card">
            <p className="muted">{formatDateTime(n.createdAt, t.locale)}</p>
            <p>
              <NoticeText notice={n} />
            </p>
            {n.readAt ? (
              <p className="muted">{t("notifications.read")}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" className="secondary">
                  {t("notifications.markRead")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
