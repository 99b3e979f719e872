import { and, eq, gt, isNotNull, like, not, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { decrypt, encrypt, keyId, sealedAt, type Keyring } from "../app/infra/crypto.server";
import { db } from "../app/infra/db.server";
import { getEnv } from "../app/infra/env.server";
import { groups, outbox } from "./schema";

// Key rotation (`npm run rotate-key`, db/rotate-key.ts): every sealed value is opened with
// whichever accepted key sealed it and sealed again with the current key, bound to its row (AAD).
// Values written before places were bound (format v1) are rewritten bound too.

/** Every column that holds sealed values: its table, the column, and the row's id. */
const sealedColumns: { name: string; table: PgTable; id: AnyPgColumn; column: AnyPgColumn; field: string; place: (id: string) => string }[] = [
  {
    name: "groups.bank_account_enc",
    table: groups,
    id: groups.id,
    column: groups.bankAccountEnc,
    field: "bankAccountEnc",
    place: (id) => sealedAt("groups", "bank_account_enc", id),
  },
  {
    name: "outbox.secret_enc",
    table: outbox,
    id: outbox.id,
    column: outbox.secretEnc,
    field: "secretEnc",
    place: (id) => sealedAt("outbox", "secret_enc", id),
  },
];

const BATCH = 500;

export interface RotationReport {
  /** Values re-sealed, per column. */
  resealed: Record<string, number>;
  /** Rows whose value no accepted key opens at its place (tampered, copied from another row, or
   * sealed by a key no longer given): left as they are, for a person to look at. */
  unreadable: string[];
}

/**
 * Re-seals every value not yet sealed by the current key, in batches of rows locked for the
 * batch's transaction, so a server saving a group's account at the same moment waits for its row
 * (and a value it writes meanwhile is already sealed by the current key, which it also uses).
 */
export async function rotateSealedValues(keys: Keyring = { current: getEnv().encryptionKey, old: getEnv().oldEncryptionKeys }): Promise<RotationReport> {
  const current = `v2:${keyId(keys.current)}:%`;
  const report: RotationReport = { resealed: {}, unreadable: [] };
  for (const target of sealedColumns) {
    report.resealed[target.name] = 0;
    // Keyset pages by id, so a row left unreadable is passed once and not read again.
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const page = await db.transaction(async (tx) => {
        const rows = (await tx
          .select({ id: target.id, sealed: target.column })
          .from(target.table)
          .where(and(gt(target.id, after), isNotNull(target.column), not(like(target.column, current))))
          .orderBy(target.id)
          .limit(BATCH)
          .for("update")) as { id: string; sealed: string }[];
        let resealed = 0;
        for (const row of rows) {
          const place = target.place(row.id);
          let plain: string;
          try {
            plain = decrypt(row.sealed, place, keys);
          } catch {
            report.unreadable.push(`${target.name} ${row.id}`);
            continue;
          }
          await tx
            .update(target.table)
            .set({ [target.field]: encrypt(plain, place, keys) })
            .where(eq(target.id, row.id));
          resealed++;
        }
        return { resealed, last: rows.at(-1)?.id, full: rows.length === BATCH };
      });
      report.resealed[target.name] += page.resealed;
      if (!page.full || !page.last) break;
      after = page.last;
    }
  }
  return report;
}

/** How many values are still sealed by another key, or in the unbound format: 0 after rotation. */
export async function countNotCurrent(keys: Keyring = { current: getEnv().encryptionKey, old: [] }): Promise<number> {
  const current = `v2:${keyId(keys.current)}:%`;
  let total = 0;
  for (const target of sealedColumns) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(target.table)
      .where(and(isNotNull(target.column), not(like(target.column, current))));
    total += row.n;
  }
  return total;
}
