import { Link, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import "../../../i18n/areas/offline";
import { formatDateTime } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { COPIED_AT_HEADER, PAGE_CACHE, QUEUE_DB } from "../paths";
import { listQueue } from "../queue-store";

// The field app's part of every facilitator's page (DECISIONS.md 54), loaded only for her and
// only after the page is usable: the banner that says a page is the phone's copy and from when,
// the count of forms waiting to be sent, the warning before logging out with some unsent, and
// the messages that keep the worker's copies of the pages she opens.

function worker(): ServiceWorkerContainer | undefined {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator ? navigator.serviceWorker : undefined;
}

export default function FieldApp() {
  const t = useT();
  const location = useLocation();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [copiedAt, setCopiedAt] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(0);

  // Registered when the browser is idle after the page is up; nothing needs it online.
  useEffect(() => {
    const register = () => void worker()?.register("/sw.js").catch(() => undefined);
    const idle = (globalThis as { requestIdleCallback?: (f: () => void) => number }).requestIdleCallback;
    if (idle) idle(register);
    else setTimeout(register, 1000);
  }, []);

  useEffect(() => {
    const refresh = () =>
      void listQueue()
        .then((items) => setWaiting(items.filter((i) => i.state !== "sent").length))
        .catch(() => setWaiting(0));
    const wentOnline = () => {
      setOnline(true);
      worker()?.controller?.postMessage({ type: "replay" });
    };
    const wentOffline = () => setOnline(false);
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === "queue-changed") refresh();
    };
    refresh();
    addEventListener("online", wentOnline);
    addEventListener("offline", wentOffline);
    worker()?.addEventListener("message", onMessage);
    if (navigator.onLine) worker()?.controller?.postMessage({ type: "replay" });
    return () => {
      removeEventListener("online", wentOnline);
      removeEventListener("offline", wentOffline);
      worker()?.removeEventListener("message", onMessage);
    };
  }, []);

  // Each page she opens is kept, with the files it needs, and the worker learns its title.
  useEffect(() => {
    const timer = setTimeout(() => {
      const sw = worker();
      sw?.controller?.postMessage({ type: "title", title: document.title });
      void sw?.ready.then((registration) =>
        registration.active?.postMessage({
          type: "keep-copies",
          urls: [location.pathname + location.search, "/offline", ...performance.getEntriesByType("resource").map((entry) => entry.name)],
        }),
      );
    }, 0);
    return () => clearTimeout(timer);
  }, [location.pathname, location.search]);

  useEffect(() => {
    setCopiedAt(null);
    if (online || typeof caches === "undefined") return;
    void caches
      .open(PAGE_CACHE)
      .then((cache) => cache.match(location.pathname + location.search, { ignoreSearch: location.pathname === "/offline" }))
      .then((copy) => setCopiedAt(copy?.headers.get(COPIED_AT_HEADER) ?? null))
      .catch(() => setCopiedAt(null));
  }, [online, location.pathname, location.search]);

  // Logging out empties the phone (the server's Clear-Site-Data); unsent forms are named first.
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target as HTMLFormElement | null;
      if (!form || new URL(form.action, window.location.href).pathname !== "/logout") return;
      if (waiting > 0 && !confirmLogout(event)) return;
      void caches?.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))));
      indexedDB.deleteDatabase(QUEUE_DB);
    };
    const confirmLogout = (event: SubmitEvent): boolean => {
      // The list is read synchronously from what the count last saw; the names come with it.
      const items = lastItems.map((i) => `• ${t(`offline.kind.${i.kind}`)} — ${i.title} (${formatDateTime(i.queuedAt, t.locale)})`).join("\n");
      if (window.confirm(t("offline.logoutWarning", { count: String(waiting), items }))) return true;
      event.preventDefault();
      event.stopImmediatePropagation();
      return false;
    };
    let lastItems: Awaited<ReturnType<typeof listQueue>> = [];
    void listQueue().then((items) => (lastItems = items.filter((i) => i.state !== "sent")));
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, [waiting, t]);

  return (
    <div className="field-app">
      {online ? null : (
        <p role="status" className="alert offline-banner">
          {copiedAt ? t("offline.banner.copy", { when: formatDateTime(copiedAt, t.locale) }) : t("offline.banner.offline")}
        </p>
      )}
      {waiting > 0 ? (
        <p className="queue-count">
          <Link to="/offline" reloadDocument>
            {t("offline.count", { count: String(waiting) })}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
