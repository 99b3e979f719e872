import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { bankStatementLines, bankStatements, disbursements } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import type { CommandResult } from "../../kernel/result";
import { hasPermission } from "../auth/permissions";
import { recordBankPayment } from "../disbursements/disbursements.server";
import { SHOWN_LINES, type Outcome } from "./outcomes";
import { parseStatement, type StatementFormat, type StatementLine } from "./formats.server";

// A bank statement, imported once, matched against the bank transfers finance has sent, and
// confirmed in one press (issue 14, item 4; DECISIONS 51). A transfer's purpose carries the
// code of its disbursement ("GIEO 1A2B3C4D DOT1", disbursements/reference.ts): a debit line is
// proposed only when it carries exactly one code, that code names exactly one approved bank
// transfer, the amounts agree, and no other line of the statement proposes the same one.
// A wrong match is worse than none, so everything else is listed with its reason, never guessed.


/** The code in a line's text: "GIEO" and the disbursement's first 8 hex digits, spaces or not. */
const CODE = /GIEO[\s.\-_:]*([0-9A-F]{8})/gi;

export function codesIn(text: string): string[] {
  return [...new Set([...text.matchAll(CODE)].map((m) => m[1].toLowerCase()))];
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** One line's identity across statements: the bank never gives two transactions one reference on one day. */
export const lineHash = (line: StatementLine) => sha256(`${line.valueDate}|${line.reference}|${line.direction}|${line.amount}`);

interface Candidate {
  id: string;
  status: string;
  method: string;
  amount: bigint;
  bankReference: string | null;
}

const CHUNK = 1000;

async function candidatesFor(tx: DbOrTx, codes: string[]): Promise<Map<string, Candidate[]>> {
  const byCode = new Map<string, Candidate[]>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const prefix = sql<string>`left(${disbursements.id}::text, 8)`;
    const rows = await tx
      .select({ prefix, id: disbursements.id, status: disbursements.status, method: disbursements.method, amount: disbursements.amount, bankReference: disbursements.bankReference })
      .from(disbursements)
      .where(inArray(prefix, codes.slice(i, i + CHUNK)));
    for (const row of rows) byCode.set(row.prefix, [...(byCode.get(row.prefix) ?? []), row]);
  }
  return byCode;
}

/** What matching finds for each line: the outcome and, for a proposal, the disbursement. */
export async function matchLines(tx: DbOrTx, lines: StatementLine[]): Promise<{ outcome: Outcome; disbursementId: string | null }[]> {
  const codesOf = lines.map((line) => (line.direction === "debit" ? codesIn(line.description) : []));
  const byCode = await candidatesFor(tx, [...new Set(codesOf.flat())]);
  const found = lines.map((line, i): { outcome: Outcome; disbursementId: string | null } => {
    if (line.direction === "credit") return { outcome: "incoming", disbursementId: null };
    const codes = codesOf[i];
    if (codes.length === 0) return { outcome: "no_code", disbursementId: null };
    if (codes.length > 1) return { outcome: "ambiguous", disbursementId: null };
    const candidates = (byCode.get(codes[0]) ?? []).filter((c) => c.method === "bank_transfer");
    if (candidates.length === 0) return { outcome: "unknown_code", disbursementId: null };
    if (candidates.length > 1) return { outcome: "ambiguous", disbursementId: null };
    const [only] = candidates;
    if (only.status === "paid") return { outcome: "already_paid", disbursementId: only.id };
    if (only.status !== "approved") return { outcome: "not_payable", disbursementId: only.id };
    if (only.amount !== line.amount) return { outcome: "amount_differs", disbursementId: only.id };
    return { outcome: "match", disbursementId: only.id };
  });
  // Two lines for one disbursement: neither is proposed.
  const proposals = new Map<string, number>();
  for (const f of found) if (f.outcome === "match") proposals.set(f.disbursementId!, (proposals.get(f.disbursementId!) ?? 0) + 1);
  return found.map((f) => (f.outcome === "match" && proposals.get(f.disbursementId!)! > 1 ? { outcome: "ambiguous", disbursementId: null } : f));
}

