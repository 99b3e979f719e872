// Which pages the field app keeps on the phone and which forms it may keep when the signal is
// gone (DECISIONS.md 54). Shared by the service worker and the pages; safe on the client.

import { UUID_PATTERN as UUID } from "../../kernel/ids";

/** The facilitator's pages read in the field: her groups, rosters, grants' schedules, reports, drafts. */
export const KEPT_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/groups$/,
  new RegExp(`^/groups/${UUID}$`),
  new RegExp(`^/groups/${UUID}/members$`),
  new RegExp(`^/groups/${UUID}/members/new$`),
  /^\/grants$/,
  new RegExp(`^/grants/${UUID}$`),
  /^\/reports$/,
  new RegExp(`^/reports/${UUID}$`),
  /^\/applications$/,
  new RegExp(`^/applications/${UUID}$`),
  new RegExp(`^/applications/${UUID}/step/[1-6]$`),
  /^\/offline$/,
];

export type QueuedKind = "member" | "report" | "draft";

/** The forms that may wait on the phone, and what each is called on the queue page. */
export const QUEUED_FORMS: readonly { kind: QueuedKind; path: RegExp }[] = [
  { kind: "member", path: new RegExp(`^/groups/(${UUID})/members/new$`) },
  { kind: "report", path: new RegExp(`^/reports/(${UUID})$`) },
  { kind: "draft", path: new RegExp(`^/applications/(${UUID})/step/[1-6]$`) },
];

/** How long a copy of a page is kept on the phone. */
export const COPY_DAYS = 7;

/** Where the worker's caches and queue live (logging out empties them). */
export const PAGE_CACHE = "gieo-pages";
export const ASSET_CACHE = "gieo-assets";
export const QUEUE_DB = "gieo-queue";
export const COPIED_AT_HEADER = "X-Gieo-Copied-At";

export function isKeptPage(pathname: string): boolean {
  const page = pathname.endsWith(".data") ? pathname.slice(0, -5) || "/" : pathname;
  return KEPT_PAGES.some((p) => p.test(page === "/_root" ? "/" : page));
}

export function queuedKind(pathname: string): QueuedKind | null {
  return QUEUED_FORMS.find((f) => f.path.test(pathname))?.kind ?? null;
}

/** An item of the queue as the queue page shows it. */
export interface QueueItem {
  id: number;
  key: string;
  kind: QueuedKind;
  url: string;
  /** The title of the page the form was sent from (its group, its report). */
  title: string;
  queuedAt: string;
  state: "waiting" | "sending" | "sent" | "refused";
  /** The server's answer once sent: where it led, or why it refused. */
  answer?: { status: number; location?: string; message?: string; at: string };
  /** What was typed: text fields, and files by name (their bytes stay in the stored body). */
  fields: [string, string][];
}
