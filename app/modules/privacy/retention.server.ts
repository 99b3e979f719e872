import { and, asc, desc, lt, ne, sql, type SQL } from "drizzle-orm";
import { dataCorrections, retentionRules, retentionRuns } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { refuseAll, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";
import { clearBankAccountIn, deleteFiles, ERASED, eraseGroupIn } from "./erasure.server";
import { retentionKinds, type RetentionInput, type RetentionKind } from "./register.schema";

// Retention (issue 15, item 5): personal data is kept only as long as its purpose needs it. An
// admin sets a period per kind of data; the job runner applies the schedule once a day through
// the erasure code, so amounts, counts and the audit trail stay and the money stays true. Each
// application of each rule is a row of retention_runs (when, which rule, how many records) and an
// audit row; neither names anyone.

/** The periods in force, in the schedule's order, with each rule's last run. */
export async function retentionSchedule(tx: DbOrTx = db) {
  const rules = await tx.select().from(retentionRules);
  const runs = await tx.select().from(retentionRuns).orderBy(desc(retentionRuns.at), desc(retentionRuns.id)).limit(30);
  return {
    rules: retentionKinds.map((kind) => {
      const rule = rules.find((r) => r.kind === kind);
      return { kind, months: rule?.months ?? null, updatedAt: rule?.updatedAt ?? null, lastRun: runs.find((r) => r.kind === kind) ?? null };
    }),
    runs,
  };
}

/** An admin sets the schedule; the audit row says which periods changed, from what to what. */
export async function saveRetention(actor: Actor, input: RetentionInput): Promise<CommandResult<{ changed: RetentionKind[] }>> {
  return run(async (tx) => {
    if (!actor.user.roles.includes("admin")) refuseAll(403, "privacy.errors.adminOnly");
    const current = new Map((await tx.select().from(retentionRules).for("update")).map((r) => [r.kind, r.months]));
    const changed = retentionKinds.filter((kind) => current.get(kind) !== input[kind]);
    if (changed.length === 0) refuseAll(400, "privacy.retention.nothingChanged");
    for (const kind of changed) {
      await tx
        .insert(retentionRules)
        .values({ kind, months: input[kind]!, updatedBy: actor.user.id })
        .onConflictDoUpdate({ target: retentionRules.kind, set: { months: input[kind]!, updatedBy: actor.user.id, updatedAt: new Date() } });
    }
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "privacy.retention_changed",
      entityType: "retention_rules",
      ip: actor.ip,
      data: Object.fromEntries(changed.map((kind) => [kind, { from: current.get(kind) ?? null, to: input[kind] }])),
    });
    return { changed };
  });
}

/** The ids a query selects, from either driver (postgres-js gives an array, PGlite `{ rows }`). */
async function idsOf(tx: DbOrTx, query: SQL): Promise<string[]> {
  const result = (await tx.execute(query)) as unknown as { id: string }[] | { rows: { id: string }[] };
  return (Array.isArray(result) ? result : result.rows).map((r) => r.id);
}

/** `months` calendar months before `now`, as PostgreSQL counts them (31 March less one month is 28/29 February). */
const cutoff = (now: Date, months: number) => sql`(${now.toISOString()}::timestamptz - make_interval(months => ${months}))`;

/**
 * Groups whose bank account is still kept though every grant of theirs has ended (completed,
 * terminated or cancelled) more than `months` ago, and no payment is still under way. The end is
 * when the grant's machine last moved it to one of those states (the audit log's transition row).
 */
async function bankAccountsDue(tx: DbOrTx, now: Date, months: number): Promise<string[]> {
  return idsOf(tx, sql`
    select g.id from groups g
    where (g.bank_account_enc is not null or g.bank_account_holder is not null)
      and exists (select 1 from grants gr where gr.group_id = g.id)
      and not exists (select 1 from grants gr where gr.group_id = g.id and gr.status not in ('completed', 'terminated', 'cancelled'))
      and not exists (
        select 1 from disbursements d join grants gr on gr.id = d.grant_id
        where gr.group_id = g.id and d.status in ('prepared', 'approved', 'processing'))
      and (select max(a.at) from audit_log a
           where a.entity_type = 'grant' and a.action in ('grant.completed', 'grant.terminated', 'grant.cancelled')
             and a.entity_id in (select gr.id::text from grants gr where gr.group_id = g.id))
          < ${cutoff(now, months)}
    order by g.id`);
}

/**
 * Groups never funded: no grant, at least one application, every application refused (rejected,
 * ineligible) or withdrawn, the last of them more than `months` ago, not yet erased.
 */
async function unfundedGroupsDue(tx: DbOrTx, now: Date, months: number): Promise<string[]> {
  return idsOf(tx, sql`
    select g.id from groups g
    where not exists (select 1 from grants gr where gr.group_id = g.id)
      and exists (select 1 from applications a where a.group_id = g.id)
      and not exists (select 1 from applications a where a.group_id = g.id and a.status not in ('rejected', 'ineligible', 'withdrawn'))
      and not exists (select 1 from erasures e where e.scope = 'group' and e.subject_id = g.id)
      and greatest(
            (select max(a.updated_at) from applications a where a.group_id = g.id),
            (select max(l.at) from audit_log l
             where l.entity_type = 'application' and l.entity_id in (select a.id::text from applications a where a.group_id = g.id)))
          < ${cutoff(now, months)}
    order by g.id`);
}

async function logRun(tx: DbOrTx, kind: RetentionKind, months: number, affected: number, at: Date) {
  await tx.insert(retentionRuns).values({ kind, months, affected, at });
  await writeAudit(tx, { actorId: null, action: "privacy.retention_applied", entityType: "retention_rules", entityId: kind, ip: null, data: { kind, months, affected } });
}

/**
 * Applies every rule of the schedule once (the job runner calls this daily; an admin may too).
 * Each rule runs in its own transaction, so one failing leaves the others applied and logged.
 */
export async function applyRetention(now = new Date()): Promise<{ kind: RetentionKind; affected: number }[]> {
  const rules = await db.select().from(retentionRules).orderBy(asc(retentionRules.kind));
  const done: { kind: RetentionKind; affected: number }[] = [];
  for (const rule of rules) {
    let keys: string[] = [];
    const affected = await db.transaction(async (tx) => {
      let count = 0;
      if (rule.kind === "bank_account") {
        for (const groupId of await bankAccountsDue(tx, now, rule.months)) if (await clearBankAccountIn(tx, groupId, rule.kind)) count++;
      } else if (rule.kind === "unfunded_group") {
        for (const groupId of await unfundedGroupsDue(tx, now, rule.months)) {
          const erased = await eraseGroupIn(tx, groupId, { actorId: null, ip: null, retention: rule.kind });
          if (erased.ok) {
            keys = [...keys, ...erased.keys];
            count++;
          }
        }
      } else {
        const cleared = await tx
          .update(dataCorrections)
          .set({ reason: ERASED })
          .where(and(ne(dataCorrections.reason, ERASED), lt(dataCorrections.correctedAt, sql`${cutoff(now, rule.months)}`)))
          .returning({ id: dataCorrections.id });
        count = cleared.length;
      }
      await logRun(tx, rule.kind, rule.months, count, now);
      return count;
    });
    // The rows are gone with the transaction; the bytes follow, as for an admin's erasure.
    await deleteFiles(keys);
    done.push({ kind: rule.kind, affected });
  }
  return done;
}