export type ImportResult = CommandResult<{ id: string; repeat: boolean; added: number; skipped: number }>;

/**
 * Reads, checks and stores a statement with what matching proposes; nothing is written when the
 * file is refused. The same file again answers the statement already stored; lines already
 * stored by an earlier, overlapping statement are skipped.
 */
export async function importStatement(bytes: Uint8Array, fileName: string, actor: Actor): Promise<ImportResult> {
  if (!hasPermission(actor.user.roles, "pay:disbursement")) return { ok: false, status: 403, errors: { "": "disbursements.errors.notAllowed" } };
  const parsed = await parseStatement(bytes);
  if (!parsed.ok) return parsed;
  const fileHash = sha256(bytes);
  const hashes = parsed.lines.map(lineHash);
  return run(
    async (tx) => {
      const [already] = await tx.select({ id: bankStatements.id }).from(bankStatements).where(eq(bankStatements.fileHash, fileHash));
      if (already) return { id: already.id, repeat: true, added: 0, skipped: parsed.lines.length };
      const seen = new Set<string>();
      for (let i = 0; i < hashes.length; i += CHUNK) {
        const rows = await tx.select({ h: bankStatementLines.lineHash }).from(bankStatementLines).where(inArray(bankStatementLines.lineHash, hashes.slice(i, i + CHUNK)));
        for (const row of rows) seen.add(row.h);
      }
      const fresh = parsed.lines.filter((_, i) => !seen.has(hashes[i]));
      const freshHashes = hashes.filter((h) => !seen.has(h));
      const matches = await matchLines(tx, fresh);
      const [statement] = await tx
        .insert(bankStatements)
        .values({ fileHash, fileName: fileName.slice(0, 200), format: parsed.format, lineCount: fresh.length, importedBy: actor.user.id })
        .returning({ id: bankStatements.id });
      for (let i = 0; i < fresh.length; i += CHUNK) {
        await tx.insert(bankStatementLines).values(
          fresh.slice(i, i + CHUNK).map((line, j) => ({
            statementId: statement.id,
            position: line.position,
            lineHash: freshHashes[i + j],
            valueDate: line.valueDate,
            reference: line.reference,
            direction: line.direction,
            amount: line.amount,
            description: line.description,
            outcome: matches[i + j].outcome,
            disbursementId: matches[i + j].disbursementId,
          })),
        );
      }
      return { id: statement.id, repeat: false, added: fresh.length, skipped: parsed.lines.length - fresh.length };
    },
    {
      // Two finance staff uploading the same file at once: the second is told it is already in.
      constraints: {
        bank_statements_file_hash_unique: { ok: false, status: 409, errors: { file: "statements.errors.alreadyImported" } },
        bank_statement_lines_line_hash_unique: { ok: false, status: 409, errors: { file: "statements.errors.alreadyImported" } },
      },
    },
  );
}

export type ConfirmResult = CommandResult<{ paid: number; refused: number }>;

/**
 * Records every proposed match as paid, with the line's bank reference and value date, through
 * the disbursement's own command (the machine's transition, the audit log and the group's
 * notice, as when finance records one transfer by hand). Each payment is its own transaction;
 * one refused (paid meanwhile with another reference, cancelled) is marked and the rest go on.
 * Pressing twice pays nothing twice.
 */
