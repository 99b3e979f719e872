import { and, asc, count, eq, ne, sql, type SQL } from "drizzle-orm";
import { oncePerRequest } from "../../infra/request-context.server";
import { z } from "zod";
import { applicationStatusEnum, applications, groups, provinces } from "../../../db/schema";
import { text } from "../../forms/fields";
import type { FieldErrors } from "../../forms/parse-form.server";
import { isMessageKey, translator } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import { db } from "../../infra/db.server";
import { activityTypes } from "../programmes/activities";
import { CSV_BOM, csvRow } from "../../infra/spreadsheet.server";
import { peopleOrder } from "../../infra/people-order.server";

// The admin's list of a round's applications: filters, diacritic-insensitive search, pages of
// 50 and a CSV of the same filtered list. Built to stay quick with thousands of applications:
// one joined query per page plus one count, and the CSV streamed in keyset batches.

export const ADMIN_LIST_PAGE_SIZE = 50;
const CSV_BATCH = 500;

export const applicationStatuses = applicationStatusEnum.enumValues;
export type ApplicationListStatus = (typeof applicationStatuses)[number];

export interface ListFilters {
  q: string;
  status?: ApplicationListStatus;
  province?: string;
  activity?: (typeof activityTypes)[number];
}

/** The 34 provinces, for the filter and to check a posted slug against (read once per request). */
export function provinceOptions() {
  // An async function: a query builder is only a thenable, run again by every await.
  return oncePerRequest("provinces:options", async () =>
    db
      .select({ slug: provinces.slug, nameVi: provinces.nameVi, nameEn: provinces.nameEn })
      .from(provinces)
      .orderBy(...peopleOrder(provinces.nameVi)),
  );
}

/** A choice from a fixed list, where an empty value means "any". */
function choice<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .pipe(z.enum(values, { error: "errors.invalid" }).optional());
}

/**
 * Reads the filters from the page's query string. An unknown status, province or activity is
 * refused (400 with the field's message) rather than quietly ignored: a list that silently shows
 * everything would mislead.
 */
