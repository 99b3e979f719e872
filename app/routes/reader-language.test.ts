import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankStatements, breaches, grantClosures, grants, notifications, outbox, rounds } from "../../db/schema";
import "../i18n/catalogues.server";
import { catalogueKeys } from "../i18n/i18n";
import { localeCookie } from "../i18n/locale.server";
import { db } from "../infra/db.server";
import type { Role } from "../modules/auth/permissions";
import { appRoutes, urlOf, type RouteInfo } from "../testing/app-routes";
import {
  makeActiveGrant,
  makeApplication,
  makeAssignment,
  makeAttachment,
  makeClarification,
  makeDecision,
  makeDisbursement,
  makeGrant,
  makeRound,
  makeSpendingReport,
} from "../testing/factories";
import { get, person, startServer, type Person, type TestServer } from "../testing/fixtures";

// Every page of the built app, opened by someone it is for, on records that exist: each has a
// title of its own (not only "Gieo") and shows no catalogue key in place of words, in both
// languages; and the words that come from elsewhere (file routes' refusals, notices) follow the
// reader's language too.

let server: TestServer;
let routes: RouteInfo[];
const people = new Map<Role | "anonymous", Person | null>();
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  routes = (await appRoutes()).filter((r) => r.isPage && r.hasLoader);
  people.set("anonymous", null);
  for (const role of ["admin", "finance", "reviewer", "applicant", "facilitator"] as const) people.set(role, await person(server, [role]));
  const applicant = people.get("applicant")!;
  const admin = people.get("admin")!;
  const active = await makeActiveGrant({ ownerId: applicant.id, facilitatorIds: [people.get("facilitator")!.id], recorderId: admin.id });
  const [round] = await db.select().from(rounds).where(eq(rounds.id, active.roundId));
  // A draft in an open round, for the wizard; the funded application for everything after it.
  const draft = await makeApplication({ roundId: (await makeRound()).id, groupId: active.groupId, status: "draft" });
  const asked = await makeApplication({ roundId: (await makeRound()).id, groupId: active.groupId, status: "clarification_requested" });
  await makeDecision({ applicationId: active.applicationId, roundId: active.roundId, decidedBy: admin.id, awardedAmount: 50_000_000n });
  const [sent] = await db
    .insert(outbox)
    .values({ template: "test", toAddress: "a@test.gieo", subject: "Thư", html: "<p>Thư</p>", text: "Thư" })
    .returning();
  Object.assign(ids, {
    groupId: active.groupId,
    memberId: active.memberIds[0],
    grantId: active.grantId,
    roundId: active.roundId,
    programmeId: round.programmeId,
    applicationId: active.applicationId,
    draftId: draft.id,
    clarificationId: (await makeClarification(asked.id, admin.id, ["title"])).id,
    reportId: active.reportId("m6"),
    assignmentId: (await makeAssignment(active.applicationId, people.get("reviewer")!.id)).id,
    attachmentId: (await makeAttachment(active.applicationId, applicant.id)).id,
    disbursementId: (
      await makeDisbursement({
        grantId: active.grantId,
        trancheId: active.trancheIds[0],
        amount: 30_000_000n,
        preparedBy: people.get("finance")!.id,
        approvedBy: admin.id,
        // Paid, so that its receipt exists too.
        status: "paid",
        method: "cash",
      })
    ).id,
    outboxId: sent.id,
    // A grant's agreement versions (issue 14): version 1 exists for every accepted grant.
    version: "1",
    // Staff notes (issue 14): on the grant (/notes/grant/:id).
    subject: "grant",
    subjectId: active.grantId,
    // Issue 14: a period's spending report, waiting for review, and a closed grant with its letter.
    key: "m6",
    spendingId: (await makeSpendingReport({ grantId: active.grantId, key: "m6", status: "submitted" })).id,
    closedGrantId: await closedGrant(applicant.id),
    breachId: (await db.insert(breaches).values({ summary: "Mất một máy tính xách tay.", detectedAt: new Date(), recordedBy: admin.id }).returning())[0].id,
    statementId: (
      await db
        .insert(bankStatements)
        .values({ fileHash: crypto.randomUUID(), fileName: "sao-ke.csv", format: "vietcombank", lineCount: 0, importedBy: people.get("finance")!.id })
        .returning()
    )[0].id,
  });
});

async function closedGrant(ownerId: string): Promise<string> {
  const { grantId } = await makeGrant({ ownerId });
  await db.update(grants).set({ status: "completed", acceptedAt: new Date() }).where(eq(grants.id, grantId));
  await db.insert(grantClosures).values({ grantId, paid: 0n, returned: 0n, spent: 0n, refunded: 0n, ownCash: 0n, ownInKindValue: 0n });
  return grantId;
}

afterAll(() => server.close());

/** Who opens a page: the group's own leader where she may, else the first role it is for. */
function visitor(route: RouteInfo): Role | "anonymous" {
  const access = route.access;
  if (access === "public") return "anonymous";
  if (access === undefined || access === "signed-in" || access.includes("applicant")) return "applicant";
  return access[0];
}

