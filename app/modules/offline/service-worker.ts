/// <reference lib="webworker" />
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type SerwistPlugin } from "serwist";
import { ASSET_CACHE, COPIED_AT_HEADER, COPY_DAYS, PAGE_CACHE, QUEUE_DB, isKeptPage, queuedKind } from "./paths";
import { openQueue, type StoredItem } from "./queue-store";

// Gieo's field app (DECISIONS.md 54), built with Serwist. It is registered only for a signed-in
// facilitator and never needed online: pages come from the network first and from the phone's
// copy only when the network fails; the forms she may fill in the field are kept on the phone
// when their post fails and sent again, in order, when the connection returns. Nothing is
// precached: the copies are of the pages she opened herself.

declare const self: ServiceWorkerGlobalScope;

const DAY = 24 * 60 * 60;

/** Marks each copy with the time it was taken, for the banner that says the page is a copy. */
const stampCopy: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => {
    if (response.status !== 200 || response.redirected) return null;
    const headers = new Headers(response.headers);
    headers.set(COPIED_AT_HEADER, new Date().toISOString());
    return new Response(await response.blob(), { status: 200, statusText: response.statusText, headers });
  },
};

const serwist = new Serwist({
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ url, request, sameOrigin }) => sameOrigin && request.method === "GET" && url.pathname.startsWith("/assets/"),
      handler: new CacheFirst({
        cacheName: ASSET_CACHE,
        plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * DAY })],
      }),
    },
    {
      // Remix's manifest of routes, asked for when the app moves between pages.
      matcher: ({ url, request, sameOrigin }) => sameOrigin && request.method === "GET" && url.pathname === "/__manifest",
      handler: new NetworkFirst({ cacheName: PAGE_CACHE, networkTimeoutSeconds: 5, plugins: [new ExpirationPlugin({ maxAgeSeconds: COPY_DAYS * DAY })] }),
    },
    {
      // The queue page, whatever its query (?queued=1 after a form was kept): one frame.
      matcher: ({ url, request, sameOrigin }) => sameOrigin && request.method === "GET" && url.pathname === "/offline",
      handler: new NetworkFirst({ cacheName: PAGE_CACHE, networkTimeoutSeconds: 5, matchOptions: { ignoreSearch: true }, plugins: [stampCopy] }),
    },
    {
      matcher: ({ url, request, sameOrigin }) => sameOrigin && request.method === "GET" && isKeptPage(url.pathname),
      handler: new NetworkFirst({
        cacheName: PAGE_CACHE,
        networkTimeoutSeconds: 5,
        plugins: [stampCopy, new ExpirationPlugin({ maxAgeSeconds: COPY_DAYS * DAY, maxEntries: 400 })],
      }),
    },
  ],
});
serwist.addEventListeners();

// ---- The queue -------------------------------------------------------------------------------

let replaying: Promise<void> | null = null;

async function tellPages(message: unknown) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage(message);
}

function fieldsOf(body: ArrayBuffer, contentType: string): Promise<[string, string][]> {
  return new Response(body, { headers: { "Content-Type": contentType } }).formData().then((form) =>
    [...form.entries()].map(([name, value]): [string, string] => [name, typeof value === "string" ? value : `📎 ${value.name}`]),
  );
}

async function keep(request: Request, body: ArrayBuffer, title: string): Promise<void> {
  const url = new URL(request.url);
  const contentType = request.headers.get("Content-Type") ?? "application/x-www-form-urlencoded";
  const fields = await fieldsOf(body, contentType);
  const key = fields.find(([name]) => name === "_idempotency")?.[1] ?? "";
  const item: StoredItem = {
    key,
    kind: queuedKind(url.pathname) ?? "member",
    url: url.pathname + url.search,
    title,
    queuedAt: new Date().toISOString(),
    state: "waiting",
    fields: fields.filter(([name]) => name !== "_idempotency"),
    body,
    contentType,
  };
  const db = await openQueue();
  // The same form kept twice (a double tap offline) is one item: its key says so.
  const already = (await db.getAll("items")).find((i) => i.key === key && key !== "" && i.state !== "sent");
  if (!already) await db.add("items", item);
  db.close();
  await tellPages({ type: "queue-changed" });
  try {
    await (self.registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register(QUEUE_DB);
  } catch {
    // No Background Sync (Firefox, Safari): the pages ask for a replay when they see the network.
  }
}

/** The text of the page's messages (its error summary and alerts), for the queue page. */
function refusalMessage(html: string): string {
  const found = [...html.matchAll(/role="alert"[^>]*>([\s\S]*?)<\/(?:div|p|section)>/g)].map((m) =>
    m[1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(),
  );
  return found.filter(Boolean).join(" · ").slice(0, 1000);
}

/** Sends the waiting items, oldest first; stops at the first that finds no network. */
async function replayQueue(): Promise<void> {
  const db = await openQueue();
  try {
    const items = (await db.getAll("items")).filter((i) => i.state === "waiting").sort((a, b) => a.id! - b.id!);
    for (const item of items) {
      await db.put("items", { ...item, state: "sending" });
      await tellPages({ type: "queue-changed" });
      let response: Response;
      try {
        response = await fetch(item.url, {
          method: "POST",
          body: item.body,
          headers: { "Content-Type": item.contentType },
          credentials: "same-origin",
          redirect: "follow",
        });
      } catch {
        await db.put("items", { ...item, state: "waiting" });
        return;
      }
      const landed = new URL(response.url);
      const at = new Date().toISOString();
      if (landed.pathname === "/login" || response.status >= 500) {
        // Signed out meanwhile, or the server is failing: the item waits for the next try.
        await db.put("items", { ...item, state: "waiting", answer: { status: response.status, location: landed.pathname, at } });
        return;
      }
      if (response.ok) {
        await db.put("items", { ...item, state: "sent", answer: { status: response.status, location: landed.pathname + landed.search, at } });
      } else {
        const message = refusalMessage(await response.text());
        await db.put("items", { ...item, state: "refused", answer: { status: response.status, message, at } });
      }
    }
  } finally {
    db.close();
    await tellPages({ type: "queue-changed" });
  }
}

function replay(): Promise<void> {
  replaying ??= replayQueue().finally(() => (replaying = null));
  return replaying;
}

async function waitingCount(): Promise<number> {
  const db = await openQueue();
  const n = (await db.getAll("items")).filter((i) => i.state === "waiting" || i.state === "sending").length;
  db.close();
  return n;
}

/** A post of a form the field app may keep: sent now, or kept when the network fails. */
async function postOrKeep(event: FetchEvent): Promise<Response> {
  const request = event.request;
  const body = await request.clone().arrayBuffer();
  const client = event.clientId ? await self.clients.get(event.clientId) : undefined;
  const title = titles.get(event.clientId) ?? (client ? new URL(client.url).pathname : "");
  // Kept forms go in order: while older ones wait, a new one waits behind them.
  if ((await waitingCount()) > 0) {
    await keep(request, body, title);
    void replay();
    return Response.redirect("/offline?queued=1", 303);
  }
  try {
    return await fetch(request);
  } catch {
    await keep(request, body, title);
    return Response.redirect("/offline?queued=1", 303);
  }
}

/** The title of each page, told by the page itself (the queue page shows where a form came from). */
const titles = new Map<string, string>();

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "POST" || url.origin !== self.location.origin || event.request.mode !== "navigate") return;
  if (!queuedKind(url.pathname)) return;
  event.respondWith(postOrKeep(event));
});

