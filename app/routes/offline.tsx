import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import "../i18n/areas/common";
import "../i18n/areas/offline";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { QueueList } from "../modules/offline/components/queue-list";

// The queue of forms kept on this phone (DECISIONS.md 54). The list lives on the phone, not on
// the server: the page is a frame the field app's worker keeps, and its script reads the list.

export const handle: RouteHandle = { access: ["facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "offline.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["facilitator"]);
  return null;
}

export default function OfflineQueue() {
  const t = useT();
  const [search] = useSearchParams();
  // After hydration: offline this page is the phone's copy, drawn without the query.
  const [queued, setQueued] = useState(false);
  useEffect(() => setQueued(search.get("queued") !== null), [search]);
  return (
    <section>
      <h1>{t("offline.title")}</h1>
      {queued ? (
        <p role="status" className="alert">
          {t("offline.queued")}
        </p>
      ) : null}
      <p>{t("offline.intro")}</p>
      <noscript>
        <p>{t("offline.noScript")}</p>
      </noscript>
      <QueueList />
    </section>
  );
}
