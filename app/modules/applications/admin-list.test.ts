import { randomUUID } from "node:crypto";
import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, auditLog } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { get, logInOver, makeUser, startServer, type TestServer } from "../../testing/fixtures";
import { csvCell, csvRow } from "../../infra/spreadsheet.server";
import { likePattern, roundApplicationsPage } from "./admin-list.server";
import { defaultMembers, makeApplication, makeGroup, makeGroups, makeRound } from "../../testing/factories";

// The admin's list of a round's applications: filters, search without diacritics, pages, CSV.

let server: TestServer;
let adminId: string;
const cookie: Record<string, string> = {};
let roundId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const admin = await makeUser(["admin"]);
  adminId = admin.id;
  cookie.admin = await logInOver(server, admin.email);
  for (const role of ["applicant", "facilitator", "reviewer", "finance"] as const) {
    cookie[role] = await logInOver(server, (await makeUser([role])).email);
  }
  const round = await makeRound();
  roundId = round.id;
  const cases: [string, { group: string; province: string; title: string; status: (typeof applications.$inferInsert)["status"]; activity: string }][] = [
    ["laoCaiTitle", { group: "Nhóm dệt thổ cẩm Bản Hồ", province: "lao-cai", title: "Trồng sâm ở Lào Cai", status: "submitted", activity: "medicinal_herbs" }],
    ["laoCaiGroup", { group: "Hội phụ nữ Lào Cai", province: "lao-cai", title: "Nuôi ong lấy mật", status: "eligible", activity: "handicrafts" }],
    ["ngheAn", { group: "Nhóm mây tre Con Cuông", province: "nghe-an", title: "Đan mây xuất khẩu", status: "ineligible", activity: "handicrafts" }],
    ["percent", { group: "Nhóm 100% phụ nữ", province: "nghe-an", title: "Giảm giá_bán", status: "clarification_requested", activity: "medicinal_herbs" }],
    ["draft", { group: "Nhóm còn nháp", province: "lao-cai", title: "Bản nháp Lào Cai", status: "draft", activity: "medicinal_herbs" }],
    ["formula", { group: "@SUM(A1:A9)", province: "nghe-an", title: "=HYPERLINK(\"http://x\",\"bấm\")", status: "submitted", activity: "handicrafts" }],
    ["plus", { group: "-2+3", province: "nghe-an", title: "+84 cây giống", status: "submitted", activity: "handicrafts" }],
  ];
  for (const [key, c] of cases) {
    const group = await makeGroup({ recordedBy: adminId, name: c.group, provinceSlug: c.province, members: defaultMembers });
    const app = await makeApplication({
      roundId,
      groupId: group.id,
      values: { title: c.title, status: c.status, activityType: c.activity, submittedAt: c.status === "draft" ? null : new Date() },
    });
    ids[key] = app.id;
  }
});
afterAll(() => server.close());

function listUrl(query: Record<string, string> = {}, id = roundId) {
  const params = new URLSearchParams(query).toString();
  return `${server.url}/admin/rounds/${id}/applications${params ? `?${params}` : ""}`;
}

