import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groupAccounts } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeActiveGrant } from "../../testing/factories";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";

// The group's own data: one file, readable and machine-readable, produced for the group's people
// and admins only, and logged.

let server: TestServer;
let leader: Person;
let other: Person;
let grant: Awaited<ReturnType<typeof makeActiveGrant>>;

beforeAll(async () => {
  server = await startServer();
  [leader, other] = [await person(server, ["applicant"]), await person(server, ["applicant"])];
  const recorder = await person(server, ["facilitator"]);
  grant = await makeActiveGrant({ ownerId: leader.id, recorderId: recorder.id, members: 2 });
  await db.insert(groupAccounts).values({ groupId: grant.groupId, userId: leader.id, role: "leader" }).onConflictDoNothing();
});
afterAll(() => server.close());

const url = () => `${server.url}/groups/${grant.groupId}/download`;
const file = () => `${url()}.html`;

describe("the group's download", () => {
  it("the leader gets one HTML file with readable tables and the same data as JSON, and it is logged", async () => {
    expect((await get(url(), leader.cookie)).status).toBe(200);
    const response = await postForm(file(), {}, { cookie: leader.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="gieo-.*\.html"$/);
    const html = await response.text();
    expect(html).toContain("<title>Dữ liệu Gieo đang giữ về nhóm</title>");
    expect(html).toContain("Thành viên 1");
    const json = JSON.parse(html.match(/<script type="application\/json" id="gieo-data">([\s\S]*?)<\/script>/)![1]) as Record<string, Record<string, unknown>[]>;
    expect(json.members.map((m) => m.name)).toEqual(["Thành viên 1", "Thành viên 2"]);
    expect(json.grants[0].id).toBe(grant.grantId);
    expect(json.consents.length).toBeGreaterThanOrEqual(2);
    expect(json.group[0]).not.toHaveProperty("bankAccountEnc");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "privacy.group_exported"), eq(auditLog.entityId, grant.groupId)));
    expect(audit).toMatchObject({ actorId: leader.id });
    expect(audit.data).toMatchObject({ members: 2 });
  });

  it("a download asked for another group is refused and nothing is written", async () => {
    const before = (await db.select({ n: count() }).from(auditLog))[0].n;
    expect((await postForm(file(), {}, { cookie: other.cookie })).status).toBe(404);
    expect((await get(url(), other.cookie)).status).toBe(404);
    expect((await db.select({ n: count() }).from(auditLog))[0].n).toBe(before);
  });
});
