import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, dataCorrections, groupMembers } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeGroup } from "../../testing/factories";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";

// Correcting a member's details: with a reason, by staff or the group itself, audited by field
// name only.

let server: TestServer;
let leaderA: Person;
let leaderB: Person;
let admin: Person;
let groupA: string;
let memberA: string;

beforeAll(async () => {
  server = await startServer();
  [leaderA, leaderB, admin] = [await person(server, ["applicant"]), await person(server, ["applicant"]), await person(server, ["admin"])];
  const group = await makeGroup({ recordedBy: leaderA.id, ownerId: leaderA.id, members: [{ gender: "female", name: "Lo Thi Hoa" }] });
  await makeGroup({ recordedBy: leaderB.id, ownerId: leaderB.id });
  groupA = group.id;
  [{ id: memberA }] = await db.select({ id: groupMembers.id }).from(groupMembers).where(eq(groupMembers.groupId, groupA));
});
afterAll(() => server.close());

const url = () => `${server.url}/groups/${groupA}/members/${memberA}/correct`;

describe("correcting a member", () => {
  it("the leader corrects her roster with a reason; the audit names the fields, never the values", async () => {
    const response = await postForm(url(), { name: "Lò Thị Hoa", birthYear: "1985", reason: "Chị Hoa xem lại căn cước" }, { cookie: leaderA.cookie });
    expect(response.status).toBe(302);
    const [member] = await db.select().from(groupMembers).where(eq(groupMembers.id, memberA));
    expect(member.name).toBe("Lò Thị Hoa");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "privacy.member_corrected"), eq(auditLog.entityId, memberA)));
    expect(audit.data).toMatchObject({ changed: ["name"] });
    expect(JSON.stringify(audit)).not.toMatch(/Hoa|căn cước/);
    const [correction] = await db.select().from(dataCorrections).where(eq(dataCorrections.memberId, memberA));
    expect(correction).toMatchObject({ fields: ["name"], reason: "Chị Hoa xem lại căn cước", correctedBy: leaderA.id });
  });

  it("an admin corrects too; a reason is required and nothing changed is refused", async () => {
    const noReason = await postForm(url(), { name: "Lò Thị Hoà", birthYear: "1985", reason: "" }, { cookie: admin.cookie });
    expect(noReason.status).toBe(400);
    const same = await postForm(url(), { name: "Lò Thị Hoa", birthYear: "1985", reason: "Kiểm tra" }, { cookie: admin.cookie });
    expect(same.status).toBe(400);
    const sameText = await same.text();
    expect(sameText.match(/role="alert">[^<]*/g)).toEqual(['role="alert">Không có gì thay đổi: hãy sửa tên hoặc năm sinh.']);
    const fixed = await postForm(url(), { name: "Lò Thị Hoa", birthYear: "1986", reason: "Năm sinh trên căn cước là 1986" }, { cookie: admin.cookie });
    expect(fixed.status).toBe(302);
    expect((await db.select({ n: count() }).from(dataCorrections).where(eq(dataCorrections.memberId, memberA)))[0].n).toBe(2);
  });

  it("another group's leader is refused and nothing is written", async () => {
    const before = (await db.select({ n: count() }).from(dataCorrections))[0].n;
    expect((await get(url(), leaderB.cookie)).status).toBe(404);
    expect((await postForm(url(), { name: "X Y", birthYear: "1990", reason: "thử" }, { cookie: leaderB.cookie })).status).toBe(404);
    expect((await db.select({ n: count() }).from(dataCorrections))[0].n).toBe(before);
    expect((await db.select().from(groupMembers).where(eq(groupMembers.id, memberA)))[0].name).toBe("Lò Thị Hoa");
  });
});
