import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import type { CommandResult } from "../../kernel/result";

// Reading a bank statement: CSV or XLSX as three Vietnamese banks export them, or ISO 20022
// camt.053 XML. Every line comes out in one shape, or the whole file is refused with the first
// reason found (the message names the line). DECISIONS 51.

export type StatementFormat = "vietcombank" | "bidv" | "vietinbank" | "camt053";

export interface StatementLine {
  /** 1-based line of the statement (the row in the file for CSV/XLSX, the entry for camt.053). */
  position: number;
  valueDate: string;
  reference: string;
  direction: "debit" | "credit";
  amount: bigint;
  description: string;
}

export type ParseResult = CommandResult<{ format: StatementFormat; lines: StatementLine[] }>;

/** Larger files are refused; a statement of 10,000 lines is about 1.5 MB as CSV. */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

interface ColumnMap {
  format: Exclude<StatementFormat, "camt053">;
  date: string;
  reference: string;
  description: string;
  /** Separate debit and credit columns, or one signed amount column. */
  debit?: string;
  credit?: string;
  amount?: string;
  currency?: string;
}

// The headings as each bank's internet banking exports them (lower-cased, spaces collapsed).
export const BANK_COLUMNS: readonly ColumnMap[] = [
  // Vietcombank (VCB Digibank, "Sao kê tài khoản"): STT, Ngày giao dịch, Số tham chiếu, Số tiền ghi nợ, Số tiền ghi có, Số dư, Mô tả
  { format: "vietcombank", date: "ngày giao dịch", reference: "số tham chiếu", debit: "số tiền ghi nợ", credit: "số tiền ghi có", description: "mô tả" },
  // BIDV (BIDV iBank): STT, Ngày hiệu lực, Số giao dịch, Ghi nợ, Ghi có, Số dư, Nội dung giao dịch
  { format: "bidv", date: "ngày hiệu lực", reference: "số giao dịch", debit: "ghi nợ", credit: "ghi có", description: "nội dung giao dịch" },
  // VietinBank (eFAST): Ngày GD, Mã giao dịch, Diễn giải, Số tiền giao dịch (signed), Loại tiền, Số dư
  { format: "vietinbank", date: "ngày gd", reference: "mã giao dịch", amount: "số tiền giao dịch", currency: "loại tiền", description: "diễn giải" },
];

const norm = (cell: string) => cell.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");

class Bad extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** A date as YYYY-MM-DD from dd/mm/yyyy (time after it ignored), yyyy-mm-dd, or a spreadsheet date. */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const text = String(value ?? "").trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.+Z-]*)?$/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Whole đồng from "1.500.000", "1,500,000", "1500000", "1.500.000,00", "-250000" or a spreadsheet
 * number; null when it is not a whole number of đồng. The sign is kept.
 */
export function parseAmount(value: unknown): bigint | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : null;
  const text = String(value ?? "").trim().replace(/\s/g, "");
  if (text === "") return null;
  const match = /^([+-]?)(\d{1,3}(?:([.,])\d{3})?(?:\3\d{3})*|\d+)(?:[.,](0{1,2}))?$/.exec(text);
  if (!match) return null;
  const digits = match[2].replace(/[.,]/g, "");
  if (digits.length > 15) return null;
  const amount = BigInt(digits);
  return match[1] === "-" ? -amount : amount;
}

