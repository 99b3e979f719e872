import { and, asc, eq } from "drizzle-orm";
import { groupMembers, groups } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { deleteFile, putFile } from "../../infra/storage.server";
import type { Actor, User } from "../../kernel/actor";
import { refuse, run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { cleanUpload, tooManyUploads } from "../applications/attachments.server";
import { writeAudit } from "../audit/audit.server";
import { requireGroupActor } from "../groups/access.server";
import { appendConsent, consentStates } from "../consents/ledger.server";
import { consentPurposes, type ConsentInput } from "./privacy.schema";

// Facilitators (and the group's leader) record the members' consents in the field, purpose by
// purpose. The audit row says which purpose and which answer, never the member's or witness's name.

/** The largest scan of a signed paper: a phone photo or a one-page PDF. */
export const MAX_SCAN_BYTES = 8 * 1024 * 1024;

const scanMimes = new Set(["image/jpeg", "image/png", "image/webp", "application/pdf"]);

/** The group's roster with each member's consent in force per purpose, for the consent page. */
export async function loadConsentPage(user: User, groupId: string) {
  const { relation } = await requireGroupActor(user, groupId);
  const [group] = await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, groupId));
  const members = await db
    .select({ id: groupMembers.id, name: groupMembers.name })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(groupMembers.createdAt), asc(groupMembers.id));
  const states = await consentStates(
    db,
    "member",
    members.map((m) => m.id),
  );
  return {
    group,
    relation,
    members: members.map((m) => ({
      ...m,
      consents: consentPurposes.map((purpose) => {
        const state = states.get(m.id)?.[purpose];
        return { purpose, given: state?.given ?? null, saidOn: state?.saidOn ?? null };
      }),
    })),
  };
}

/**
 * Appends one member's consent or withdrawal. A signed paper needs its scan; a withdrawal of a
 * consent already withdrawn (or never given) is refused, so a double tap writes nothing twice.
 */
export async function recordMemberConsent(
  actor: Actor,
  groupId: string,
  input: ConsentInput,
  scan: File | null,
): Promise<CommandResult<{ recorded: true }>> {
  if (input.way === "signed" && input.answer === "given" && (!scan || scan.size === 0)) {
    return { ok: false, status: 400, errors: { scan: "privacy.errors.scanRequired" } };
  }
  if (scan && scan.size > MAX_SCAN_BYTES) return { ok: false, status: 400, errors: { scan: "errors.fileTooLarge" } };
  let scanKey: string | null = null;
  if (scan && scan.size > 0) {
    const cleaned = await cleanUpload(new Uint8Array(await scan.arrayBuffer()), actor.user.id);
    if (!cleaned.ok && cleaned.tooMany) return tooManyUploads("scan");
    if (!cleaned.ok || !scanMimes.has(cleaned.mime)) return { ok: false, status: 400, errors: { scan: "privacy.errors.scanType" } };
    scanKey = await putFile(cleaned.bytes, cleaned.extension);
  }
  try {
    const result = await run(async (tx) => {
      const { onBehalfOf } = await requireGroupActor(actor.user, groupId, tx);
      // The member's row is locked, so that two taps on "withdraw" are judged one after the other.
      const [member] = await tx
        .select({ id: groupMembers.id })
        .from(groupMembers)
        .where(and(eq(groupMembers.id, input.memberId), eq(groupMembers.groupId, groupId)))
        .for("update");
      if (!member) refuse(400, { memberId: "privacy.errors.unknownMember" });
      const current = (await consentStates(tx, "member", [member.id], [input.purpose])).get(member.id)?.[input.purpose];
      const given = input.answer === "given";
      if (!given && !current?.given) refuse(409, { "": "privacy.errors.alreadyWithdrawn" });
      await appendConsent(tx, {
        subjectKind: "member",
        subjectId: member.id,
        groupId,
        purpose: input.purpose,
        given,
        way: input.way,
        witness: input.way === "oral_witnessed" ? input.witness : null,
        scanKey,
        saidOn: input.saidOn!,
        recordedBy: actor.user.id,
        onBehalfOf: onBehalfOf ?? actor.onBehalfOf ?? null,
      });
      await writeAudit(tx, {
        actorId: actor.user.id,
        onBehalfOf,
        action: given ? "consent.given" : "consent.withdrawn",
        entityType: "group_member",
        entityId: member.id,
        ip: actor.ip,
        data: { groupId, purpose: input.purpose, way: input.way, scan: scanKey !== null },
      });
      return { recorded: true as const };
    });
    if (!result.ok && scanKey) await deleteFile(scanKey);
    return result;
  } catch (error) {
    if (scanKey) await deleteFile(scanKey);
    throw error;
  }
}
