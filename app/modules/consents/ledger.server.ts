import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { consentEvents, dataRestrictions } from "../../../db/schema";
import type { DbOrTx } from "../../infra/db.server";
import type { ConsentPurpose, ConsentWay } from "./purposes";

// The consent ledger's reads and its one write. Other modules ask it (notices, outcomes, impact)
// and never read the table themselves. It imports no other module, so any may import it.

export type ConsentSubject = "member" | "leader" | "user";

export interface ConsentEvent {
  subjectKind: ConsentSubject;
  subjectId: string;
  groupId?: string | null;
  purpose: ConsentPurpose;
  given: boolean;
  way: ConsentWay;
  witness?: string | null;
  scanKey?: string | null;
  saidOn: string;
  recordedBy: string | null;
  onBehalfOf?: string | null;
}

export interface ConsentState {
  given: boolean;
  way: ConsentWay;
  saidOn: string;
  at: Date;
}

export async function appendConsent(tx: DbOrTx, event: ConsentEvent): Promise<void> {
  await tx.insert(consentEvents).values(event);
}

/**
 * The consent in force for each subject and purpose: the latest event (by insertion order). A
 * subject with no event for a purpose has not consented (silence is not consent).
 */
export async function consentStates(
  tx: DbOrTx,
  subjectKind: ConsentSubject,
  subjectIds: readonly string[],
  purposes?: readonly ConsentPurpose[],
): Promise<Map<string, Partial<Record<ConsentPurpose, ConsentState>>>> {
  const states = new Map<string, Partial<Record<ConsentPurpose, ConsentState>>>();
  if (subjectIds.length === 0) return states;
  const rows = await tx
    .selectDistinctOn([consentEvents.subjectId, consentEvents.purpose], {
      subjectId: consentEvents.subjectId,
      purpose: consentEvents.purpose,
      given: consentEvents.given,
      way: consentEvents.way,
      saidOn: consentEvents.saidOn,
      at: consentEvents.at,
    })
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.subjectKind, subjectKind),
        inArray(consentEvents.subjectId, [...new Set(subjectIds)]),
        purposes ? inArray(consentEvents.purpose, [...purposes]) : sql`true`,
      ),
    )
    .orderBy(consentEvents.subjectId, consentEvents.purpose, desc(consentEvents.seq));
  for (const row of rows) {
    const own = states.get(row.subjectId) ?? {};
    own[row.purpose] = { given: row.given, way: row.way, saidOn: row.saidOn, at: row.at };
    states.set(row.subjectId, own);
  }
  return states;
}

/** The subjects among `subjectIds` whose consent to `purpose` is in force and whose data is not restricted. */
export async function consenting(
  tx: DbOrTx,
  subjectKind: ConsentSubject,
  subjectIds: readonly string[],
  purpose: ConsentPurpose,
): Promise<Set<string>> {
  const states = await consentStates(tx, subjectKind, subjectIds, [purpose]);
  const given = [...states].filter(([, s]) => s[purpose]?.given).map(([id]) => id);
  const held = await restricted(tx, subjectKind, given);
  return new Set(given.filter((id) => !held.has(id)));
}

/** The subjects whose data is restricted now: kept, but used for no purpose. */
export async function restricted(tx: DbOrTx, subjectKind: ConsentSubject, subjectIds: readonly string[]): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: dataRestrictions.subjectId })
    .from(dataRestrictions)
    .where(and(eq(dataRestrictions.subjectKind, subjectKind), inArray(dataRestrictions.subjectId, [...new Set(subjectIds)]), isNull(dataRestrictions.liftedAt)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Marks a person's data as kept but not used (every purpose then answers "no consent"), or lifts
 * the mark. False when there is nothing to change (already restricted, or not restricted).
 */
export async function setRestriction(
  tx: DbOrTx,
  subject: { subjectKind: ConsentSubject; subjectId: string; groupId: string | null },
  restrict: boolean,
  by: string,
): Promise<boolean> {
  const open = and(eq(dataRestrictions.subjectKind, subject.subjectKind), eq(dataRestrictions.subjectId, subject.subjectId), isNull(dataRestrictions.liftedAt));
  const [current] = await tx.select({ id: dataRestrictions.id }).from(dataRestrictions).where(open);
  if (restrict === Boolean(current)) return false;
  if (restrict) await tx.insert(dataRestrictions).values({ ...subject, restrictedBy: by });
  else await tx.update(dataRestrictions).set({ liftedAt: new Date(), liftedBy: by }).where(eq(dataRestrictions.id, current!.id));
  return true;
}
