import { groupFacilitators, groupMembers, groups } from "../../../db/schema";
import { db } from "../../infra/db.server";

// Groups with their members and facilitators, as the group pages leave them.

export interface MemberSpec {
  name?: string;
  gender: "female" | "male" | "other";
  ethnicityCode?: string | null;
  role?: string;
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
    .values({
      name: "Nhóm phụ nữ trồng sâm Tả Van",
      kind: "informal",
      provinceSlug: "lao-cai",
      commune: "Tả Van",
      village: "Lồ Lao Chải",
      yearFormed: 2019,
      leaderName: "Lò Thị Hoa",
      phone: "+84912345678",
      bankAccountEnc: bankAccountLast4 ? "test-ciphertext" : null,
      bankAccountLast4: bankAccountLast4 ?? null,
      ownerId: ownerId ?? null,
      createdBy: recordedBy ?? null,
      // A key given as undefined keeps its default (a test passes its options straight through).
      ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
    })
    .returning();
  if (members.length > 0) {
    if (!recordedBy) throw new Error("makeGroup: members need recordedBy (who recorded their consent)");
    await db.insert(groupMembers).values(
      members.map((m, i) => ({
        groupId: group.id,
        name: m.name ?? `Thành viên ${i + 1}`,
        gender: m.gender,
        ethnicityCode: m.ethnicityCode ?? null,
        birthYear: 1985,
        role: m.role ?? "member",
        consentGivenOn: "2026-01-15",
        consentMethod: "signed" as const,
        consentRecordedBy: recordedBy,
      })),
    );
  }
  for (const userId of facilitatorIds) await db.insert(groupFacilitators).values({ groupId: group.id, userId });
  return group;
}
