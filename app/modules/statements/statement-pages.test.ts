import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankStatementLines, bankStatements, disbursements } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { get, logInOver, startServer, type TestServer } from "../../testing/fixtures";
import { makeActor, makeDisbursement, makeDueGrant } from "../../testing/factories";
import { paymentReference } from "../disbursements/reference";

// The statement pages over real HTTP, as a browser without JavaScript uses them: upload, the
// proposals, one press to confirm; a huge body is refused before it is read, with nothing written.

let server: TestServer;
let finance: Actor & { email: string };
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  finance = await makeActor(["finance"]);
  cookie = await logInOver(server, finance.email);
});
afterAll(() => server.close());

function upload(body: BodyInit) {
  return fetch(`${server.url}/finance/statements`, { method: "POST", body, redirect: "manual", headers: { Cookie: cookie } });
}

async function written() {
  const [s] = await db.select({ n: count() }).from(bankStatements);
  const [l] = await db.select({ n: count() }).from(bankStatementLines);
  return { statements: s.n, lines: l.n };
}

describe(`statement pages (${currentDatabase().driver})`, () => {
  it("uploads a statement, shows the exact match and confirms it as paid in one press", async () => {
    const approver = await makeActor(["finance"]);
    const { grantId, trancheIds } = await makeDueGrant({ award: 20_000_000n });
    const transfer = await makeDisbursement({ grantId, trancheId: trancheIds[0], amount: 2_000_000n, status: "approved", preparedBy: finance.user.id, approvedBy: approver.user.id, values: { bankBin: "970405" } });
    const text = fs
      .readFileSync(path.join(import.meta.dirname, "fixtures", "vietcombank.csv"), "utf8")
      .replaceAll("{AMOUNT_A}", "2.000.000")
      .replaceAll("{CODE_A}", paymentReference(transfer.id, 1).split(" ")[1])
      .replaceAll("5213.2026", `${transfer.id.slice(0, 6)}.2026`);
    const form = new FormData();
    form.append("file", new Blob([text], { type: "text/csv" }), "vcb-03.csv");
    const answer = await upload(form);
    expect(answer.status).toBe(302);
    const location = answer.headers.get("Location")!;
    expect(location).toMatch(/^\/finance\/statements\/[0-9a-f-]{36}$/);

    const page = await get(`${server.url}${location}`, cookie);
    expect(page.status).toBe(200);
    const html = (await page.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("<title>Đối chiếu sao kê · Gieo</title>");
    expect(html).toContain("Xác nhận đã chi 1 khoản");
    expect(html).toContain("Tiền vào, không phải khoản chi");
    expect(html).toContain("Nội dung không có mã GIEO");

    const confirm = await fetch(`${server.url}${location}`, { method: "POST", body: new URLSearchParams(), redirect: "manual", headers: { Cookie: cookie } });
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get("Location")).toBe(`${location}?paid=1&refused=0`);
    const [row] = await db.select().from(disbursements).where(eq(disbursements.id, transfer.id));
    expect(row).toMatchObject({ status: "paid", paidOn: "2026-03-02", bankReference: `${transfer.id.slice(0, 6)}.20260302.091233` });

    // The same file again: the same statement, nothing new.
    const before = await written();
    const again = await upload(form);
    expect(again.headers.get("Location")).toBe(`${location}?repeat=1`);
    expect(await written()).toEqual(before);
  });

  it("refuses a 50 MB file before reading it, and a bad file with its reason, writing nothing", async () => {
    const before = await written();
    const big = new FormData();
    big.append("file", new Blob([new Uint8Array(50 * 1024 * 1024)]), "huge.csv");
    const refused = await upload(big);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain("Tệp lớn hơn 5 MB");

    const foreign = new FormData();
    foreign.append("file", new Blob(["STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Số dư,Mô tả\n1,02/03/2026,A1,1.000,,0,x\n1,02/03/2026,A1,1.000,,0,y\n"]), "dup.csv");
    const duplicate = await upload(foreign);
    expect(duplicate.status).toBe(400);
    expect((await duplicate.text()).replace(/<!-- -->/g, "")).toContain("Dòng 3 trùng với dòng 2");

    const empty = await upload(new FormData());
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Hãy chọn tệp sao kê.");
    expect(await written()).toEqual(before);
  });
});
