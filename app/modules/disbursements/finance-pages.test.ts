import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, disbursements, groups } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { get, logInOver, makeUser, startServer, type TestServer } from "../../testing/fixtures";
import { makeActor, makeDueGrant } from "../../testing/factories";
import type { Actor } from "../../kernel/actor";
import { approveDisbursement, prepareDisbursement } from "./disbursements.server";

// The finance pages over real HTTP, as a browser without JavaScript uses them: every refusal
// answers with a message in the user's language and writes nothing (rows and audit rows counted
// before and after).

let server: TestServer;
let preparerCookie: string;
let approverCookie: string;
let adminCookie: string;
let applicantCookie: string;
let preparer: Actor;
let approver: Actor;

const AGRIBANK = "970405";

beforeAll(async () => {
  server = await startServer();
  const [p, a, admin, applicant] = await Promise.all([makeActor(["finance"]), makeActor(["finance"]), makeUser(["admin"]), makeUser(["applicant"])]);
  preparer = p;
  approver = a;
  [preparerCookie, approverCookie, adminCookie, applicantCookie] = await Promise.all(
    [p.email, a.email, admin.email, applicant.email].map((email) => logInOver(server, email)),
  );
});
afterAll(() => server.close());

function post(path: string, fields: Record<string, string>, cookie: string) {
  return fetch(`${server.url}${path}`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual", headers: { Cookie: cookie } });
}

function postMultipart(path: string, form: FormData, cookie: string) {
  return fetch(`${server.url}${path}`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie } });
}

async function counts() {
  const [d] = await db.select({ n: count() }).from(disbursements);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { disbursements: d.n, audit: a.n };
}

const text = async (r: Response) => (await r.text()).replace(/\u00a0/g, " ");

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

