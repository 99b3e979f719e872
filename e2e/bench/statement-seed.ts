import fs from "node:fs";
import { parseArgs } from "node:util";
import { and, eq, inArray, sql } from "drizzle-orm";
import { disbursements, grants } from "../../db/schema";
import { db, openDatabase } from "../../app/infra/db.server";
import { paymentReference } from "../../app/modules/disbursements/reference";

// Run by e2e/bench/statement.ts after db/scale.ts, while no server holds the database: turns up
// to --lines paid bank transfers of the scale grants back into approved ones (sent, not yet
// confirmed) and writes a Vietcombank CSV statement with one debit line per transfer, the
// transfer's VietQR purpose in the text. Lines past the transfers found are bank fees.

const { values } = parseArgs({ options: { lines: { type: "string", default: "10000" }, out: { type: "string" } } });
const lines = Number(values.lines);
if (!values.out || !Number.isInteger(lines) || lines < 1) throw new Error("usage: statement-seed.ts --lines N --out file.csv");

const database = await openDatabase();
const rows = await db
  .select({ id: disbursements.id, amount: disbursements.amount })
  .from(disbursements)
  .innerJoin(grants, eq(grants.id, disbursements.grantId))
  .where(and(eq(disbursements.status, "paid"), eq(disbursements.method, "bank_transfer"), inArray(grants.status, ["active", "completed"])))
  .orderBy(disbursements.id)
  .limit(lines);
for (let i = 0; i < rows.length; i += 1000) {
  const ids = rows.slice(i, i + 1000).map((r) => r.id);
  await db.update(disbursements).set({ status: "approved", paidOn: null, paidAt: null, bankReference: null }).where(inArray(disbursements.id, ids));
}
await db.execute(sql`analyze disbursements`);
await database.close();

const vnd = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
const out: string[] = [
  "\uFEFFNGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM",
  "SAO KÊ TÀI KHOẢN",
  "Số tài khoản:,0071000123456",
  "Loại tiền:,VND",
  "STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Số dư,Mô tả",
];
for (let i = 0; i < lines; i++) {
  const day = String((i % 28) + 1).padStart(2, "0");
  const ref = `5213.202603${day}.${String(i).padStart(6, "0")}`;
  const row = rows[i];
  const text = row ? `IBFT ${paymentReference(row.id, 1)} CHUYEN TIEN TAI TRO` : `PHI DICH VU SMS BANKING ${i}`;
  out.push(`${i + 1},${day}/03/2026,${ref},"${vnd(row ? row.amount : 11_000n)}",,"0",${text}`);
}
fs.writeFileSync(values.out, out.join("\r\n") + "\r\n");
console.log(JSON.stringify({ transfers: rows.length, lines }));
