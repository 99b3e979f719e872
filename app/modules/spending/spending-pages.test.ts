import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetLines, spendingLines, spendingReports } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeDueGrant } from "../../testing/factories";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";

// The spending report's pages as a phone without JavaScript uses them: plain form posts, a
// redirect after each, the receipt sent with the typed figures, staff's review, and the messages.

let server: TestServer;
let leader: Person;
let admin: Person;

beforeAll(async () => {
  server = await startServer();
  [leader, admin] = await Promise.all([person(server, ["applicant"]), person(server, ["admin"])]);
});

afterAll(() => server.close());

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const dayFirst = (iso: string) => iso.split("-").reverse().join("/");

describe("the spending report's pages", () => {
  it("the leader saves, adds a receipt with the typed figures and submits; staff see the flag and approve", async () => {
    const { grantId, applicationId } = await makeDueGrant({
      award: 10_000_000n,
      ownerId: leader.id,
      lines: [
        { item: "Cây giống quế", quantity: 1, unitCost: 6_000_000n },
        { item: "Lưới che nắng", quantity: 1, unitCost: 4_000_000n },
      ],
    });
    const ids = (await db.select().from(budgetLines).where(eq(budgetLines.applicationId, applicationId)).orderBy(budgetLines.position)).map((b) => b.id);
    const page = `${server.url}/grants/${grantId}/spending/final`;
    const html = await (await get(page, leader.cookie)).text();
    expect(html).toContain("Cây giống quế");
    expect(html).toMatch(/<title>[^<]*Báo cáo chi tiêu/);

    // A refused post comes back with its message and what was typed; nothing is written.
    const bad = await postForm(page, { intent: "save", budgetLineId: ids, amount: ["abc", ""], spentOn: ["", ""], ownCash: "", ownInKindValue: "", ownInKind: "" }, { cookie: leader.cookie });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("abc");
    expect(await db.select().from(spendingReports).where(eq(spendingReports.grantId, grantId))).toEqual([]);

    const saved = await postForm(page, { intent: "save", budgetLineId: ids, amount: ["7.500.000", ""], spentOn: [dayFirst(today()), ""], ownCash: "", ownInKindValue: "", ownInKind: "" }, { cookie: leader.cookie });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/grants/${grantId}/spending/final?done=saved`);

    // The receipt's button posts the whole form, multipart: the figures typed since come with it.
    const form = new FormData();
    form.append("intent", "upload");
    for (const id of ids) form.append("budgetLineId", id);
    form.append("amount", "7.500.000");
    form.append("amount", "3.000.000");
    form.append("spentOn", dayFirst(today()));
    form.append("spentOn", dayFirst(today()));
    for (const name of ["ownCash", "ownInKindValue", "ownInKind"]) form.append(name, "");
    form.append("receiptLine", ids[0]);
    form.append("receipt", new File([PNG], "hoa-don.png", { type: "image/png" }));
    const uploaded = await fetch(page, { method: "POST", body: form, redirect: "manual", headers: { Cookie: leader.cookie } });
    expect(uploaded.status).toBe(302);
    const [report] = await db.select().from(spendingReports).where(eq(spendingReports.grantId, grantId));
    const lines = await db.select().from(spendingLines).where(eq(spendingLines.reportId, report.id)).orderBy(spendingLines.amount);
    expect(lines.map((l) => l.amount)).toEqual([3_000_000n, 7_500_000n]);
    expect(lines[1].receiptMime).toBe("image/png");
    const receipt = await get(`${page}/receipts/${lines[1].id}`, leader.cookie);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("Content-Type")).toBe("image/png");

    const sent = await postForm(page, { intent: "submit", budgetLineId: ids, amount: ["7.500.000", "3.000.000"], spentOn: [today(), today()], ownCash: "", ownInKindValue: "", ownInKind: "" }, { cookie: leader.cookie });
    expect(sent.status).toBe(302);

    // Staff's page flags the first line (7.500.000 on 6.000.000) and the second (3.000.000 on 4.000.000, the final report).
    const review = await (await get(`${server.url}/admin/spending/${report.id}`, admin.cookie)).text();
    expect(review.match(/Vượt dự toán hơn 20 %/g)).toHaveLength(1);
    expect(review.match(/Thấp hơn dự toán hơn 20 %/g)).toHaveLength(1);
    // A leader is not staff.
    expect((await get(`${server.url}/admin/spending/${report.id}`, leader.cookie)).status).toBe(403);
    const approved = await postForm(`${server.url}/admin/spending/${report.id}`, { decision: "approve", message: "" }, { cookie: admin.cookie });
    expect(approved.status).toBe(200);
    const [after] = await db.select().from(spendingReports).where(eq(spendingReports.id, report.id));
    expect(after.status).toBe("approved");
  });
});
