import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers, idempotencyKeys } from "../../db/schema";
import { db } from "../infra/db.server";
import { withSubmissionScope, submissionScope } from "../infra/submission-scope.server";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../testing/fixtures";
import { registerOver, validMember } from "../modules/groups/testing/helpers";
import { IDEMPOTENCY_FIELD } from "./idempotency";
import { deleteExpiredKeys, noteSubmission } from "./idempotency.server";

// Send once (DECISIONS.md 54): the same form, however often and however concurrently it arrives,
// writes once and gets one answer; its key with other data, or in another person's hands, is refused.

let server: TestServer;
let leader: { id: string; cookie: string };
let other: { id: string; cookie: string };
let groupId: string;

beforeAll(async () => {
  server = await startServer();
  const user = await makeUser(["applicant"], { name: "Trưởng nhóm" });
  leader = { id: user.id, cookie: await logInOver(server, user.email) };
  const stranger = await makeUser(["applicant"], { name: "Người khác" });
  other = { id: stranger.id, cookie: await logInOver(server, stranger.email) };
  groupId = await registerOver(server, leader.cookie, { name: "Nhóm gửi một lần" });
});
afterAll(() => server.close());

const membersNamed = (name: string) =>
  db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.name, name)));

describe("a form's idempotency key", () => {
  it("posted 50 times at once writes one member and gives 50 identical answers", async () => {
    const key = `k-${crypto.randomUUID()}`;
    const fields = { ...validMember({ name: "Lò Thị Năm Mươi" }), [IDEMPOTENCY_FIELD]: key };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => postForm(`${server.url}/groups/${groupId}/members/new`, fields, { cookie: leader.cookie })),
    );
    const answers = responses.map((r) => `${r.status} ${r.headers.get("Location")}`);
    expect(new Set(answers)).toEqual(new Set([`302 /groups/${groupId}/members?done=added`]));
    expect(answers).toHaveLength(50);
    expect(await membersNamed("Lò Thị Năm Mươi")).toHaveLength(1);
    const rows = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(rows).toHaveLength(1);
    expect(rows[0].userId).toBe(leader.id);
  });

  it("reused with other data is refused with a message, and nothing more is written", async () => {
    const key = `k-${crypto.randomUUID()}`;
    const first = await postForm(
      `${server.url}/groups/${groupId}/members/new`,
      { ...validMember({ name: "Vàng Thị Một" }), [IDEMPOTENCY_FIELD]: key },
      { cookie: leader.cookie },
    );
    expect(first.status).toBe(302);
    const second = await postForm(
      `${server.url}/groups/${groupId}/members/new`,
      { ...validMember({ name: "Vàng Thị Hai" }), [IDEMPOTENCY_FIELD]: key },
      { cookie: leader.cookie },
    );
    // The page's own refusal (this form answers 400 with the message above the fields).
    expect(second.status).toBe(400);
    expect(await second.text()).toContain("Biểu mẫu này đã được gửi trước đó với nội dung khác");
    expect(await membersNamed("Vàng Thị Một")).toHaveLength(1);
    expect(await membersNamed("Vàng Thị Hai")).toHaveLength(0);
  });

  it("in another person's hands is refused, even with the same data", async () => {
    const key = `k-${crypto.randomUUID()}`;
    const fields = { ...validMember({ name: "Hờ Thị Ba" }), [IDEMPOTENCY_FIELD]: key };
    expect((await postForm(`${server.url}/groups/${groupId}/members/new`, fields, { cookie: leader.cookie })).status).toBe(302);
    // The stranger may not act for the group at all; on a group of her own the key is still the leader's.
    const strangersGroup = await registerOver(server, other.cookie, { name: "Nhóm người khác" });
    const replay = await postForm(`${server.url}/groups/${strangersGroup}/members/new`, fields, { cookie: other.cookie });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("Biểu mẫu này đã được gửi trước đó với nội dung khác");
    expect(await membersNamed("Hờ Thị Ba")).toHaveLength(1);
  });

  it("is not spent by a refused form: corrected, it is sent again with the same key", async () => {
    const key = `k-${crypto.randomUUID()}`;
    const bad = await postForm(
      `${server.url}/groups/${groupId}/members/new`,
      { ...validMember({ name: "Thào Thị Bốn", birthYear: "1850" }), [IDEMPOTENCY_FIELD]: key },
      { cookie: leader.cookie },
    );
    expect(bad.status).toBe(400);
    const fixed = await postForm(
      `${server.url}/groups/${groupId}/members/new`,
      { ...validMember({ name: "Thào Thị Bốn" }), [IDEMPOTENCY_FIELD]: key },
      { cookie: leader.cookie },
    );
    expect(fixed.status).toBe(302);
    expect(await membersNamed("Thào Thị Bốn")).toHaveLength(1);
  });

  it("hashes a form the same whatever multipart boundary carried it, and a photo by its bytes", async () => {
    const hashOf = async (body: BodyInit) =>
      withSubmissionScope(async () => {
        const form = await new Response(body).formData();
        await noteSubmission(form);
        expect(form.has(IDEMPOTENCY_FIELD)).toBe(false);
        return submissionScope()?.hash;
      });
    const build = (photo: string) => {
      const form = new FormData();
      form.append(IDEMPOTENCY_FIELD, "k-0123456789abcdef");
      form.append("income", "100000");
      form.append("income", "200000");
      form.append("photo", new File([photo], "anh.jpg", { type: "image/jpeg" }));
      return form;
    };
    const once = await hashOf(build("bytes-1"));
    expect(once).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashOf(build("bytes-1"))).toBe(once);
    expect(await hashOf(build("bytes-2"))).not.toBe(once);
  });

  it("is forgotten after its lifetime by the job runner", async () => {
    const key = `k-${crypto.randomUUID()}`;
    await db.insert(idempotencyKeys).values({ key, seq: 1, userId: null, requestHash: "x", result: {}, expiresAt: new Date(Date.now() - 1000) });
    expect(await deleteExpiredKeys()).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(0);
  });
});

describe("every posted form carries a key", () => {
  it("is rendered into the page by the one Form of the kit, different on each render", async () => {
    const keyOf = async () => {
      const html = await (await get(`${server.url}/groups/${groupId}/members/new`, leader.cookie)).text();
      return html.match(new RegExp(`name="${IDEMPOTENCY_FIELD}" value="([^"]+)"`))?.[1];
    };
    const first = await keyOf();
    expect(first).toMatch(/^p-[0-9a-f-]{36}:[A-Za-z0-9]+$/);
    expect(await keyOf()).not.toBe(first);
  });

  it("comes from components/ui/form.tsx: no page takes Remix's Form directly", () => {
    const offenders: string[] = [];
    for (const entry of fs.readdirSync("app", { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file === path.join("app", "components", "ui", "form.tsx")) continue;
      const text = fs.readFileSync(file, "utf8");
      if (/import \{[^}]*\bForm\b[^}]*\} from "@remix-run\/react"/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
