import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { impact as vi } from "../../i18n/vi/impact";
import { get, logInOver, makeUser, startServer, type TestServer } from "../../testing/fixtures";
import { loadImpactDashboard } from "./dashboard.server";
import { M, makeImpactFixture } from "../../testing/factories";
import { and, eq, ne } from "drizzle-orm";
import { groupMembers, groups, outcomeReportPhotos, outcomeReports, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { appendConsent } from "../consents/ledger.server";

// Over real HTTP against the built app: the exports (their totals equal the dashboard's, formula
// cells defused, CSV and XLSX), and who may see what.

let server: TestServer;
let fixture: Awaited<ReturnType<typeof makeImpactFixture>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const people = {
    admin: await makeUser(["admin"]),
    finance: await makeUser(["finance"]),
    reviewer: await makeUser(["reviewer"]),
    owner: await makeUser(["applicant"]),
    otherLeader: await makeUser(["applicant"]),
    facilitator: await makeUser(["facilitator"]),
    otherFacilitator: await makeUser(["facilitator"]),
  };
  fixture = await makeImpactFixture({ ownerId: people.owner.id, facilitatorIds: [people.facilitator.id] });
  for (const [who, user] of Object.entries(people)) cookie[who] = await logInOver(server, user.email);
});

afterAll(() => server.close());