/** RFC 4180 rows; the delimiter (comma, semicolon or tab) is the one the first lines use most. */
export function csvRows(text: string): string[][] {
  const head = text.slice(0, 4096);
  const delimiter = [",", ";", "\t"].map((d) => [d, head.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const FOREIGN = /(?:loại tiền|tiền tệ|currency)\s*:?\s*([a-z]{3})\b/i;

/** Lines from a table of cells: the header row names the bank; rows above it may state the currency. */
function fromRows(rows: unknown[][]): { format: StatementFormat; lines: StatementLine[] } {
  let headerAt = -1;
  let map: ColumnMap | undefined;
  let columns: Record<string, number> = {};
  for (let r = 0; r < Math.min(rows.length, 30) && headerAt < 0; r++) {
    const cells = rows[r].map((c) => norm(String(c ?? "")));
    const preamble = FOREIGN.exec(rows[r].map((c) => String(c ?? "")).join(" "));
    if (preamble && preamble[1].toUpperCase() !== "VND") throw new Bad("statements.errors.currency", { currency: preamble[1].toUpperCase() });
    for (const candidate of BANK_COLUMNS) {
      const wanted = { date: candidate.date, reference: candidate.reference, description: candidate.description, debit: candidate.debit, credit: candidate.credit, amount: candidate.amount, currency: candidate.currency };
      const found: Record<string, number> = {};
      let all = true;
      for (const [key, heading] of Object.entries(wanted)) {
        if (!heading) continue;
        const at = cells.indexOf(heading);
        if (at < 0 && key !== "currency") all = false;
        if (at >= 0) found[key] = at;
      }
      if (all) {
        headerAt = r;
        map = candidate;
        columns = found;
        break;
      }
    }
  }
  if (!map) throw new Bad("statements.errors.unknownFormat");
  const lines: StatementLine[] = [];
  for (let r = headerAt + 1; r < rows.length; r++) {
    const row = rows[r];
    const cell = (key: string) => (columns[key] === undefined ? undefined : row[columns[key]]);
    const text = (key: string) => String(cell(key) ?? "").trim();
    if (row.every((c) => String(c ?? "").trim() === "")) continue;
    const position = r + 1;
    // Banks close the table with a total row ("Tổng cộng", "Số dư cuối kỳ") that has no date or reference.
    if (!text("date") && !text("reference")) continue;
    const valueDate = parseDate(cell("date"));
    if (!valueDate) throw new Bad("statements.errors.date", { line: position });
    const reference = text("reference");
    if (!reference || reference.length > 100) throw new Bad("statements.errors.reference", { line: position });
    if (columns.currency !== undefined && text("currency") && text("currency").toUpperCase() !== "VND") {
      throw new Bad("statements.errors.currency", { currency: text("currency").toUpperCase() });
    }
    let signed: bigint | null;
    if (map.amount) signed = parseAmount(cell("amount"));
    else {
      const debit = text("debit") === "" ? 0n : parseAmount(cell("debit"));
      const credit = text("credit") === "" ? 0n : parseAmount(cell("credit"));
      signed = debit === null || credit === null || (debit !== 0n && credit !== 0n) ? null : credit - (debit < 0n ? -debit : debit);
    }
    if (signed === null || signed === 0n) throw new Bad("statements.errors.amount", { line: position });
    lines.push({
      position,
      valueDate,
      reference,
      direction: signed < 0n ? "debit" : "credit",
      amount: signed < 0n ? -signed : signed,
      description: text("description").slice(0, 500),
    });
  }
  return { format: map.format, lines };
}

/** camt.053 entries (Ntry), read as a stream of XML events: nothing but the entries is kept. */
function fromCamt(xml: string): { format: StatementFormat; lines: StatementLine[] } {
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  const lines: StatementLine[] = [];
  let isCamt = false;
  let entry: { amount: string; ccy: string; ind: string; valDt: string; bookDt: string; ref: string; e2e: string; text: string[] } | null = null;
  let ccy = "";
  let buffer = "";
  const local = (name: string) => name.slice(name.indexOf(":") + 1);
  parser.on("opentag", (tag) => {
    const name = local(tag.name);
    path.push(name);
    buffer = "";
    if (name === "BkToCstmrStmt") isCamt = true;
    if (name === "Ntry" && isCamt) entry = { amount: "", ccy: "", ind: "", valDt: "", bookDt: "", ref: "", e2e: "", text: [] };
    if (name === "Amt") ccy = String(tag.attributes.Ccy ?? "");
  });
  parser.on("text", (t) => (buffer += t));
  parser.on("closetag", () => {
    const name = path.pop() ?? "";
    const parent = path[path.length - 1];
    const value = buffer.trim();
    buffer = "";
    if (!entry) return;
    if (name === "Amt" && parent === "Ntry") [entry.amount, entry.ccy] = [value, ccy];
    else if (name === "CdtDbtInd" && parent === "Ntry") entry.ind = value;
    else if ((name === "Dt" || name === "DtTm") && parent === "ValDt") entry.valDt = value;
    else if ((name === "Dt" || name === "DtTm") && parent === "BookgDt") entry.bookDt = value;
    else if (name === "AcctSvcrRef" && parent === "Ntry") entry.ref = value;
    else if (name === "EndToEndId" && !entry.e2e) entry.e2e = value;
    else if ((name === "Ustrd" || name === "AddtlNtryInf") && value) entry.text.push(value);
    else if (name === "Ntry") {
      const e = entry;
      entry = null;
      const position = lines.length + 1;
      if (e.ccy.toUpperCase() !== "VND") throw new Bad("statements.errors.currency", { currency: e.ccy.toUpperCase() || "?" });
      const valueDate = parseDate(e.valDt || e.bookDt);
      if (!valueDate) throw new Bad("statements.errors.date", { line: position });
      const amount = /^\d{1,15}(\.0*)?$/.test(e.amount) ? BigInt(e.amount.split(".")[0]) : null;
      if (!amount || (e.ind !== "DBIT" && e.ind !== "CRDT")) throw new Bad("statements.errors.amount", { line: position });
      const reference = e.ref || (e.e2e !== "NOTPROVIDED" ? e.e2e : "");
      if (!reference || reference.length > 100) throw new Bad("statements.errors.reference", { line: position });
      lines.push({ position, valueDate, reference, direction: e.ind === "DBIT" ? "debit" : "credit", amount, description: e.text.join(" ").slice(0, 500) });
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof Bad) throw error;
    throw new Bad("statements.errors.unknownFormat");
  }
  if (!isCamt) throw new Bad("statements.errors.unknownFormat");
  return { format: "camt053", lines };
}

async function xlsxRows(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  if (!sheet) return rows;
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = (row.values as unknown[]).slice(1).map((v) => {
      if (v && typeof v === "object" && !(v instanceof Date)) {
        const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
        return o.richText ? o.richText.map((p) => p.text).join("") : (o.result ?? o.text ?? "");
      }
      return v;
    });
    rows[number - 1] = values;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** Checks that no line appears twice in one statement (same date, reference, direction, amount). */
function refuseRepeats(lines: StatementLine[]): void {
  const seen = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.valueDate}|${line.reference}|${line.direction}|${line.amount}`;
    const first = seen.get(key);
    if (first !== undefined) throw new Bad("statements.errors.duplicateLine", { line: line.position, first });
    seen.set(key, line.position);
  }
}

const refusedFile = (key: string): ParseResult => ({ ok: false, status: 400, errors: { file: key } });

/** The statement's lines, or why it is refused. */
export async function parseStatement(bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.byteLength === 0) return refusedFile("statements.errors.fileRequired");
  if (bytes.byteLength > MAX_STATEMENT_BYTES) return refusedFile("statements.errors.tooLarge");
  try {
    let parsed: { format: StatementFormat; lines: StatementLine[] };
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      let rows: unknown[][];
      try {
        rows = await xlsxRows(bytes);
      } catch {
        throw new Bad("statements.errors.unknownFormat");
      }
      parsed = fromRows(rows);
    } else {
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
      } catch {
        throw new Bad("statements.errors.unknownFormat");
      }
      parsed = text.trimStart().startsWith("<") ? fromCamt(text) : fromRows(csvRows(text));
    }
    if (parsed.lines.length === 0) throw new Bad("statements.errors.empty");
    refuseRepeats(parsed.lines);
    return { ok: true, ...parsed };
  } catch (error) {
    if (error instanceof Bad) {
      const params = new URLSearchParams(Object.entries(error.values).map(([k, v]) => [k, String(v)])).toString();
      return refusedFile(params ? `${error.key}?${params}` : error.key);
    }
    throw error;
  }
}
