import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, followUps, internalNotes, notifications, siteVisitPhotos, siteVisits, storedFiles } from "../../../db/schema";
import { currentDatabase, db } from "../../infra/db.server";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";
import { makeDueGrant } from "../../testing/factories";

// Issue 14, item 7: site visits with photos and follow-ups, and staff notes, through the real
// server. Staff and the group's facilitators record visits; the group's leader never reads them;
// notes are for admins and finance only; bad input writes nothing.

// A PNG of one pixel: enough for the upload checks to decode.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

let server: TestServer;
let admin: Person;
let finance: Person;
let facilitator: Person;
let otherFacilitator: Person;
let leader: Person;
let reviewer: Person;
let grantId: string;
let applicationId: string;
let groupId: string;

beforeAll(async () => {
  server = await startServer();
  [admin, finance, facilitator, otherFacilitator, leader, reviewer] = await Promise.all([
    person(server, ["admin"]),
    person(server, ["finance"]),
    person(server, ["facilitator"], "Lò Thị Mai"),
    person(server, ["facilitator"]),
    person(server, ["applicant"]),
    person(server, ["reviewer"]),
  ]);
  const made = await makeDueGrant({ ownerId: leader.id, facilitatorIds: [facilitator.id] });
  grantId = made.grantId;
  applicationId = made.applicationId;
  groupId = made.groupId;
});

afterAll(() => server.close());

/** Posts a multipart form (fields and files) without following the redirect. */
function postMultipart(path: string, cookie: string, fields: Record<string, string>, photos: Buffer[] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [i, bytes] of photos.entries()) body.append("photo", new File([new Uint8Array(bytes)], `anh-${i}.png`, { type: "image/png" }));
  return fetch(`${server.url}${path}`, { method: "POST", body, redirect: "manual", headers: { Cookie: cookie } });
}

async function counts() {
  const [v] = await db.select({ n: count() }).from(siteVisits);
  const [p] = await db.select({ n: count() }).from(siteVisitPhotos);
  const [f] = await db.select({ n: count() }).from(followUps);
  const [files] = await db.select({ n: count() }).from(storedFiles);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { visits: v.n, photos: p.n, followUps: f.n, files: files.n, audit: a.n };
}

const visit = { intent: "record", visitedOn: "02/11/2026", visitors: "Lò Thị Mai, Vàng A Sử", findings: "Nhóm đã mua 200 cây giống quế.\nSổ thu chi ghi đủ." };