/** RFC 4180 as the export writes it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

async function csv(query: string) {
  const response = await get(`${server.url}/admin/impact/export.csv?${query}`, cookie.admin);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  expect(response.headers.get("content-length")).toBeNull();
  const [header, ...rows] = parseCsv(await response.text());
  const column = (key: keyof typeof vi) => {
    const index = header.indexOf(vi[key]);
    if (index < 0) throw new Error(`no column ${vi[key]}`);
    return (row: string[]) => row[index];
  };
  return { header, rows, column };
}

const sum = (values: string[]) => values.reduce((total, v) => total + (v ? BigInt(v) : 0n), 0n);

describe("donor exports", () => {
  it("gives the grants, disbursements and outcomes of the filters, totals equal to the dashboard's", async () => {
    const filters = `round=${fixture.roundId}`;
    const dashboard = (await loadImpactDashboard({ round: fixture.roundId })).overall;

    const grants = await csv(`dataset=grants&${filters}`);
    expect(grants.rows).toHaveLength(dashboard.grants);
    const awarded = grants.column("impact.col.awarded");
    const paid = grants.column("impact.col.paid");
    const women = grants.column("impact.col.women");
    expect(sum(grants.rows.map(awarded))).toBe(dashboard.awarded);
    expect(sum(grants.rows.map(paid))).toBe(dashboard.paid);
    expect(sum(grants.rows.map(women))).toBe(BigInt(dashboard.women));
    expect(dashboard.awarded).toBe(320n * M);
    // The export's changes give the dashboard's median: sorted −200,000 … 1,600,000, n = 6,
    // median = mean of the 3rd and 4th (300,000 and 300,000).
    const changes = grants.rows.map(grants.column("impact.col.change")).filter(Boolean).map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(changes).toEqual([-200_000n, 0n, 300_000n, 300_000n, 800_000n, 1_600_000n]);
    expect((changes[2] + changes[3]) / 2n).toBe(dashboard.change![1]);
    expect(new Set(grants.rows.map(grants.column("impact.col.grantStatus")))).toEqual(new Set(["Đang thực hiện"]));
    expect(grants.rows.map(grants.column("impact.col.acceptedOn"))).toContain("15/01/2025");

    const disbursements = await csv(`dataset=disbursements&${filters}`);
    expect(disbursements.rows).toHaveLength(dashboard.disbursements);
    const status = disbursements.column("impact.col.disbursementStatus");
    const amount = disbursements.column("impact.col.amount");
    expect(sum(disbursements.rows.filter((r) => status(r) === vi["impact.disbursementStatus.paid"]).map(amount))).toBe(dashboard.paid);

    const outcomes = await csv(`dataset=outcomes&${filters}`);
    expect(outcomes.rows).toHaveLength(dashboard.reports);
    const approvedIncome = outcomes.rows
      .filter((r) => outcomes.column("impact.col.reportStatus")(r) === vi["impact.reportStatus.approved"])
      .map(outcomes.column("impact.col.income"));
    expect(approvedIncome).toContain("2600000");
  });

  it("follows the filters", async () => {
    const sonLa = await csv(`dataset=grants&round=${fixture.roundId}&province=son-la`);
    expect(sonLa.rows).toHaveLength(2);
    expect(sum(sonLa.rows.map(sonLa.column("impact.col.awarded")))).toBe(70n * M);
    const mong = await csv(`dataset=outcomes&round=${fixture.roundId}&ethnicity=08`);
    expect(mong.rows).toHaveLength(9);
  });

  it("defuses cells that could start a formula, in CSV and in XLSX", async () => {
    const grants = await csv(`dataset=grants&round=${fixture.roundId}`);
    const names = grants.rows.map(grants.column("impact.col.group"));
    expect(names).toContain("'=1+2 Nhóm măng Sa Pa");
    expect(names.some((n) => /^[=+\-@\t\r]/.test(n))).toBe(false);
    expect(grants.rows.map(grants.column("impact.col.project"))).toContain("'-3+cmd|' /C calc'!A0");
    // Negative numbers stay numbers.
    expect(grants.rows.map(grants.column("impact.col.change"))).toContain("-200000");

    const response = await get(`${server.url}/admin/impact/export.xlsx?dataset=all&round=${fixture.roundId}`, cookie.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Tóm tắt", "Tài trợ", "Chi trả", "Kết quả"]);
    const sheet = workbook.getWorksheet("Tài trợ")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (key: keyof typeof vi) => header.indexOf(vi[key]) + 1;
    const values: { group: unknown; awarded: unknown; paid: unknown; accepted: unknown }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) values.push({ group: row.getCell(col("impact.col.group")).value, awarded: row.getCell(col("impact.col.awarded")).value, paid: row.getCell(col("impact.col.paid")).value, accepted: row.getCell(col("impact.col.acceptedOn")).value });
    });
    expect(values).toHaveLength(7);
    expect(values.map((v) => v.group)).toContain("'=1+2 Nhóm măng Sa Pa");
    // Numbers as numbers and dates as dates, so a donor's spreadsheet can sum and sort them.
    expect(values.reduce((total, v) => total + (v.awarded as number), 0)).toBe(320_000_000);
    expect(values.reduce((total, v) => total + (v.paid as number), 0)).toBe(96_000_000);
    expect((values[0].accepted as Date).toISOString().slice(0, 10)).toBe("2025-01-15");
    expect(workbook.getWorksheet("Kết quả")!.rowCount).toBe(1 + 21);
    expect(workbook.getWorksheet("Chi trả")!.rowCount).toBe(1 + 6);
  });

  it("refuses an unknown dataset or a malformed filter", async () => {
    expect((await get(`${server.url}/admin/impact/export.csv`, cookie.admin)).status).toBe(400);
    expect((await get(`${server.url}/admin/impact/export.csv?dataset=all`, cookie.admin)).status).toBe(400);
    expect((await get(`${server.url}/admin/impact/export.csv?dataset=grants&round=nope`, cookie.admin)).status).toBe(400);
    expect((await get(`${server.url}/admin/impact?province=..%2Fx`, cookie.admin)).status).toBe(400);
  });
});

describe("the report for donors", () => {
  const html = async (path: string) => (await (await get(`${server.url}${path}`, cookie.admin)).text()).replace(/\u00a0/g, " ");

  it("shows the round's figures, names no group, and leaves out rows of fewer than five grants", async () => {
    const dashboard = await html(`/admin/impact?round=${fixture.roundId}`);
    expect(dashboard).toContain(`href="/admin/impact/report?round=${fixture.roundId}"`);
    expect(dashboard).toContain("Lào Cai");

    const report = await html(`/admin/impact/report?round=${fixture.roundId}`);
    expect(report).toContain("Báo cáo kết quả cho nhà tài trợ");
    // The headline figures are the dashboard's: 52 women, 4 of the 6 grants with a change rose.
    expect(report).toMatch(/Phụ nữ được hỗ trợ<\/dt><dd>52/);
    expect(report).toContain("4 trên 6 khoản tài trợ đã có báo cáo");
    // Every province (3, 2 and 2 grants), ethnic group and activity of this round is too small.
    expect(report).toContain("Không hiện 3 dòng có dưới 5 khoản tài trợ");
    expect(report).toContain("Không hiện 6 dòng có dưới 5 khoản tài trợ");
    expect(report).toContain("Không hiện 4 dòng có dưới 5 khoản tài trợ");
    // Nor in the page's data for the browser: the small rows never leave the server.
    for (const absent of ["Lào Cai", "Sơn La", "Nhóm quế Tả Van", "/impact/groups", "export.csv", "export.xlsx"]) expect(report).not.toContain(absent);
    // Rows left out for privacy are said to be left out, not that no grant matches; and a donor
    // reads no database's vocabulary.
    expect(report).not.toContain("Chưa có khoản tài trợ nào khớp");
    for (const jargon of ["PostgreSQL", "percentile_cont"]) expect(report).not.toContain(jargon);
  });

  it("carries the programme's name and the programme's own introduction, and nothing else typed", async () => {
    const words = "Năm nay các nhóm trồng quế đã có vụ thu đầu tiên.\nCảm ơn nhà tài trợ.";
    const report = await html(`/admin/impact/report?programme=${fixture.programmeId}&narrative=${encodeURIComponent(words)}`);
    expect(report).toMatch(/<h1>Báo cáo kết quả — [^<]+<\/h1>/);
    const introduction = report.slice(report.indexOf('id="narrative-heading"'));
    expect(introduction).toContain("Năm nay các nhóm trồng quế đã có vụ thu đầu tiên.\nCảm ơn nhà tài trợ.");
    // Cut at 1,500 characters, and the filters stay with it when it is typed again.
    const long = await html(`/admin/impact/report?programme=${fixture.programmeId}&narrative=${"a".repeat(2000)}`);
    expect(long).toContain(`<p class="pre-wrap">${"a".repeat(1500)}</p>`);
    expect(long).toContain(`<input type="hidden" name="programme" value="${fixture.programmeId}"/>`);
  });

  it("shows nothing but a message for a selection of fewer than five grants", async () => {
    const report = await html(`/admin/impact/report?round=${fixture.roundId}&province=lao-cai`);
    expect(report).toContain("Lựa chọn này có dưới 5 khoản tài trợ");
    expect(report).not.toContain("Phụ nữ được hỗ trợ");
  });

  it("carries stories and photos only of groups whose every member consented, and names no group", async () => {
    const grant = fixture.grants[0];
    const [report] = await db
      .select({ id: outcomeReports.id })
      .from(outcomeReports)
      .where(and(eq(outcomeReports.grantId, grant.grantId), eq(outcomeReports.status, "approved"), ne(outcomeReports.key, "baseline")))
      .limit(1);
    const story = "Chị em đã bán mật ong cho hợp tác xã, có tiền cho con đi học.";
    await db.update(outcomeReports).set({ story }).where(eq(outcomeReports.id, report.id));
    const [uploader] = await db.select({ id: users.id }).from(users).limit(1);
    const [photo] = await db
      .insert(outcomeReportPhotos)
      .values({ reportId: report.id, originalName: "vuon.jpg", storageKey: `test-${report.id}`, mime: "image/jpeg", size: 10, uploadedBy: uploader.id })
      .returning({ id: outcomeReportPhotos.id });
    const members = await db.select({ id: groupMembers.id }).from(groupMembers).where(eq(groupMembers.groupId, grant.groupId));
    const consent = (memberId: string, purpose: "donor_figures" | "photos") =>
      appendConsent(db, { subjectKind: "member", subjectId: memberId, groupId: grant.groupId, purpose, given: true, way: "signed", saidOn: "2026-11-01", recordedBy: uploader.id });
    const page = (who = "admin") => get(`${server.url}/admin/impact/report?round=${fixture.roundId}&stories=yes`, cookie[who]).then((r) => r.text());

    // All but one member agreed to share: the story stays out.
    for (const m of members.slice(1)) await consent(m.id, "donor_figures");
    expect(await page()).not.toContain(story);
    expect(await page()).toContain("Chưa có câu chuyện nào được chia sẻ");
    // All agreed to share, none to photos: the story without its photo.
    await consent(members[0].id, "donor_figures");
    const shared = await page();
    expect(shared).toContain(story);
    expect(shared).not.toContain(`/photos/${photo.id}`);
    // Photos agreed too: the admin's report shows it; finance (who cannot open report photos) reads the story.
    for (const m of members) await consent(m.id, "photos");
    expect(await page()).toContain(`src="/reports/${report.id}/photos/${photo.id}"`);
    expect(await page("finance")).not.toContain(`/photos/${photo.id}`);
    // Told by its activity and province; the group is never named.
    const [group] = await db.select({ name: groups.name }).from(groups).where(eq(groups.id, grant.groupId));
    expect(await page()).not.toContain(group.name);
  });

  it("is for admin and finance only", async () => {
    for (const who of ["admin", "finance"]) expect((await get(`${server.url}/admin/impact/report`, cookie[who])).status, who).toBe(200);
    for (const who of ["reviewer", "owner", "facilitator"]) expect((await get(`${server.url}/admin/impact/report`, cookie[who])).status, who).toBe(403);
  });
});

describe("who sees outcomes", () => {
  it("shows the dashboard and exports to admin and finance only", async () => {
    for (const who of ["admin", "finance"]) {
      const page = await get(`${server.url}/admin/impact?round=${fixture.roundId}`, cookie[who]);
      expect(page.status, who).toBe(200);
      const html = await page.text();
      expect(html).toContain('role="img"');
      expect(html).toContain("<title id=\"histogram-title\">");
      expect(html).toContain("Lào Cai");
      expect((await get(`${server.url}/admin/impact/export.xlsx?dataset=grants`, cookie[who])).status, who).toBe(200);
    }
    for (const who of ["reviewer", "owner", "facilitator"]) {
      expect((await get(`${server.url}/admin/impact`, cookie[who])).status, who).toBe(403);
      expect((await get(`${server.url}/admin/impact/export.csv?dataset=grants`, cookie[who])).status, who).toBe(403);
    }
  });

  it("shows a group's income page to staff and to the group's own people only", async () => {
    const own = `${server.url}/impact/groups/${fixture.grants[0].groupId}`;
    for (const who of ["admin", "finance", "owner", "facilitator"]) {
      const response = await get(own, cookie[who]);
      expect(response.status, who).toBe(200);
      const html = await response.text();
      expect(html, who).toContain("G1 Nhóm quế Tả Van");
      expect(html, who).toContain("aria-labelledby=\"income-0-title income-0-desc\"");
    }
    for (const who of ["otherLeader", "otherFacilitator"]) {
      expect((await get(own, cookie[who])).status, who).toBe(404);
    }
    expect((await get(own, cookie.reviewer)).status).toBe(403);
    expect((await get(`${server.url}/impact/groups`, cookie.reviewer)).status).toBe(403);
  });

  it("lists only the user's own groups to a leader, every funded group to staff", async () => {
    const mine = await (await get(`${server.url}/impact/groups`, cookie.owner)).text();
    expect(mine).toContain("G1 Nhóm quế Tả Van");
    expect(mine).not.toContain("G2 Nhóm thảo quả Bản Hồ");
    const none = await (await get(`${server.url}/impact/groups`, cookie.otherLeader)).text();
    expect(none).not.toContain("G1 Nhóm quế Tả Van");
    const all = await (await get(`${server.url}/impact/groups?round=${fixture.roundId}`, cookie.finance)).text();
    for (const name of ["G1 Nhóm quế Tả Van", "G2 Nhóm thảo quả Bản Hồ", "G6 Nhóm dược liệu Kon Plông"]) expect(all).toContain(name);
  });
});