export async function parseListFilters(url: URL): Promise<{ ok: true; filters: ListFilters } | { ok: false; errors: FieldErrors }> {
  const slugs = (await provinceOptions()).map((p) => p.slug);
  const schema = z.object({
    q: text({ max: 100, required: false }),
    status: choice(applicationStatuses),
    province: slugs.length > 0 ? choice(slugs as [string, ...string[]]) : z.undefined(),
    activity: choice(activityTypes),
  });
  const raw = Object.fromEntries(
    ["q", "status", "province", "activity"].map((key) => [key, url.searchParams.get(key) ?? undefined]),
  );
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, filters: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
  return { ok: false, errors };
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern once escaped. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereFor(roundId: string, filters: ListFilters): SQL {
  const conditions: SQL[] = [eq(applications.roundId, roundId)];
  // Drafts are the group's own work in progress: shown only when asked for, for support.
  conditions.push(filters.status ? eq(applications.status, filters.status) : ne(applications.status, "draft"));
  if (filters.province) conditions.push(eq(groups.provinceSlug, filters.province));
  if (filters.activity) conditions.push(eq(applications.activityType, filters.activity));
  if (filters.q) {
    // title_folded and name_folded are unaccent_vi(title) and unaccent_vi(name), stored and
    // trigram-indexed (migration 0013); unaccent_vi also lower-cases, so LIKE is enough. Each side
    // in its own subquery, so that each can use its index: an OR across the two joined tables
    // could only be checked row by row.
    const pattern = sql`unaccent_vi(${likePattern(filters.q)})`;
    conditions.push(
      sql`(${applications.id} in (select a.id from ${applications} a where a.title_folded like ${pattern})
        or ${applications.groupId} in (select g.id from ${groups} g where g.name_folded like ${pattern}))`,
    );
  }
  return and(...conditions)!;
}

// First come, first screened; the id breaks ties so pages never overlap.
const sortTime = sql`coalesce(${applications.submittedAt}, ${applications.createdAt})`;

const listColumns = {
  id: applications.id,
  title: applications.title,
  status: applications.status,
  activityType: applications.activityType,
  requestedAmount: applications.requestedAmount,
  submittedAt: applications.submittedAt,
  screeningNote: applications.screeningNote,
  groupName: groups.name,
  provinceVi: provinces.nameVi,
  provinceEn: provinces.nameEn,
};

function baseQuery() {
  return db
    .select({ ...listColumns, sortKey: sql<string>`(${sortTime})::text` })
    .from(applications)
    .innerJoin(groups, eq(groups.id, applications.groupId))
    .innerJoin(provinces, eq(provinces.slug, groups.provinceSlug));
}

/** The query of one page of the filtered list (the tests read its plan). */
export function roundApplicationsPage(roundId: string, filters: ListFilters, page: number) {
  return baseQuery()
    .where(whereFor(roundId, filters))
    .orderBy(asc(sortTime), asc(applications.id))
    .limit(ADMIN_LIST_PAGE_SIZE)
    .offset((page - 1) * ADMIN_LIST_PAGE_SIZE);
}

/** One page of the filtered list and how many match in all. */
export async function listRoundApplications(roundId: string, filters: ListFilters, page: number) {
  const where = whereFor(roundId, filters);
  const [rows, [total]] = await Promise.all([
    roundApplicationsPage(roundId, filters, page),
    db
      .select({ n: count() })
      .from(applications)
      .innerJoin(groups, eq(groups.id, applications.groupId))
      .where(where),
  ]);
  return { rows: rows.map(({ sortKey: _sortKey, ...row }) => row), total: total?.n ?? 0 };
}

export type ListRow = Awaited<ReturnType<typeof listRoundApplications>>["rows"][number];

// One formatter for the whole export: building an Intl.DateTimeFormat per cell (as the general
// formatDateTime does) costs more than the query for thousands of rows.
const vnDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** dd/mm/yyyy hh:mm in Viet Nam's time, as formatDateTime writes it. */
function csvDateTime(date: Date): string {
  const parts = Object.fromEntries(vnDateTime.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The label of an activity code, or the code itself if the catalogue has none. */
function activityLabel(t: ReturnType<typeof translator>, code: string | null): string {
  if (!code) return "";
  const key = `activity.${code}`;
  return isMessageKey(key) ? t.dynamic(key) : code;
}

/**
 * The filtered list as CSV, in the reader's language, streamed: each batch is read only when the
 * client has taken the previous one, so a large round costs little memory. Batches continue after
 * the last row sent (keyset), so rows changing meanwhile are neither repeated nor skipped.
 */
export function roundApplicationsCsv(roundId: string, filters: ListFilters, locale: Locale): ReadableStream<Uint8Array> {
  const t = translator(locale);
  const encoder = new TextEncoder();
  const where = whereFor(roundId, filters);
  let after: { key: string; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(
          encoder.encode(
            CSV_BOM +
              csvRow([
                t("screening.csv.id"),
                t("screening.csv.submittedAt"),
                t("screening.csv.title"),
                t("screening.csv.group"),
                t("screening.csv.province"),
                t("screening.csv.activity"),
                t("screening.csv.status"),
                t("screening.csv.requested"),
                t("screening.csv.note"),
              ]),
          ),
        );
        return;
      }
      const rows = await baseQuery()
        .where(after ? and(where, sql`(${sortTime}, ${applications.id}) > (${after.key}::timestamptz, ${after.id}::uuid)`) : where)
        .orderBy(asc(sortTime), asc(applications.id))
        .limit(CSV_BATCH);
      if (rows.length > 0) {
        controller.enqueue(
          encoder.encode(
            rows
              .map((row) =>
                csvRow([
                  row.id,
                  row.submittedAt ? csvDateTime(row.submittedAt) : "",
                  row.title,
                  row.groupName,
                  locale === "vi" ? row.provinceVi : row.provinceEn,
                  activityLabel(t, row.activityType),
                  t.dynamic(`screening.status.${row.status}`),
                  // Plain digits: a spreadsheet can sum them; the unit is in the header.
                  row.requestedAmount,
                  row.screeningNote ?? "",
                ]),
              )
              .join(""),
          ),
        );
        const last = rows[rows.length - 1];
        after = { key: last.sortKey, id: last.id };
      }
      if (rows.length < CSV_BATCH) controller.close();
    },
  });
}
