import { groupFacilitators, groupMembers, groups } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { appendConsent } from "../../modules/consents/ledger.server";
import type { ConsentPurpose } from "../../modules/consents/purposes";

// Groups with their members and facilitators, as the group pages leave them.

export interface MemberSpec {
  name?: string;
  gender: "female" | "male" | "other";
  ethnicityCode?: string | null;
  role?: string;
  /** The purposes she has consented to in the consent ledger (default: her application and monitoring). */
  consents?: ConsentPurpose[];
}

/** Three women (one the leader) and one man: a group that passes the women-majority check. */
export const defaultMembers: MemberSpec[] = [
  { gender: "female", role: "leader" },
  { gender: "female", role: "member" },
  { gender: "female", role: "treasurer" },
  { gender: "male", role: "member" },
];

export async function makeGroup(
  options: {
    /** Who recorded the group and its members' consent (needed when there are members). */
    recordedBy?: string;
    ownerId?: string | null;
    facilitatorIds?: string[];
    members?: MemberSpec[];
    /** A stand-in for a sealed account number (never opened by the code under test). */
    bankAccountLast4?: string;
  } & Partial<Omit<typeof groups.$inferInsert, "ownerId">> = {},
) {
  const { recordedBy, ownerId, facilitatorIds = [], members = [], bankAccountLast4, ...values } = options;
  const [group] = await db
    .insert(groups)
    .values(
      groupValues({
        bankAccountEnc: bankAccountLast4 ? "test-ciphertext" : null,
        bankAccountLast4: bankAccountLast4 ?? null,
        ownerId: ownerId ?? null,
        createdBy: recordedBy ?? null,
        ...values,
      }),
    )
    .returning();
  if (members.length > 0) {
    if (!recordedBy) throw new Error("makeGroup: members need recordedBy (who recorded their consent)");
    await makeMembers(group.id, recordedBy, members);
  }
  for (const userId of facilitatorIds) await makeFacilitator(group.id, userId);
  return group;
}

type GroupValues = Partial<typeof groups.$inferInsert>;

function groupValues(values: GroupValues): typeof groups.$inferInsert {
  return {
    name: "Nhóm phụ nữ trồng sâm Tả Van",
    kind: "informal",
    provinceSlug: "lao-cai",
    commune: "Tả Van",
    village: "Lồ Lao Chải",
    yearFormed: 2019,
    leaderName: "Lò Thị Hoa",
    phone: "+84912345678",
    // A key given as undefined keeps its default (a test passes its options straight through).
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
  };
}

/** Many groups in one insert (lists and paging), each with makeGroup's defaults under its own values. */
export async function makeGroups(rows: GroupValues[]) {
  return db.insert(groups).values(rows.map(groupValues)).returning();
}

/** Members on a group's roster, their consent recorded by `recordedBy`, in the order given. */
export async function makeMembers(
  groupId: string,
  recordedBy: string,
  members: (MemberSpec & Partial<Omit<typeof groupMembers.$inferInsert, "groupId" | "consentRecordedBy">>)[],
) {
  const rows = await db
    .insert(groupMembers)
    .values(
      members.map(({ name, role, ethnicityCode, consents: _consents, ...rest }, i) => ({
        groupId,
        name: name ?? `Thành viên ${i + 1}`,
        ethnicityCode: ethnicityCode ?? null,
        birthYear: 1985,
        role: role ?? "member",
        consentGivenOn: "2026-01-15",
        consentMethod: "signed" as const,
        consentRecordedBy: recordedBy,
        ...rest,
      })),
    )
    .returning();
  for (const [i, row] of rows.entries()) {
    for (const purpose of members[i].consents ?? ["application", "monitoring"]) {
      await appendConsent(db, { subjectKind: "member", subjectId: row.id, groupId, purpose, given: true, way: "signed", saidOn: row.consentGivenOn, recordedBy });
    }
  }
  return rows;
}

/** A facilitator attached to a group, as the admin's group page leaves her. */
export async function makeFacilitator(groupId: string, userId: string) {
  await db.insert(groupFacilitators).values({ groupId, userId });
}
