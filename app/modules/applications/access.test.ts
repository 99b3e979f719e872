import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeFacilitator, makeGroup, makeRound } from "../../testing/factories";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";
import {
  applicationRow,
  completeAnswers,
  fillComplete,
  groupWithLeader,
  phonePhoto,
  startDraft,
  upload,
  writtenRows,
} from "./testing/helpers";

// Who reaches what. Group A's people cannot read, change, submit or download anything of group B
// by changing an id; a facilitator reaches only her groups; admins read every application (drafts
// too) but change none; reviewers and finance see no application at all in this issue.

let server: TestServer;
let roundId: string;
let a: { leader: Person; groupId: string; applicationId: string; attachmentId: string };
let b: { leader: Person; groupId: string; applicationId: string; attachmentId: string };
let facilitatorOfA: Person;
let admin: Person;
let reviewer: Person;
let finance: Person;

async function groupWithDraft(name: string) {
  const { leader, groupId } = await groupWithLeader(server, name);
  const applicationId = await startDraft(server, leader.cookie, roundId, groupId);
  await fillComplete(server, leader.cookie, applicationId);
  await upload(`${server.url}/applications/${applicationId}/step/5`, leader.cookie, { bytes: await phonePhoto(), name: "anh.jpg" });
  const [file] = await db.select().from(attachments).where(eq(attachments.applicationId, applicationId));
  return { leader, groupId, applicationId, attachmentId: file.id };
}

beforeAll(async () => {
  server = await startServer();
  roundId = (await makeRound()).id;
  a = await groupWithDraft("Nhóm A Bản Lướt");
  b = await groupWithDraft("Nhóm B Nậm Cang");
  facilitatorOfA = await person(server, ["facilitator"]);
  await makeFacilitator(a.groupId, facilitatorOfA.id);
  admin = await person(server, ["admin"]);
  reviewer = await person(server, ["reviewer"]);
  finance = await person(server, ["finance"]);
});
afterAll(() => server.close());

const url = (path: string) => `${server.url}${path}`;

describe("one group cannot reach another's application", () => {
  it("group A's leader gets 404 for B's pages, posts and files, and nothing changes", async () => {
    const cookie = a.leader.cookie;
    const before = { rows: await writtenRows(), b: await applicationRow(b.applicationId) };
    const pages = [
      `/applications/${b.applicationId}`,
      `/applications/${b.applicationId}/step/1`,
      `/applications/${b.applicationId}/step/6`,
      `/applications/${b.applicationId}/attachments/${b.attachmentId}`,
      // A's own application with B's file: the pair must match.
      `/applications/${a.applicationId}/attachments/${b.attachmentId}`,
    ];
    for (const path of pages) expect((await get(url(path), cookie)).status, path).toBe(404);

    const posts: [string, Record<string, string | string[]>][] = [
      [`/applications/${b.applicationId}/step/1`, { intent: "stay", ...completeAnswers[1], title: "Đã bị đổi" }],
      [`/applications/${b.applicationId}/step/2`, { intent: "remove-line:0", ...completeAnswers[2] }],
      [`/applications/${b.applicationId}/step/5`, { intent: `remove-attachment:${b.attachmentId}` }],
      [`/applications/${a.applicationId}/step/5`, { intent: `remove-attachment:${b.attachmentId}` }],
      [`/applications/${b.applicationId}/step/6`, { intent: "submit", consent: "yes" }],
      [`/applications/new`, { round: roundId, group: b.groupId }],
    ];
    for (const [path, fields] of posts) {
      const response = await postForm(url(path), fields, { cookie });
      // Removing B's file through A's own application finds no such file there: refused, not 404.
      expect([400, 404], path).toContain(response.status);
    }
    const uploadToB = await upload(url(`/applications/${b.applicationId}/step/5`), cookie, { bytes: await phonePhoto(), name: "x.jpg" });
    expect(uploadToB.status).toBe(404);

    expect(await writtenRows()).toEqual(before.rows);
    expect(await applicationRow(b.applicationId)).toEqual(before.b);

    const list = await (await get(url("/applications"), cookie)).text();
    expect(list).toContain("Nhóm A Bản Lướt");
    expect(list).not.toContain("Nhóm B Nậm Cang");
  });

  it("a facilitator reaches her groups only", async () => {
    const cookie = facilitatorOfA.cookie;
    expect((await get(url(`/applications/${a.applicationId}/step/1`), cookie)).status).toBe(200);
    expect((await get(url(`/applications/${a.applicationId}/attachments/${a.attachmentId}`), cookie)).status).toBe(200);
    expect((await get(url(`/applications/${b.applicationId}`), cookie)).status).toBe(404);
    expect((await get(url(`/applications/${b.applicationId}/attachments/${b.attachmentId}`), cookie)).status).toBe(404);
    const before = await applicationRow(b.applicationId);
    const response = await postForm(url(`/applications/${b.applicationId}/step/1`), { intent: "stay", ...completeAnswers[1], title: "Đổi" }, { cookie });
    expect(response.status).toBe(404);
    expect(await applicationRow(b.applicationId)).toEqual(before);
  });
});