self.addEventListener("sync", ((event: Event & { tag: string; waitUntil(p: Promise<unknown>): void }) => {
  if (event.tag === QUEUE_DB) event.waitUntil(replay());
}) as EventListener);

self.addEventListener("message", (event) => {
  const data = event.data as { type?: string; urls?: string[]; title?: string } | null;
  const source = event.source as Client | null;
  if (data?.type === "title" && source && typeof data.title === "string") titles.set(source.id, data.title.slice(0, 200));
  if (data?.type === "replay") event.waitUntil(replay());
  if (data?.type === "keep-copies" && Array.isArray(data.urls)) event.waitUntil(keepCopies(data.urls));
  if (data?.type === "resend" && typeof (data as { id?: unknown }).id === "number") event.waitUntil(resend(data as { id: number; fields?: [string, string][] }));
  if (data?.type === "forget" && typeof (data as { id?: unknown }).id === "number") event.waitUntil(forget((data as { id: number }).id));
});

/** The page's own files, fetched before the worker was there, kept now for the next visit offline. */
async function keepCopies(urls: string[]) {
  const assets = await caches.open(ASSET_CACHE);
  for (const raw of urls.slice(0, 100)) {
    const url = new URL(raw, self.location.origin);
    if (url.origin !== self.location.origin) continue;
    try {
      if (url.pathname.startsWith("/assets/")) {
        if (!(await assets.match(url))) await assets.add(url);
      } else if (isKeptPage(url.pathname)) {
        const cache = await caches.open(PAGE_CACHE);
        if (await cache.match(url)) continue;
        const response = await fetch(url, { credentials: "same-origin" });
        // The page's own scripts and styles, which a page opened offline needs to come alive.
        for (const asset of new Set((await response.clone().text()).match(/\/assets\/[\w.\-/]+\.(?:js|css)/g) ?? [])) {
          if (!(await assets.match(asset))) await assets.add(asset).catch(() => undefined);
        }
        const stamped = await stampCopy.cacheWillUpdate!({ request: new Request(url), response, event: new ExtendableEvent("keep"), state: {} });
        if (stamped) await cache.put(url, stamped);
      }
    } catch {
      // Offline already: nothing to keep.
    }
  }
}

/** A refused item, corrected on the queue page, goes back in the queue with the same key. */
async function resend({ id, fields }: { id: number; fields?: [string, string][] }) {
  const db = await openQueue();
  const item = await db.get("items", id);
  if (item && item.state === "refused") {
    let { body, contentType } = item;
    if (fields) {
      const form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
      for (const [name] of fields) form.delete(name);
      for (const [name, value] of fields) form.append(name, value);
      const rebuilt = new Request(self.location.origin, { method: "POST", body: form });
      body = await rebuilt.arrayBuffer();
      contentType = rebuilt.headers.get("Content-Type") ?? contentType;
    }
    const kept = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
    const shown = [...kept.entries()]
      .filter(([name]) => name !== "_idempotency")
      .map(([name, value]): [string, string] => [name, typeof value === "string" ? value : `📎 ${value.name}`]);
    await db.put("items", { ...item, body, contentType, fields: shown, state: "waiting", answer: undefined });
  }
  db.close();
  await tellPages({ type: "queue-changed" });
  await replay();
}

async function forget(id: number) {
  const db = await openQueue();
  const item = await db.get("items", id);
  if (item && (item.state === "sent" || item.state === "refused")) await db.delete("items", id);
  db.close();
  await tellPages({ type: "queue-changed" });
}

self.addEventListener("activate", (event) => event.waitUntil(replay()));
