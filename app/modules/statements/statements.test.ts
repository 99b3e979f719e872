import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, bankStatementLines, bankStatements, disbursements, notifications } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { makeActor, makeDisbursement, makeDueGrant } from "../../testing/factories";
import { paymentReference } from "../disbursements/reference";
import { MAX_STATEMENT_BYTES, parseStatement } from "./formats.server";
import { confirmStatement, importStatement } from "./statements.server";

// Bank statements (issue 14, item 4): each format read from a fixture, matching that proposes only
// exact matches, one confirmation that pays through the disbursements' own command, and files
// refused with nothing written.

const fixture = (name: string, values: Record<string, string> = {}) => {
  let text = fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{${key}}`, value);
  return new TextEncoder().encode(text);
};

const codeOf = (id: string) => paymentReference(id, 1).split(" ")[1];

async function vietinbankXlsx(rows: (string | number | Date)[][], currency = "VND"): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sao ke");
  sheet.addRow(["NGÂN HÀNG TMCP CÔNG THƯƠNG VIỆT NAM - VietinBank eFAST"]);
  sheet.addRow(["Số tài khoản:", "108000111222"]);
  sheet.addRow([]);
  sheet.addRow(["Ngày GD", "Mã giao dịch", "Diễn giải", "Số tiền giao dịch", "Loại tiền", "Số dư"]);
  for (const row of rows) sheet.addRow([...row.slice(0, 4), currency, ...row.slice(4)]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

let preparer: Actor;
let approver: Actor;
let owner: Actor;

beforeAll(async () => {
  [preparer, approver, owner] = await Promise.all([makeActor(["finance"]), makeActor(["finance"]), makeActor(["applicant"])]);
});

/** A bank transfer approved by a second finance user (or in the given status), on a grant of its own. */
async function transfer(amount: bigint, status: "approved" | "paid" | "prepared" = "approved", id?: string) {
  const { grantId, trancheIds } = await makeDueGrant({ award: 20_000_000n, ownerId: owner.user.id });
  const row = await makeDisbursement({
    grantId,
    trancheId: trancheIds[0],
    amount,
    status,
    preparedBy: preparer.user.id,
    approvedBy: status === "prepared" ? undefined : approver.user.id,
    values: { bankBin: "970405", ...(id ? { id } : {}) },
  });
  return row;
}

async function written() {
  const [s] = await db.select({ n: count() }).from(bankStatements);
  const [l] = await db.select({ n: count() }).from(bankStatementLines);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { statements: s.n, lines: l.n, audit: a.n };
}

describe(`bank statements (${currentDatabase().driver})`, () => {
  it("reads each bank's CSV/XLSX and camt.053 into the same lines", async () => {
    const vcb = await parseStatement(fixture("vietcombank.csv", { AMOUNT_A: "2.000.000", CODE_A: "1A2B3C4D" }));
    expect(vcb).toMatchObject({ ok: true, format: "vietcombank" });
    if (!vcb.ok) return;
    expect(vcb.lines).toEqual([
      { position: 8, valueDate: "2026-03-02", reference: "5213.20260302.091233", direction: "debit", amount: 2_000_000n, description: "IBFT GIEO 1A2B3C4D DOT1 GIANG THI MAI" },
      { position: 9, valueDate: "2026-03-03", reference: "5213.20260303.101500", direction: "credit", amount: 50_000_000n, description: "NHAN TIEN TU QUY TAI TRO" },
      { position: 10, valueDate: "2026-03-05", reference: "5213.20260305.140102", direction: "debit", amount: 1_250_000n, description: "PHI DICH VU SMS BANKING THANG 02" },
    ]);

    const bidv = await parseStatement(fixture("bidv.csv", { AMOUNT_A: "3.500.000", CODE_A: "1A2B3C4D" }));
    expect(bidv).toMatchObject({ ok: true, format: "bidv" });
    if (!bidv.ok) return;
    expect(bidv.lines.map((l) => [l.valueDate, l.reference, l.direction, l.amount])).toEqual([
      ["2026-03-06", "FT26065987412", "debit", 3_500_000n],
      ["2026-03-07", "FT26066000001", "credit", 2_000_000n],
    ]);

    const xlsx = await parseStatement(await vietinbankXlsx([["12/03/2026", "9988776655", "GIEO 1A2B3C4D DOT2", -4_000_000], [new Date(Date.UTC(2026, 2, 13)), "9988776656", "Lai nhap von", "15.000"]]));
    expect(xlsx).toMatchObject({ ok: true, format: "vietinbank" });
    if (!xlsx.ok) return;
    expect(xlsx.lines.map((l) => [l.position, l.valueDate, l.reference, l.direction, l.amount, l.description])).toEqual([
      [5, "2026-03-12", "9988776655", "debit", 4_000_000n, "GIEO 1A2B3C4D DOT2"],
      [6, "2026-03-13", "9988776656", "credit", 15_000n, "Lai nhap von"],
    ]);

    const camt = await parseStatement(fixture("camt053.xml", { AMOUNT_A: "5000000.00", CODE_A: "1A2B3C4D" }));
    expect(camt).toMatchObject({ ok: true, format: "camt053" });
    if (!camt.ok) return;
    expect(camt.lines).toEqual([
      { position: 1, valueDate: "2026-03-10", reference: "TT26069AB12CD", direction: "debit", amount: 5_000_000n, description: "GIEO 1A2B3C4D DOT1" },
      { position: 2, valueDate: "2026-03-11", reference: "TT26070EF34GH", direction: "credit", amount: 300_000n, description: "LAI TIEN GUI" },
    ]);
  });

  it("proposes only exact matches, confirms them as paid with the bank's reference and date, and lists the rest with the reason", async () => {
    const exact = await transfer(2_000_000n);
    const wrongAmount = await transfer(3_000_000n);
    const twice = await transfer(1_000_000n);
    const paidBefore = await transfer(1_500_000n, "paid");
    const notApproved = await transfer(1_200_000n, "prepared");
    // Two disbursements whose codes are the same: the code names both.
    const shared = randomUUID().slice(0, 8);
    await transfer(700_000n, "approved", `${shared}-${randomUUID().slice(9)}`);
    await transfer(700_000n, "approved", `${shared}-${randomUUID().slice(9)}`);
    const other = await transfer(900_000n);
    const rows = [
      ["15/03/2026", `R${randomUUID().slice(0, 8)}1`, `GIEO ${codeOf(exact.id)} DOT1`, -2_000_000],
      ["15/03/2026", `R${randomUUID().slice(0, 8)}2`, `GIEO ${codeOf(wrongAmount.id)} DOT1`, -3_100_000],
      ["15/03/2026", `R${randomUUID().slice(0, 8)}3`, "Phi quan ly tai khoan", -11_000],
      ["15/03/2026", `R${randomUUID().slice(0, 8)}4`, "GIEO 00000000 DOT1", -500_000],
      ["16/03/2026", `R${randomUUID().slice(0, 8)}5`, `GIEO ${codeOf(twice.id)} DOT1`, -1_000_000],
      ["16/03/2026", `R${randomUUID().slice(0, 8)}6`, `GIEO ${codeOf(twice.id)} DOT1 lan 2`, -1_000_000],
      ["16/03/2026", `R${randomUUID().slice(0, 8)}7`, `GIEO ${codeOf(paidBefore.id)} DOT1`, -1_500_000],
      ["16/03/2026", `R${randomUUID().slice(0, 8)}8`, `GIEO ${shared.toUpperCase()} DOT1`, -700_000],
      ["16/03/2026", `R${randomUUID().slice(0, 8)}9`, `GIEO ${codeOf(notApproved.id)} DOT1`, -1_200_000],
      ["17/03/2026", `R${randomUUID().slice(0, 8)}A`, `GIEO ${codeOf(other.id)} GIEO ${codeOf(exact.id)}`, -900_000],
      ["17/03/2026", `R${randomUUID().slice(0, 8)}B`, `GIEO ${codeOf(other.id)} hoan lai`, 900_000],
    ];
    const file = await vietinbankXlsx(rows);
    const imported = await importStatement(file, "efast-03.xlsx", preparer);
    expect(imported).toMatchObject({ ok: true, repeat: false, added: 11, skipped: 0 });
    if (!imported.ok) return;
    const lines = await db.select().from(bankStatementLines).where(eq(bankStatementLines.statementId, imported.id)).orderBy(bankStatementLines.position);
    expect(lines.map((l) => [l.outcome, l.disbursementId])).toEqual([
      ["match", exact.id],
      ["amount_differs", wrongAmount.id],
      ["no_code", null],
      ["unknown_code", null],
      ["ambiguous", null],
      ["ambiguous", null],
      ["already_paid", paidBefore.id],
      ["ambiguous", null],
      ["not_payable", notApproved.id],
      ["ambiguous", null],
      ["incoming", null],
    ]);

    // The same file again changes nothing.
    const before = await written();
    expect(await importStatement(file, "efast-03 (1).xlsx", preparer)).toEqual({ ok: true, id: imported.id, repeat: true, added: 0, skipped: 11 });
    expect(await written()).toEqual(before);

    // Only a finance user confirms; then the one exact match is paid, through the machine.
    expect(await confirmStatement(imported.id, owner)).toMatchObject({ ok: false, status: 403 });
    expect(await confirmStatement(imported.id, approver)).toEqual({ ok: true, paid: 1, refused: 0 });
    const [paid] = await db.select().from(disbursements).where(eq(disbursements.id, exact.id));
    expect(paid).toMatchObject({ status: "paid", bankReference: rows[0][1], paidOn: "2026-03-15" });
    const history = await db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.entityId, exact.id));
    expect(history).toEqual([{ action: "disbursement.paid", actorId: approver.user.id }]);
    const notices = await db.select().from(notifications).where(eq(notifications.userId, owner.user.id));
    expect(notices.filter((n) => n.messageKey === "disbursements.notice.paid")).toHaveLength(1);
    for (const untouched of [wrongAmount, twice, other]) {
      const [row] = await db.select({ status: disbursements.status }).from(disbursements).where(eq(disbursements.id, untouched.id));
      expect(row.status).toBe("approved");
    }
    // Pressing again pays nothing twice; the file again changes nothing.
    const after = await written();
    expect(await confirmStatement(imported.id, approver)).toEqual({ ok: true, paid: 0, refused: 0 });
    expect(await importStatement(file, "efast-03.xlsx", approver)).toMatchObject({ ok: true, repeat: true });
    expect(await written()).toEqual(after);

    // A later statement that overlaps this one stores only its new lines.
    const later = await importStatement(await vietinbankXlsx([...rows, ["18/03/2026", `R${randomUUID().slice(0, 8)}C`, "Phi chuyen tien", -3_300]]), "efast-03b.xlsx", preparer);
    expect(later).toMatchObject({ ok: true, repeat: false, added: 1, skipped: 11 });
  });

  it("matches the code wherever the bank puts it, with or without spaces (BIDV, camt.053)", async () => {
    const a = await transfer(3_500_000n);
    const unique = (bytes: Uint8Array, refs: string[]) =>
      new TextEncoder().encode(refs.reduce((text, ref) => text.replaceAll(ref, `${ref.slice(0, 2)}${randomUUID().slice(0, 10)}`), new TextDecoder().decode(bytes)));
    const bidv = await importStatement(unique(fixture("bidv.csv", { AMOUNT_A: "3.500.000", CODE_A: codeOf(a.id) }), ["FT26065987412", "FT26066000001"]), "bidv.csv", preparer);
    expect(bidv).toMatchObject({ ok: true, added: 2 });
    if (!bidv.ok) return;
    const [first] = await db.select().from(bankStatementLines).where(eq(bankStatementLines.statementId, bidv.id)).orderBy(bankStatementLines.position);
    expect([first.outcome, first.disbursementId, first.valueDate, first.amount]).toEqual(["match", a.id, "2026-03-06", 3_500_000n]);
    const b = await transfer(5_000_000n);
    const camt = await importStatement(unique(fixture("camt053.xml", { AMOUNT_A: "5000000.00", CODE_A: codeOf(b.id) }), ["TT26069AB12CD", "TT26070EF34GH"]), "camt.xml", preparer);
    expect(camt).toMatchObject({ ok: true, added: 2 });
    if (!camt.ok) return;
    const [line] = await db.select().from(bankStatementLines).where(eq(bankStatementLines.statementId, camt.id)).orderBy(bankStatementLines.position);
    expect([line.outcome, line.disbursementId, line.valueDate]).toEqual(["match", b.id, "2026-03-10"]);
  });

  it("refuses bad files with a clear message and writes nothing", async () => {
    const before = await written();
    const refusals: [Uint8Array, string][] = [
      [await vietinbankXlsx([["12/03/2026", "X1", "GIEO 1A2B3C4D", -4_000], ["12/03/2026", "X1", "GIEO 1A2B3C4D lai", -4_000]]), "statements.errors.duplicateLine?line=6&first=5"],
      [await vietinbankXlsx([["12/03/2026", "X2", "GIEO 1A2B3C4D", -4_000]], "USD"), "statements.errors.currency?currency=USD"],
      [fixture("vietcombank.csv", { AMOUNT_A: "2.000.000,50", CODE_A: "1A2B3C4D" }), "statements.errors.amount?line=8"],
      [fixture("vietcombank.csv", { AMOUNT_A: "hai triệu", CODE_A: "1A2B3C4D" }), "statements.errors.amount?line=8"],
      [new TextEncoder().encode(new TextDecoder().decode(fixture("bidv.csv", { AMOUNT_A: "1.000", CODE_A: "X" })).replace("06/03/2026", "31/02/2026")), "statements.errors.date?line=4"],
      [new TextEncoder().encode(new TextDecoder().decode(fixture("bidv.csv", { AMOUNT_A: "1.000", CODE_A: "X" })).replace("Loại tiền: VND", "Loại tiền: EUR")), "statements.errors.currency?currency=EUR"],
      [new TextEncoder().encode(new TextDecoder().decode(fixture("camt053.xml", { AMOUNT_A: "10.00", CODE_A: "X" })).replace('Ccy="VND">10.00', 'Ccy="USD">10.00')), "statements.errors.currency?currency=USD"],
      [new TextEncoder().encode("Date,Reference,Amount\n2026-03-01,A1,-100\n"), "statements.errors.unknownFormat"],
      [new TextEncoder().encode('<?xml version="1.0"?><Document><pain.001/></Document>'), "statements.errors.unknownFormat"],
      [new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), "statements.errors.unknownFormat"],
      [new Uint8Array([0xff, 0xfe, 0x00, 0x41]), "statements.errors.unknownFormat"],
      [new Uint8Array(MAX_STATEMENT_BYTES + 1), "statements.errors.tooLarge"],
      [new Uint8Array(0), "statements.errors.fileRequired"],
    ];
    for (const [bytes, message] of refusals) {
      expect(await importStatement(bytes, "bad", preparer), message).toEqual({ ok: false, status: 400, errors: { file: message } });
    }
    expect(await written()).toEqual(before);
  });
});