describe("staff", () => {
  it("admins read every application, drafts included, and download its files, but change nothing", async () => {
    const overview = await get(url(`/applications/${b.applicationId}`), admin.cookie);
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain("Trồng và sấy sa nhân tím dưới tán rừng");
    expect(html).toContain("Đang làm, chưa nộp");
    // No "next thing to do" and no edit links: that is for the group.
    expect(html).not.toContain("Việc cần làm tiếp");
    expect(html).not.toContain(`/applications/${b.applicationId}/step/1`);
    expect((await get(url(`/applications/${b.applicationId}/attachments/${b.attachmentId}`), admin.cookie)).status).toBe(200);

    const before = { rows: await writtenRows(), b: await applicationRow(b.applicationId) };
    // The wizard is the group's: its routes are not open to the admin role at all.
    expect((await get(url(`/applications/${b.applicationId}/step/1`), admin.cookie)).status).toBe(403);
    for (const [n, fields] of [
      [1, { intent: "stay", ...completeAnswers[1], title: "Admin đổi" }],
      [6, { intent: "submit", consent: "yes" }],
    ] as const) {
      const response = await postForm(url(`/applications/${b.applicationId}/step/${n}`), fields, { cookie: admin.cookie });
      expect(response.status).toBe(403);
    }
    expect(await writtenRows()).toEqual(before.rows);
    expect(await applicationRow(b.applicationId)).toEqual(before.b);
  });

  it("reviewers and finance see no drafts, no files and no applicant pages", async () => {
    for (const who of [reviewer, finance]) {
      for (const path of [
        "/applications",
        "/rounds",
        "/applications/new",
        `/applications/${b.applicationId}`,
        `/applications/${b.applicationId}/step/1`,
        `/applications/${b.applicationId}/attachments/${b.attachmentId}`,
      ]) {
        const response = await get(url(path), who.cookie);
        // A reviewer may download the files of applications she reviews: another's is not found.
        expect(response.status, path).toBe(who === reviewer && path.includes("/attachments/") ? 404 : 403);
        const body = await response.text();
        expect(body).not.toContain("Trồng và sấy sa nhân");
        expect(body).not.toContain("Nhóm B");
      }
      const post = await postForm(url(`/applications/${b.applicationId}/step/6`), { intent: "submit", consent: "yes" }, { cookie: who.cookie });
      expect(post.status).toBe(403);
    }
    expect((await applicationRow(b.applicationId)).status).toBe("draft");
  });

  it("nobody signed in is sent to log in", async () => {
    const response = await get(url(`/applications/${b.applicationId}/attachments/${b.attachmentId}`));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("ids that do not exist", () => {
  it("answers 404, not an error, for unknown or malformed ids and steps", async () => {
    const cookie = a.leader.cookie;
    for (const path of [
      `/applications/${crypto.randomUUID()}`,
      "/applications/not-a-uuid",
      `/applications/${a.applicationId}/step/7`,
      `/applications/${a.applicationId}/step/0`,
      `/applications/${a.applicationId}/step/x`,
      `/applications/${a.applicationId}/attachments/not-a-uuid`,
      `/applications/${a.applicationId}/attachments/${crypto.randomUUID()}`,
    ]) {
      expect((await get(url(path), cookie)).status, path).toBe(404);
    }
    const groupNotMine = (await makeGroup({ name: "Không ai" })).id;
    const start = await postForm(url("/applications/new"), { round: roundId, group: groupNotMine }, { cookie });
    expect(start.status).toBe(404);
  });
});