/** The page's address on this test's records ("id" means the record the route is named after). */
function addressOf(route: RouteInfo): string {
  const first = route.pattern.split("/")[1];
  return urlOf(route.pattern, (name) => {
    if (name === "token") return "no-such-token";
    if (name === "grantId" && route.pattern.endsWith("/closure")) return ids.closedGrantId;
    if (name !== "id") return ids[name] ?? name;
    if (route.pattern.includes("/step/")) return ids.draftId;
    const byArea: Record<string, string> = {
      applications: ids.applicationId,
      clarifications: ids.clarificationId,
      finance: ids.disbursementId,
      admin: route.pattern.startsWith("/admin/programmes")
        ? ids.programmeId
        : route.pattern.startsWith("/admin/rounds")
          ? ids.roundId
          : route.pattern.startsWith("/admin/outbox")
            ? ids.outboxId
            : ids.applicationId,
    };
    return byArea[first] ?? name;
  });
}

function titleOf(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
}

/** Catalogue keys shown as they are: in text or attributes, scripts left out (they carry the catalogue). */
function rawKeys(html: string, keys: Set<string>): string[] {
  const shown = html.replace(/<script[\s\S]*?<\/script>/g, " ");
  return [...new Set(shown.match(/(?<![\w/.-])[a-zA-Z]+(?:\.[a-zA-Z0-9]+)+/g) ?? [])].filter((token) => keys.has(token));
}

describe("every page", { timeout: 180_000 }, () => {
  it("has a title of its own and no raw catalogue key, in both languages", async () => {
    const keys = new Set(catalogueKeys("vi"));
    const problems: string[] = [];
    let opened = 0;
    for (const route of routes) {
      const who = visitor(route);
      const url = addressOf(route);
      for (const locale of ["vi", "en"] as const) {
        const chosen = (await localeCookie.serialize(locale)).split(";")[0];
        const cookie = [people.get(who)?.cookie, chosen].filter(Boolean).join("; ");
        const response = await get(`${server.url}${url}`, cookie);
        const html = await response.text();
        if ([301, 302, 303].includes(response.status)) continue;
        // A route's own page, not the error page: the token pages answer an unknown token in words.
        if (response.status !== 200 && !url.includes("no-such-token") && route.id !== "routes/$") {
          problems.push(`${url} as ${who}: ${response.status}`);
        }
        opened++;
        const title = titleOf(html).trim();
        if (title === "" || title === "Gieo") problems.push(`${url} (${locale}): title "${title}"`);
        for (const key of rawKeys(html, keys)) problems.push(`${url} (${locale}): shows the key ${key}`);
      }
    }
    expect(problems).toEqual([]);
    expect(opened).toBeGreaterThan(100);
  });

  it("a file route refuses in the reader's language, as a page, not a bare English word", async () => {
    const vi = (await localeCookie.serialize("vi")).split(";")[0];
    const en = (await localeCookie.serialize("en")).split(";")[0];
    const missing = await get(`${server.url}/applications/${ids.applicationId}/attachments/${ids.draftId}`, `${people.get("applicant")!.cookie}; ${en}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(titleOf(await missing.text())).toBe("Page not found · Gieo");
    const refused = await get(`${server.url}/reports/${ids.reportId}/photos/${ids.draftId}`, `${people.get("finance")!.cookie}; ${vi}`);
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(titleOf(html)).toBe("Bạn không có quyền xem trang này · Gieo");
    expect(html).toContain('<a href="/">Về trang chủ</a>');
  });

  it("shows a notice's amount in the language she reads now, not the one she read when it was written", async () => {
    const applicant = people.get("applicant")!;
    await db.insert(notifications).values({ userId: applicant.id, messageKey: "disbursements.notice.paid", params: { amount: "5000000", position: "1", title: "Sa nhân" } });
    const page = async (locale: "vi" | "en") =>
      (await (await get(`${server.url}/notifications`, `${applicant.cookie}; ${(await localeCookie.serialize(locale)).split(";")[0]}`)).text()).replace(/\u00a0/g, " ");
    expect(await page("en")).toContain("₫5,000,000");
    expect(await page("vi")).toContain("5.000.000 ₫");
  });

  it("writes a phone the way people do, never as stored", async () => {
    const html = await (await get(`${server.url}/groups/${ids.groupId}`, people.get("applicant")!.cookie)).text();
    const shown = html.replace(/<script[\s\S]*?<\/script>/g, " ");
    expect(shown).toContain("0912 345 678");
    expect(shown).not.toContain("+84912345678");
  });

  it("on the group's grant page, shows what arrived before what a tranche waits for, and says the table scrolls", async () => {
    const html = await (await get(`${server.url}/grants/${ids.grantId}`, people.get("applicant")!.cookie)).text();
    const table = html.slice(html.indexOf('id="received-heading"'));
    expect(table).toContain('class="table-scroll-hint"');
    expect(table.indexOf(">Đã nhận</th>")).toBeGreaterThan(0);
    expect(table.indexOf(">Đã nhận</th>")).toBeLessThan(table.indexOf(">Khi nào được nhận</th>"));
  });
});