/** The ids of the applications the page links to, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/href="\/admin\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
}

function idsOf(...keys: string[]): string[] {
  return keys.map((k) => ids[k]).sort();
}

describe("the admin's application list", () => {
  it("lists the round's applications except drafts, with their group, province and status", async () => {
    const response = await get(listUrl(), cookie.admin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(listed(html).sort()).toEqual(idsOf("laoCaiTitle", "laoCaiGroup", "ngheAn", "percent", "formula", "plus"));
    expect(html).toContain("Hội phụ nữ Lào Cai");
    expect(html).toContain("Nghệ An");
    expect(html).toContain("Không đủ điều kiện");
    expect(html.replace(/\u00a0/g, " ")).toContain("50.000.000 ₫");
    expect(html).toMatch(/6(<!-- -->)? hồ sơ/);
  });

  it("shows drafts only when asked for, for support", async () => {
    const html = await (await get(listUrl({ status: "draft" }), cookie.admin)).text();
    expect(listed(html)).toEqual([ids.draft]);
  });

  it("filters by status, province and activity type, together", async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ status: "submitted" }, idsOf("laoCaiTitle", "formula", "plus")],
      [{ province: "nghe-an" }, idsOf("ngheAn", "percent", "formula", "plus")],
      [{ activity: "medicinal_herbs" }, idsOf("laoCaiTitle", "percent")],
      [{ province: "nghe-an", activity: "handicrafts", status: "submitted" }, idsOf("formula", "plus")],
      [{ province: "quang-ngai" }, []],
      [{ status: "", province: "", activity: "", q: "" }, idsOf("laoCaiTitle", "laoCaiGroup", "ngheAn", "percent", "formula", "plus")],
    ];
    for (const [query, expected] of cases) {
      const html = await (await get(listUrl(query), cookie.admin)).text();
      expect(listed(html).sort(), JSON.stringify(query)).toEqual(expected);
    }
  });

  it("searches titles and group names without diacritics or case", async () => {
    const cases: [string, string[]][] = [
      ["lao cai", idsOf("laoCaiTitle", "laoCaiGroup")],
      ["LÀO CAI", idsOf("laoCaiTitle", "laoCaiGroup")],
      ["Lào Cai", idsOf("laoCaiTitle", "laoCaiGroup")],
      ["may tre", idsOf("ngheAn")],
      ["dan may", idsOf("ngheAn")],
      ["con cuong", idsOf("ngheAn")],
      // % and _ are letters here, not wildcards.
      ["100%", idsOf("percent")],
      ["%", idsOf("percent")],
      ["_", idsOf("percent")],
      ["gia_ban", idsOf("percent")],
      ["\\", []],
      ["không có ở đâu", []],
    ];
    for (const [q, expected] of cases) {
      const response = await get(listUrl({ q }), cookie.admin);
      expect(response.status, q).toBe(200);
      expect(listed(await response.text()).sort(), q).toEqual(expected);
    }
    // Decomposed marks, as some phone keyboards send them, are the same letters.
    const decomposed = await get(listUrl({ q: "Lào Cai".normalize("NFD") }), cookie.admin);
    expect(listed(await decomposed.text()).sort()).toEqual(idsOf("laoCaiTitle", "laoCaiGroup"));
  });

  it("refuses unknown filters with a message instead of quietly listing everything", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ status: "approved'; drop table applications; --" }, "Giá trị này không hợp lệ."],
      [{ status: "deleted" }, "Giá trị này không hợp lệ."],
      [{ province: "kon-tum" }, "Giá trị này không hợp lệ."],
      [{ activity: "mining" }, "Giá trị này không hợp lệ."],
      [{ q: "x".repeat(101) }, "Quá dài: tối đa 100 ký tự."],
      [{ q: "a\u0000b" }, "Có ký tự không hợp lệ."],
    ];
    for (const [query, message] of cases) {
      const response = await get(listUrl(query), cookie.admin);
      expect(response.status, JSON.stringify(query)).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(listed(html)).toEqual([]);
      const csv = await get(`${server.url}/admin/rounds/${roundId}/applications.csv?${new URLSearchParams(query)}`, cookie.admin);
      expect(csv.status).toBe(400);
      expect(await csv.text()).toContain(message);
    }
    expect((await db.select({ n: count() }).from(applications))[0].n).toBeGreaterThan(0);
  });

  it("answers 404 for a round that does not exist, and ignores a nonsense page number", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      expect((await get(listUrl({}, id), cookie.admin)).status).toBe(404);
      expect((await get(`${server.url}/admin/rounds/${id}/applications.csv`, cookie.admin)).status).toBe(404);
    }
    for (const page of ["-1", "abc", "1e9", "0"]) {
      const response = await get(listUrl({ page }), cookie.admin);
      expect(response.status).toBe(200);
      expect(listed(await response.text())).toHaveLength(6);
    }
  });

  it("is for admins only; reviewers and finance see nothing", async () => {
    for (const role of ["applicant", "facilitator", "reviewer", "finance"]) {
      for (const url of [listUrl(), `${server.url}/admin/rounds/${roundId}/applications.csv`]) {
        const response = await get(url, cookie[role]);
        expect(response.status, `${role} ${url}`).toBe(403);
        const body = await response.text();
        expect(body).not.toContain("Trồng sâm ở Lào Cai");
      }
    }
    const anonymous = await get(`${server.url}/admin/rounds/${roundId}/applications.csv`);
    expect(anonymous.status).toBe(302);
  });
});

describe("CSV export", () => {
  async function csv(query: Record<string, string> = {}) {
    const params = new URLSearchParams(query).toString();
    const response = await get(`${server.url}/admin/rounds/${roundId}/applications.csv${params ? `?${params}` : ""}`, cookie.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="applications-.*\.csv"$/);
    return new Uint8Array(await response.arrayBuffer());
  }

  it("starts with a UTF-8 BOM and a header in the admin's language, one line per application", async () => {
    const bytes = await csv();
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Mã hồ sơ,Ngày nộp,Tên dự án,Nhóm,\"Tỉnh, thành phố\",Loại hoạt động,Trạng thái,Số tiền xin (đồng),Lý do không đủ điều kiện");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(1 + 6 + 1);
    const line = lines.find((l) => l.startsWith(ids.laoCaiGroup))!;
    expect(line).toContain(",Nuôi ong lấy mật,Hội phụ nữ Lào Cai,Lào Cai,");
    expect(line).toContain(",Đủ điều kiện — chờ chấm điểm,50000000,");
  });

  it("defuses cells that a spreadsheet would run as formulas", async () => {
    const text = new TextDecoder().decode((await csv({ province: "nghe-an", status: "submitted" })).slice(3));
    const formula = text.split("\r\n").find((l) => l.startsWith(ids.formula))!;
    expect(formula).toContain(`,"'=HYPERLINK(""http://x"",""bấm"")",'@SUM(A1:A9),`);
    const plus = text.split("\r\n").find((l) => l.startsWith(ids.plus))!;
    expect(plus).toContain(",'+84 cây giống,'-2+3,");
    expect(text).not.toMatch(/(^|,)[=+@-]/m);
  });

  it("exports the same filtered list as the page shows", async () => {
    const text = new TextDecoder().decode((await csv({ q: "lao cai" })).slice(3));
    const rows = text.split("\r\n").slice(1, -1);
    expect(rows.map((r) => r.slice(0, 36)).sort()).toEqual(idsOf("laoCaiTitle", "laoCaiGroup"));
  });

  it("escapes cells one by one", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("+x")).toBe("'+x");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvCell("=a,b")).toBe(`"'=a,b"`);
    expect(csvCell(50_000_000n)).toBe("50000000");
    expect(csvCell(null)).toBe("");
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
    expect(likePattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});

describe("a round with 5,000 applications", () => {
  let bigRound: string;
  beforeAll(async () => {
    bigRound = (await makeRound()).id;
    const total = 5000;
    const batch = 500;
    for (let start = 0; start < total; start += batch) {
      const made = await makeGroups(
        Array.from({ length: batch }, (_, i) => ({
          name: `Nhóm số ${start + i}${(start + i) % 100 === 8 ? " Lào Cai" : ""}`,
          kind: "informal" as const,
          provinceSlug: (start + i) % 2 === 0 ? "lao-cai" : "nghe-an",
          commune: "Xã",
          village: "Thôn",
          yearFormed: 2020,
          leaderName: "Trưởng nhóm",
          phone: "+84912345678",
        })),
      );
      // The applications are written in bulk too (5,000 rows): only the columns the list shows.
      await db.insert(applications).values(
        made.map((g, i) => ({
          roundId: bigRound,
          groupId: g.id,
          status: (start + i) % 3 === 0 ? ("eligible" as const) : ("submitted" as const),
          title: `Dự án ${start + i}`,
          activityType: "handicrafts",
          requestedAmount: 20_000_000n,
          submittedAt: new Date(Date.UTC(2027, 0, 1) + (start + i) * 1000),
        })),
      );
    }
    // PGlite runs in this process: while it inserted, the server's and the client's keep-alive
    // timers both expired; one turn of the event loop lets both close the idle connection.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }, 120_000);

  it("pages through them 50 at a time, quickly, without overlap", async () => {
    const seen = new Set<string>();
    let slowest = 0;
    for (const page of [1, 2, 100]) {
      const started = performance.now();
      const response = await get(`${server.url}/admin/rounds/${bigRound}/applications?page=${page}`, cookie.admin);
      const html = await response.text();
      slowest = Math.max(slowest, performance.now() - started);
      expect(response.status).toBe(200);
      const rows = listed(html);
      expect(rows).toHaveLength(50);
      for (const id of rows) seen.add(id);
      expect(html).toMatch(/5\.000(<!-- -->)? hồ sơ/);
    }
    expect(seen.size).toBe(150);
    const beyond = await get(`${server.url}/admin/rounds/${bigRound}/applications?page=101`, cookie.admin);
    expect(listed(await beyond.text())).toHaveLength(0);
    // Generous for a loaded CI machine; a page is typically tens of milliseconds.
    expect(slowest).toBeLessThan(3000);
  });

  it("filters and searches them quickly", async () => {
    const started = performance.now();
    const response = await get(`${server.url}/admin/rounds/${bigRound}/applications?q=lao+cai&province=lao-cai&status=submitted`, cookie.admin);
    const html = await response.text();
    expect(performance.now() - started).toBeLessThan(3000);
    // Groups 8, 108, 208… carry "Lào Cai" and are in Lào Cai (even); multiples of 3 are eligible.
    const expected = Array.from({ length: 50 }, (_, k) => 8 + 100 * k).filter((n) => n % 2 === 0 && n % 3 !== 0).length;
    expect(listed(html)).toHaveLength(expected);
  });

  it("searches through the trigram indexes, not by folding every title and group name", async () => {
    // Seq scans off: the plan then shows whether the indexes can serve this query at all, which
    // a change to the search expression (or to unaccent_vi) would quietly undo.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(sql`explain ${roundApplicationsPage(bigRound, { q: "lào cai" }, 1)}`);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
      return rows.map((row) => Object.values(row)[0]).join("\n");
    });
    expect(plan).toContain("applications_title_search_idx");
    expect(plan).toContain("groups_name_search_idx");
  });

  it("exports all of them as a streamed CSV", async () => {
    const response = await get(`${server.url}/admin/rounds/${bigRound}/applications.csv`, cookie.admin);
    expect(response.status).toBe(200);
    const text = await response.text();
    const rows = text.split("\r\n").slice(1, -1);
    expect(rows).toHaveLength(5000);
    expect(new Set(rows.map((r) => r.slice(0, 36))).size).toBe(5000);
    // First come, first listed; times in Viet Nam's zone (00:00 UTC is 07:00 there).
    expect(rows[0]).toContain(",01/01/2027 07:00,Dự án 0,");
    expect(rows[4999]).toContain(",Dự án 4999,");
  });

  it("changes nothing by being read", async () => {
    const before = (await db.select({ n: count() }).from(auditLog))[0].n;
    await (await get(`${server.url}/admin/rounds/${bigRound}/applications`, cookie.admin)).text();
    await (await get(`${server.url}/admin/rounds/${bigRound}/applications.csv`, cookie.admin)).text();
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBe(before);
  });
});
