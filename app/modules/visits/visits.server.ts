import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { followUps, groupFacilitators, siteVisitPhotos, siteVisits, userRoles, users } from "../../../db/schema";
import { formatDate } from "../../i18n/format";
import { db, type DbOrTx } from "../../infra/db.server";
import { peopleOrder } from "../../infra/people-order.server";
import { deleteFile, putFile, readFile } from "../../infra/storage.server";
import type { Actor, User } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import { isUuid } from "../../kernel/ids";
import { partiesOf } from "../../kernel/machine";
import type { CommandResult } from "../../kernel/result";
import { applyTransition } from "../../kernel/transition.server";
import { cleanUpload, tooManyUploads } from "../applications/attachments.server";
import { writeAudit } from "../audit/audit.server";
import { requireGrantReader } from "../grants/agreement.server";
import { loadGrant } from "../grants/grant-reads.server";
import { tell } from "../notifications/notifications.server";
import { oneUser } from "../users/audiences.server";
import { followUpMachine } from "./follow-up-machine";
import { MAX_VISIT_PHOTOS, type AddFollowUpInput, type RecordVisitInput } from "./visits.schema";

// Site visits (issue 14, item 7): staff and the group's facilitators record what they found on
// the ground, with photos and follow-up actions that each have an owner and a due date. The
// group's own people do not read them: a visit may record a worry about the group.

const notFound = () => new Response("Not found", { status: 404 });

/** The grant, for staff and its group's facilitators; 404 for anyone else (the group's leader included). */
export async function requireVisitReader(user: User, grantId: string) {
  const grant = isUuid(grantId) ? await loadGrant(grantId) : null;
  if (!grant) throw notFound();
  const reader = await requireGrantReader(user, grant);
  if (reader === "owner") throw notFound();
  return { grant, reader };
}

/** Who may own a follow-up: programme staff and the group's own facilitators, enabled, in Vietnamese order. */
export async function followUpOwners(groupId: string, tx: DbOrTx = db) {
  const staff = tx.select({ userId: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, ["admin", "finance"]));
  const facilitators = tx.select({ userId: groupFacilitators.userId }).from(groupFacilitators).where(eq(groupFacilitators.groupId, groupId));
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(isNull(users.disabledAt), or(inArray(users.id, staff), inArray(users.id, facilitators))))
    .orderBy(...peopleOrder(users.name));
}

/** The grant's visits, newest first, each with its photos and follow-ups. */
export async function listVisits(grantId: string) {
  const visits = await db
    .select({
      id: siteVisits.id,
      visitedOn: siteVisits.visitedOn,
      visitors: siteVisits.visitors,
      findings: siteVisits.findings,
      recordedBy: users.name,
    })
    .from(siteVisits)
    .innerJoin(users, eq(users.id, siteVisits.recordedBy))
    .where(eq(siteVisits.grantId, grantId))
    .orderBy(desc(siteVisits.visitedOn), desc(siteVisits.recordedAt));
  if (visits.length === 0) return [];
  const ids = visits.map((v) => v.id);
  const photos = await db
    .select({ id: siteVisitPhotos.id, visitId: siteVisitPhotos.visitId })
    .from(siteVisitPhotos)
    .where(inArray(siteVisitPhotos.visitId, ids))
    .orderBy(asc(siteVisitPhotos.id));
  const actions = await db
    .select({
      id: followUps.id,
      visitId: followUps.visitId,
      action: followUps.action,
      dueOn: followUps.dueOn,
      ownerId: followUps.ownerId,
      owner: users.name,
      status: followUps.status,
    })
    .from(followUps)
    .innerJoin(users, eq(users.id, followUps.ownerId))
    .where(inArray(followUps.visitId, ids))
    .orderBy(asc(followUps.dueOn));
  return visits.map((visit) => ({
    ...visit,
    photos: photos.filter((p) => p.visitId === visit.id).map((p) => p.id),
    followUps: actions.filter((a) => a.visitId === visit.id),
  }));
}

type Owner = { id: string; name: string };

async function requireOwner(tx: DbOrTx, groupId: string, ownerId: string): Promise<Owner> {
  const owner = (await followUpOwners(groupId, tx)).find((o) => o.id === ownerId);
  return owner ?? refuse(400, { ownerId: "visits.errors.chooseOwner" });
}

/** Writes a follow-up, its audit row, and tells its owner (unless she wrote it herself). */
async function addFollowUpRow(tx: DbOrTx, actor: Actor, grant: { id: string; groupName: string }, visitId: string, input: { action: string; dueOn: string; ownerId: string }) {
  const [row] = await tx
    .insert(followUps)
    .values({ visitId, grantId: grant.id, action: input.action, dueOn: input.dueOn, ownerId: input.ownerId })
    .returning({ id: followUps.id });
  await writeAudit(tx, {
    actorId: actor.user.id,
    action: "follow_up.open",
    entityType: "follow_up",
    entityId: row.id,
    ip: actor.ip,
    data: { to: "open", grantId: grant.id, visitId, dueOn: input.dueOn, ownerId: input.ownerId },
  });
  if (input.ownerId !== actor.user.id) {
    await tell(tx, {
      to: oneUser(input.ownerId),
      inApp: { messageKey: "visits.notice.followUp", params: { group: grant.groupName, due: formatDate(input.dueOn) }, link: `/grants/${grant.id}/visits` },
    });
  }
  return row.id;
}

type Grant = { id: string; groupId: string; groupName: string };

/**
 * Records a visit with its photos and, when typed, its first follow-up. The photos are judged
 * and stored before the transaction and removed again when nothing is recorded.
 */