export async function confirmStatement(id: string, actor: Actor): Promise<ConfirmResult> {
  if (!hasPermission(actor.user.roles, "pay:disbursement")) return { ok: false, status: 403, errors: { "": "disbursements.errors.notAllowed" } };
  if (!isUuid(id)) return { ok: false, status: 404, errors: { "": "statements.errors.notFound" } };
  const [statement] = await db.select({ id: bankStatements.id }).from(bankStatements).where(eq(bankStatements.id, id));
  if (!statement) return { ok: false, status: 404, errors: { "": "statements.errors.notFound" } };
  const proposed = await db
    .select({ id: bankStatementLines.id, disbursementId: bankStatementLines.disbursementId, reference: bankStatementLines.reference, valueDate: bankStatementLines.valueDate })
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.statementId, id), eq(bankStatementLines.outcome, "match"), isNull(bankStatementLines.confirmedAt)))
    .orderBy(asc(bankStatementLines.position));
  let paid = 0;
  let refused = 0;
  for (const line of proposed) {
    const result = await recordBankPayment(line.disbursementId!, { bankReference: line.reference, paidOn: line.valueDate }, actor);
    if (result.ok) paid++;
    else refused++;
    await db
      .update(bankStatementLines)
      .set(result.ok ? { confirmedAt: new Date() } : { outcome: "not_payable" })
      .where(eq(bankStatementLines.id, line.id));
  }
  await db.update(bankStatements).set({ confirmedBy: actor.user.id, confirmedAt: new Date() }).where(and(eq(bankStatements.id, id), isNull(bankStatements.confirmedAt)));
  return { ok: true, paid, refused };
}

export interface StatementSummary {
  id: string;
  fileName: string;
  format: StatementFormat;
  lineCount: number;
  importedAt: Date;
  confirmedAt: Date | null;
}

export async function listStatements(): Promise<StatementSummary[]> {
  const rows = await db
    .select({
      id: bankStatements.id,
      fileName: bankStatements.fileName,
      format: bankStatements.format,
      lineCount: bankStatements.lineCount,
      importedAt: bankStatements.importedAt,
      confirmedAt: bankStatements.confirmedAt,
    })
    .from(bankStatements)
    .orderBy(desc(bankStatements.importedAt))
    .limit(50);
  return rows.map((r) => ({ ...r, format: r.format as StatementFormat }));
}


export async function statementView(id: string) {
  if (!isUuid(id)) return null;
  const [statement] = await db.select().from(bankStatements).where(eq(bankStatements.id, id));
  if (!statement) return null;
  const counts = await db
    .select({ outcome: bankStatementLines.outcome, confirmed: sql<boolean>`${bankStatementLines.confirmedAt} is not null`, n: count() })
    .from(bankStatementLines)
    .where(eq(bankStatementLines.statementId, id))
    .groupBy(bankStatementLines.outcome, sql`${bankStatementLines.confirmedAt} is not null`);
  const lines = (matched: boolean) =>
    db
      .select({
        position: bankStatementLines.position,
        valueDate: bankStatementLines.valueDate,
        reference: bankStatementLines.reference,
        direction: bankStatementLines.direction,
        amount: bankStatementLines.amount,
        description: bankStatementLines.description,
        outcome: bankStatementLines.outcome,
        disbursementId: bankStatementLines.disbursementId,
        confirmedAt: bankStatementLines.confirmedAt,
      })
      .from(bankStatementLines)
      .where(and(eq(bankStatementLines.statementId, id), matched ? eq(bankStatementLines.outcome, "match") : sql`${bankStatementLines.outcome} <> 'match'`))
      .orderBy(asc(bankStatementLines.position))
      .limit(SHOWN_LINES);
  const [matches, others] = await Promise.all([lines(true), lines(false)]);
  const tally = (pick: (c: (typeof counts)[number]) => boolean) => counts.filter(pick).reduce((sum, c) => sum + Number(c.n), 0);
  return {
    statement: { ...statement, format: statement.format as StatementFormat },
    matches,
    others: others.map((l) => ({ ...l, outcome: l.outcome as Outcome })),
    waiting: tally((c) => c.outcome === "match" && !c.confirmed),
    confirmed: tally((c) => c.outcome === "match" && c.confirmed),
    unmatched: tally((c) => c.outcome !== "match"),
  };
}