describe(`finance pages over HTTP (${currentDatabase().driver})`, () => {
  it("the queue, ledger and totals answer finance and admin, and nobody else", async () => {
    const { grantId } = await makeDueGrant();
    for (const path of ["/finance", `/finance/grants/${grantId}`, "/finance/rounds", "/finance?section=due&page=2"]) {
      expect((await get(`${server.url}${path}`, preparerCookie)).status, path).toBe(200);
      expect((await get(`${server.url}${path}`, adminCookie)).status, path).toBe(200);
      expect((await get(`${server.url}${path}`, applicantCookie)).status, path).toBe(403);
    }
    const queue = await text(await get(`${server.url}/finance`, preparerCookie));
    expect(queue).toContain("Đợt đến hạn, còn phải chi");
    // Without Stripe keys there is no Stripe account to keep: the ledger does not offer it.
    expect(await text(await get(`${server.url}/finance/grants/${grantId}`, preparerCookie))).not.toContain("/stripe");
  });

  it("the queue shows what remains of each due tranche, who prepared what, and drops tranches fully prepared", async () => {
    const partly = await makeDueGrant({ award: 10_000_000n });
    const full = await makeDueGrant({ award: 10_000_000n });
    const name = async (groupId: string) => (await db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)))[0].name;
    const [partlyName, fullName] = [await name(partly.groupId), await name(full.groupId)];
    const made = await prepareDisbursement({ grantId: partly.grantId, trancheId: partly.trancheIds[0], amount: 2_000_000n, method: "cash" }, preparer);
    await prepareDisbursement({ grantId: full.grantId, trancheId: full.trancheIds[0], amount: 6_000_000n, method: "cash" }, preparer);
    if (!made.ok) throw new Error("not prepared");
    const due = await text(await get(`${server.url}/finance?section=due`, preparerCookie));
    const row = due.slice(due.indexOf(partlyName), due.indexOf(partlyName) + 600);
    expect(row).toContain("4.000.000 ₫");
    expect(due).not.toContain(fullName);
    // Waiting for approval: the preparer sees no approve button on her own, the other does.
    const mine = await text(await get(`${server.url}/finance?section=approval`, preparerCookie));
    const theirs = await text(await get(`${server.url}/finance?section=approval`, approverCookie));
    const rowOf = (html: string) => html.slice(html.indexOf(`/finance/disbursements/${made.id}"`), html.indexOf(`/finance/disbursements/${made.id}"`) + 800);
    expect(rowOf(mine)).toContain("cần người khác duyệt");
    expect(rowOf(mine)).not.toContain('value="approve"');
    expect(rowOf(theirs)).toContain('value="approve"');
  });

  it("refuses bad amounts, unknown fields and other grants' tranches, writing nothing", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n });
    const other = await makeDueGrant();
    const base = { id: crypto.randomUUID(), trancheId: trancheIds[0], method: "cash", recipientName: "", bankBin: "", note: "" };
    const before = await counts();
    const cases: [Record<string, string>, number, string][] = [
      [{ ...base, amount: "0" }, 400, "Số tiền phải lớn hơn 0 đồng."],
      [{ ...base, amount: "-5000" }, 400, "Số tiền"],
      [{ ...base, amount: "1,5" }, 400, "Số tiền"],
      [{ ...base, amount: "5e6" }, 400, "Số tiền"],
      [{ ...base, amount: "6000001" }, 400, "vượt quá phần còn lại của đợt (6.000.000 ₫)"],
      [{ ...base, amount: "1000", status: "paid" }, 400, "Biểu mẫu có trường không hợp lệ"],
      [{ ...base, amount: "1000", trancheId: other.trancheIds[0] }, 400, "Hãy chọn một đợt đã đến hạn"],
      [{ ...base, amount: "1000", trancheId: trancheIds[1] }, 409, "Đợt này chưa đến hạn chi."],
      [{ ...base, amount: "1000", method: "stripe" }, 400, "Stripe"],
    ];
    for (const [fields, status, message] of cases) {
      const response = await post(`/finance/grants/${grantId}`, fields, preparerCookie);
      const body = await text(response);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      if (message !== "Biểu mẫu có trường không hợp lệ") expect(body, JSON.stringify(fields)).toContain(message);
    }
    // An admin reads the ledger but does not prepare.
    expect((await post(`/finance/grants/${grantId}`, { ...base, amount: "1000" }, adminCookie)).status).toBe(403);
    // An unknown grant.
    expect((await post(`/finance/grants/${crypto.randomUUID()}`, { ...base, amount: "1000" }, preparerCookie)).status).toBe(404);
    // In English for a reader who chose English, amounts written her way.
    const english = await fetch(`${server.url}/finance/grants/${grantId}`, {
      method: "POST",
      body: new URLSearchParams({ ...base, amount: "6000001" }),
      redirect: "manual",
      headers: { Cookie: `${preparerCookie}; gieo_lang=${encodeURIComponent(btoa(JSON.stringify("en")))}` },
    });
    expect(english.status).toBe(400);
    expect(await text(english)).toContain("more than what remains of the tranche (₫6,000,000)");
    // Unknown disbursements and intents.
    const unknown = `/finance/disbursements/${crypto.randomUUID()}`;
    expect((await post(unknown, { intent: "approve" }, approverCookie)).status).toBe(404);
    expect((await get(`${server.url}${unknown}`, approverCookie)).status).toBe(404);
    expect((await post(unknown, { intent: "pay-everything" }, approverCookie)).status).toBe(400);
    expect((await post(unknown, { intent: "approve", approvedBy: "me" }, approverCookie)).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("two people: prepare, own approval refused, paying before approval refused, approve, QR, record the transfer", async () => {
    const { grantId, trancheIds, groupId } = await makeDueGrant({ award: 10_000_000n });
    const id = crypto.randomUUID();
    const fields = { id, trancheId: trancheIds[0], amount: "6.000.000", method: "bank_transfer", recipientName: "", bankBin: AGRIBANK, note: "" };
    const prepared = await post(`/finance/grants/${grantId}`, fields, preparerCookie);
    expect(prepared.status).toBe(302);
    expect(prepared.headers.get("Location")).toBe(`/finance/disbursements/${id}?done=prepared`);
    // The same form again (a double click without JavaScript): the same answer, nothing new.
    const once = await counts();
    expect((await post(`/finance/grants/${grantId}`, fields, preparerCookie)).status).toBe(302);
    expect(await counts()).toEqual(once);

    const page = `/finance/disbursements/${id}`;
    const own = await post(page, { intent: "approve" }, preparerCookie);
    expect(own.status).toBe(403);
    expect(await text(own)).toContain("Người lập khoản chi không được tự duyệt");
    const early = await post(page, { intent: "pay-bank", bankReference: "FT1", paidOn: "2026-01-05" }, approverCookie);
    expect(early.status).toBe(409);
    expect(await text(early)).toContain("chưa được duyệt");
    expect((await post(page, { intent: "show-qr" }, approverCookie)).status).toBe(409);
    expect(await counts()).toEqual(once);
    // The preparer's page offers no approve button; the other's does.
    expect(await text(await get(`${server.url}${page}`, preparerCookie))).not.toContain('value="approve"');
    const approverPage = await text(await get(`${server.url}${page}`, approverCookie));
    expect(approverPage).toContain('value="approve"');
    // What the second person checks: the holder's name, the bank and the end of the number.
    expect(approverPage.replace(/<!-- -->/g, "")).toContain("GIANG THI MAI · Agribank chi nhánh Sa Pa · •••• 0123");

    expect((await post(page, { intent: "approve" }, approverCookie)).status).toBe(302);
    expect((await post(page, { intent: "approve" }, approverCookie)).status).toBe(302);

    const [{ n: revealsBefore }] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "group.bank_account_revealed"));
    const qr = await post(page, { intent: "show-qr" }, preparerCookie);
    expect(qr.status).toBe(200);
    const qrBody = await text(qr);
    expect(qrBody).toContain("<svg");
    expect(qrBody).toContain("1234567890123");
    expect(qrBody).toContain(`GIEO ${id.slice(0, 8).toUpperCase()} DOT1`);
    const [{ n: revealsAfter }] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "group.bank_account_revealed"));
    expect(revealsAfter).toBe(revealsBefore + 1);

    const future = await post(page, { intent: "pay-bank", bankReference: "FT25001", paidOn: "2999-01-01" }, preparerCookie);
    expect(future.status).toBe(400);
    // A day the calendar does not have: it used to reach PostgreSQL and come back a 500.
    const impossible = await post(page, { intent: "pay-bank", bankReference: "FT25001", paidOn: "2025-02-30" }, preparerCookie);
    expect(impossible.status).toBe(400);
    expect(await text(impossible)).toContain("Ngày chưa đúng");
    const paid = await post(page, { intent: "pay-bank", bankReference: "FT25001", paidOn: "2026-01-05" }, preparerCookie);
    expect(paid.status).toBe(302);
    expect((await post(page, { intent: "pay-bank", bankReference: "FT25001", paidOn: "2026-01-05" }, preparerCookie)).status).toBe(302);
    const [row] = await db.select().from(disbursements).where(eq(disbursements.id, id));
    expect(row).toMatchObject({ status: "paid", bankReference: "FT25001" });
    void groupId;

    const ledger = await text(await get(`${server.url}/finance/grants/${grantId}`, adminCookie));
    expect(ledger).toContain("FT25001");
    expect(ledger).toContain("Lập khoản chi");
  });

  it("cash: the receipt prints the amount in words; the signed scan is uploaded and downloaded", async () => {
    const { grantId, trancheIds } = await makeDueGrant({ award: 10_000_000n, bankAccount: null });
    const made = await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 5_500_000n, method: "cash" }, preparer);
    if (!made.ok) throw new Error("not prepared");
    const receipt = await text(await get(`${server.url}/finance/disbursements/${made.id}/receipt`, preparerCookie));
    expect(receipt).toContain("PHIẾU CHI");
    expect(receipt).toContain("Năm triệu năm trăm nghìn đồng");
    expect(receipt).toContain("Giàng Thị Mai");
    // Mẫu số 02-TT: the form's name, its book (the year) and number, the five signatures.
    expect(receipt).toContain("Mẫu số 02 - TT");
    for (const who of ["Giám đốc", "Kế toán trưởng", "Thủ quỹ", "Người lập phiếu", "Người nhận tiền"]) expect(receipt).toContain(who);
    const voucher = (html: string) => /Quyển số:<\/dt><dd>(\d{4})<\/dd><dt>Số:<\/dt><dd>(\d{4})<\/dd>/.exec(html)?.slice(1).map(Number);
    const [book, number] = voucher(receipt) ?? [];
    expect(book).toBe(new Date().getFullYear());
    // The next cash disbursement prepared takes the next number; printing again keeps the first.
    const next = await makeDueGrant({ award: 10_000_000n, bankAccount: null });
    const nextMade = await prepareDisbursement({ grantId: next.grantId, trancheId: next.trancheIds[0], amount: 1_000_000n, method: "cash" }, preparer);
    if (!nextMade.ok) throw new Error("not prepared");
    expect(voucher(await text(await get(`${server.url}/finance/disbursements/${nextMade.id}/receipt`, preparerCookie)))).toEqual([book, number + 1]);
    expect(voucher(await text(await get(`${server.url}/finance/disbursements/${made.id}/receipt`, preparerCookie)))).toEqual([book, number]);

    const page = `/finance/disbursements/${made.id}`;
    const upload = () => {
      const form = new FormData();
      form.set("intent", "pay-cash");
      form.set("paidOn", "2026-01-06");
      form.set("receipt", new Blob([PNG], { type: "image/png" }), "phieu-chi.png");
      return form;
    };
    expect((await postMultipart(page, upload(), preparerCookie)).status).toBe(409);
    await approveDisbursement(made.id, approver);
    const bad = new FormData();
    bad.set("intent", "pay-cash");
    bad.set("paidOn", "2026-01-06");
    bad.set("receipt", new Blob(["<html>"], { type: "image/png" }), "x.png");
    const refused = await postMultipart(page, bad, preparerCookie);
    expect(refused.status).toBe(400);
    expect((await postMultipart(page, upload(), preparerCookie)).status).toBe(302);
    const scan = await get(`${server.url}${page}/scan`, adminCookie);
    expect(scan.status).toBe(200);
    expect(scan.headers.get("Content-Type")).toBe("image/png");
    expect((await get(`${server.url}${page}/scan`, applicantCookie)).status).toBe(403);
  });

  it("exports CSV with formula-looking cells defused", async () => {
    const { grantId, trancheIds, groupId } = await makeDueGrant({ award: 10_000_000n });
    await db.update(groups).set({ name: "=HYPERLINK(\"x\")" }).where(eq(groups.id, groupId));
    const made = await prepareDisbursement({ grantId, trancheId: trancheIds[0], amount: 1_000_000n, method: "cash", recipientName: "+84 912" }, preparer);
    expect(made.ok).toBe(true);
    const response = await get(`${server.url}/finance/disbursements.csv?grant=${grantId}`, adminCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const body = await response.text();
    expect(body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(body).toContain("'+84 912");
    expect(body).toContain(",1000000,");
    expect((await get(`${server.url}/finance/disbursements.csv?grant=nope`, adminCookie)).status).toBe(400);
  });
});