export async function recordVisit(actor: Actor, grant: Grant, input: RecordVisitInput, files: readonly File[]): Promise<CommandResult<{ id: string }>> {
  const photos = files.filter((f) => f.size > 0);
  if (photos.length > MAX_VISIT_PHOTOS) return { ok: false, status: 400, errors: { photo: `visits.errors.tooManyPhotos?max=${MAX_VISIT_PHOTOS}` } };
  if (input.dueOn !== null && input.dueOn < input.visitedOn) return { ok: false, status: 400, errors: { dueOn: "visits.errors.dueBeforeVisit" } };
  const stored: { key: string; mime: string; size: number }[] = [];
  let kept = false;
  try {
    for (const photo of photos) {
      const cleaned = await cleanUpload(new Uint8Array(await photo.arrayBuffer()), actor.user.id);
      if (!cleaned.ok) return cleaned.tooMany ? tooManyUploads("photo") : { ok: false, status: 400, errors: { photo: "visits.errors.photoType" } };
      if (!cleaned.mime.startsWith("image/")) return { ok: false, status: 400, errors: { photo: "visits.errors.photoType" } };
      stored.push({ key: await putFile(cleaned.bytes, cleaned.extension), mime: cleaned.mime, size: cleaned.bytes.byteLength });
    }
    const result = await run(async (tx) => {
      const owner = input.ownerId ? await requireOwner(tx, grant.groupId, input.ownerId) : null;
      const [visit] = await tx
        .insert(siteVisits)
        .values({ grantId: grant.id, visitedOn: input.visitedOn, visitors: input.visitors, findings: input.findings, recordedBy: actor.user.id })
        .returning({ id: siteVisits.id });
      if (stored.length > 0) await tx.insert(siteVisitPhotos).values(stored.map((p) => ({ visitId: visit.id, storageKey: p.key, mime: p.mime, size: p.size })));
      // The audit row says that a visit happened and what it carries, never what was found
      // (findings may name people; the row can be erased, the log cannot).
      await writeAudit(tx, {
        actorId: actor.user.id,
        onBehalfOf: actor.onBehalfOf ?? null,
        action: "site_visit.recorded",
        entityType: "site_visit",
        entityId: visit.id,
        ip: actor.ip,
        data: { grantId: grant.id, visitedOn: input.visitedOn, photos: stored.length },
      });
      if (owner && input.dueOn) await addFollowUpRow(tx, actor, grant, visit.id, { action: input.action, dueOn: input.dueOn, ownerId: owner.id });
      return { id: visit.id };
    });
    kept = result.ok;
    return result;
  } finally {
    if (!kept) for (const p of stored) await deleteFile(p.key);
  }
}

/** One more follow-up on a visit of this grant. */
export async function addFollowUp(actor: Actor, grant: Grant, input: AddFollowUpInput): Promise<CommandResult<{ id: string }>> {
  return run(async (tx) => {
    const [visit] = await tx
      .select({ id: siteVisits.id, visitedOn: siteVisits.visitedOn })
      .from(siteVisits)
      .where(and(eq(siteVisits.id, input.visitId), eq(siteVisits.grantId, grant.id)));
    if (!visit) return refuse(404, { "": "visits.errors.notFound" });
    if (input.dueOn! < visit.visitedOn) return refuse(400, { dueOn: "visits.errors.dueBeforeVisit" });
    const owner = await requireOwner(tx, grant.groupId, input.ownerId);
    return { id: await addFollowUpRow(tx, actor, grant, visit.id, { action: input.action, dueOn: input.dueOn!, ownerId: owner.id }) };
  });
}

/** Marks a follow-up done: its owner, or an admin. */
export async function markFollowUpDone(actor: Actor, grantId: string, followUpId: string): Promise<CommandResult<{ id: string }>> {
  return run(async (tx) => {
    const [row] = await tx
      .select({ ownerId: followUps.ownerId })
      .from(followUps)
      .where(and(eq(followUps.id, followUpId), eq(followUps.grantId, grantId)));
    if (!row) return refuse(404, { "": "visits.errors.notFound" });
    if (row.ownerId !== actor.user.id && !actor.user.roles.includes("admin")) return refuse(403, { "": "visits.errors.notOwner" });
    await applyTransition(tx, followUpMachine, {
      table: followUps,
      id: followUpId,
      to: "done",
      actor,
      as: partiesOf(actor.user),
      set: { doneBy: actor.user.id, doneAt: new Date() },
      notFound: "visits.errors.notFound",
    });
    return { id: followUpId };
  });
}

/** A visit's photo, for whoever may read the grant's visits. */
export async function openVisitPhoto(user: User, grantId: string, photoId: string) {
  await requireVisitReader(user, grantId);
  if (!isUuid(photoId)) return null;
  const [row] = await db
    .select({ storageKey: siteVisitPhotos.storageKey, mime: siteVisitPhotos.mime })
    .from(siteVisitPhotos)
    .innerJoin(siteVisits, eq(siteVisits.id, siteVisitPhotos.visitId))
    .where(and(eq(siteVisitPhotos.id, photoId), eq(siteVisits.grantId, grantId)));
  if (!row) return null;
  return { bytes: await readFile(row.storageKey), mime: row.mime };
}

/** Open follow-ups a person owns, soonest first: her home lists them. */
export async function openFollowUpsOf(userId: string, limit = 20) {
  return db
    .select({ id: followUps.id, grantId: followUps.grantId, action: followUps.action, dueOn: followUps.dueOn })
    .from(followUps)
    .where(and(eq(followUps.ownerId, userId), eq(followUps.status, "open")))
    .orderBy(asc(followUps.dueOn))
    .limit(limit);
}