describe(`site visits and notes (${currentDatabase().driver})`, () => {
  it("a facilitator records a visit with a photo and a follow-up for finance; finance is told and marks it done", async () => {
    const before = await counts();
    const response = await postMultipart(`/grants/${grantId}/visits`, facilitator.cookie, { ...visit, action: "Kiểm tra chứng từ mua cây giống", dueOn: "15/11/2026", ownerId: finance.id }, [PNG]);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/grants/${grantId}/visits?done=recorded`);
    const after = await counts();
    expect(after).toMatchObject({ visits: before.visits + 1, photos: before.photos + 1, followUps: before.followUps + 1, files: before.files + 1 });
    const [row] = await db.select().from(siteVisits).where(eq(siteVisits.grantId, grantId));
    expect(row).toMatchObject({ visitedOn: "2026-11-02", recordedBy: facilitator.id });
    // The audit row says a visit happened, never what was found.
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
    expect(audits.map((a) => a.action)).toEqual(["site_visit.recorded"]);
    expect(JSON.stringify(audits)).not.toContain("quế");
    expect(audits[0].onBehalfOf).toBe(`group:${groupId}`);
    const told = await db.select().from(notifications).where(eq(notifications.userId, finance.id));
    expect(told.map((n) => n.messageKey)).toContain("visits.notice.followUp");

    const page = await get(`${server.url}/grants/${grantId}/visits`, finance.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Nhóm đã mua 200 cây giống quế.");
    const photoPath = html.match(/\/grants\/[0-9a-f-]+\/visits\/photos\/[0-9a-f-]+/)![0];
    const photo = await get(`${server.url}${photoPath}`, finance.cookie);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("Content-Type")).toBe("image/png");
    // The leader, a facilitator of another group: not found, photo included.
    for (const outsider of [leader, otherFacilitator]) {
      expect((await get(`${server.url}/grants/${grantId}/visits`, outsider.cookie)).status).toBe(outsider === leader ? 403 : 404);
      expect((await get(`${server.url}${photoPath}`, outsider.cookie)).status).toBe(outsider === leader ? 403 : 404);
    }

    const [followUp] = await db.select().from(followUps).where(eq(followUps.visitId, row.id));
    // Someone else's follow-up cannot be closed by a facilitator.
    const refused = await postForm(`${server.url}/grants/${grantId}/visits`, { intent: "done", followUpId: followUp.id }, { cookie: facilitator.cookie });
    expect(refused.status).toBe(403);
    expect((await db.select().from(followUps).where(eq(followUps.id, followUp.id)))[0].status).toBe("open");
    const done = await postForm(`${server.url}/grants/${grantId}/visits`, { intent: "done", followUpId: followUp.id }, { cookie: finance.cookie });
    expect(done.status).toBe(302);
    const [closed] = await db.select().from(followUps).where(eq(followUps.id, followUp.id));
    expect(closed).toMatchObject({ status: "done", doneBy: finance.id });
    expect(closed.doneAt).not.toBeNull();
    // Twice is refused in words, not a fault.
    const again = await postForm(`${server.url}/grants/${grantId}/visits`, { intent: "done", followUpId: followUp.id }, { cookie: finance.cookie });
    expect(again.status).toBe(409);
  });

  it("refuses bad visits with messages and writes nothing: a future date, no findings, half a follow-up, an owner who is not staff, a file that is not a photo, four photos", async () => {
    const before = await counts();
    const cases: [Record<string, string>, Buffer[], string][] = [
      [{ ...visit, visitedOn: "01/01/2099" }, [], "visitedOn"],
      [{ ...visit, findings: "  " }, [], "findings"],
      [{ ...visit, action: "Gọi lại cho nhóm" }, [], "dueOn"],
      [{ ...visit, action: "Gọi lại cho nhóm", dueOn: "20/11/2026", ownerId: leader.id }, [], "ownerId"],
      [{ ...visit, action: "Gọi lại cho nhóm", dueOn: "01/10/2026", ownerId: admin.id }, [], "dueOn"],
      [visit, [Buffer.from("not an image at all")], "photo"],
      [visit, [PNG, PNG, PNG, PNG], "photo"],
    ];
    for (const [fields, photos, field] of cases) {
      const response = await postMultipart(`/grants/${grantId}/visits`, admin.cookie, fields, photos);
      expect(response.status, field).toBe(400);
      const html = await response.text();
      expect(html).toContain(`id="field-${field}-error"`);
    }
    expect(await counts()).toEqual(before);
  });

  it("keeps notes for admins and finance only; the audit log says a note was written, not what", async () => {
    const note = "Trưởng nhóm báo chồng chị ấy ốm, có thể nộp báo cáo muộn.";
    const posted = await postForm(`${server.url}/notes/grant/${grantId}`, { body: note }, { cookie: admin.cookie });
    expect(posted.status).toBe(302);
    expect((await postForm(`${server.url}/notes/application/${applicationId}`, { body: "Hồ sơ cần xem lại ngân sách." }, { cookie: finance.cookie })).status).toBe(302);
    expect(await (await get(`${server.url}/notes/grant/${grantId}`, finance.cookie)).text()).toContain(note);
    for (const outsider of [leader, facilitator, reviewer]) {
      expect((await get(`${server.url}/notes/grant/${grantId}`, outsider.cookie)).status).toBe(403);
      expect((await postForm(`${server.url}/notes/grant/${grantId}`, { body: "x" }, { cookie: outsider.cookie })).status).toBe(403);
    }
    // The group's own pages never carry it.
    expect(await (await get(`${server.url}/grants/${grantId}`, leader.cookie)).text()).not.toContain(note);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "internal_note.written"));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audits)).not.toContain("ốm");
    // An empty note, an unknown subject: refused, nothing written.
    const [before] = await db.select({ n: count() }).from(internalNotes);
    expect((await postForm(`${server.url}/notes/grant/${grantId}`, { body: " " }, { cookie: admin.cookie })).status).toBe(400);
    expect((await postForm(`${server.url}/notes/round/${grantId}`, { body: "x" }, { cookie: admin.cookie })).status).toBe(404);
    expect((await postForm(`${server.url}/notes/grant/${applicationId}`, { body: "x" }, { cookie: admin.cookie })).status).toBe(404);
    const [after] = await db.select({ n: count() }).from(internalNotes);
    expect(after.n).toBe(before.n);
  });
});
