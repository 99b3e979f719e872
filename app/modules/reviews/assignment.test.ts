import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, notifications, outbox, reviewAssignments, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { assignmentById, makeAssignment, makeConflict, makeEligibleApplication, makeFacilitator, makeGroup, makeScoredRound } from "../../testing/factories";

// The admin's assignment over real HTTP: automatic (balanced, conflict-free, safe when run twice at
// once), by hand, reassign and unassign, and the workload per reviewer.

let server: TestServer;
let adminCookie: string;
let admin: { id: string; email: string };

beforeAll(async () => {
  server = await startServer();
  admin = await makeUser(["admin"], { name: "Nguyễn Thu Hà" });
  adminCookie = await logInOver(server, admin.email);
});
afterAll(() => server.close());

const page = (roundId: string) => `${server.url}/admin/rounds/${roundId}/reviewers`;

async function rowsCount() {
  const n = async (t: typeof reviewAssignments | typeof auditLog | typeof notifications | typeof outbox) => (await db.select({ n: count() }).from(t))[0].n;
  return { assignments: await n(reviewAssignments), audit: await n(auditLog), notices: await n(notifications), mail: await n(outbox) };
}

async function assignmentsOf(applicationIds: string[]) {
  return db.select().from(reviewAssignments).where(inArray(reviewAssignments.applicationId, applicationIds));
}

/** A round with `n` eligible applications, each from its own group. */
async function roundWith(n: number, reviewersPerApplication = 2) {
  const { round } = await makeScoredRound({ reviewersPerApplication });
  const groupsAndApps = [];
  for (let i = 0; i < n; i++) {
    const group = await makeGroup({ recordedBy: admin.id, name: `Nhóm ${i + 1}` });
    groupsAndApps.push({ group, application: await makeEligibleApplication(round.id, group.id, { title: `Hồ sơ ${i + 1}` }) });
  }
  return { round, groupsAndApps };
}

describe("automatic assignment", () => {
  it("gives each eligible application its reviewers, least-loaded first, never a conflicted one, never twice", async () => {
    const reviewers: { id: string; email: string }[] = [];
    for (const name of ["An", "Bình", "Chi", "Dung"]) reviewers.push(await makeUser(["reviewer"], { name: `Người chấm ${name}` }));
    const disabled = await makeUser(["reviewer"], { name: "Người chấm đã khoá" });
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
    const facilitator = await makeUser(["reviewer", "facilitator"], { name: "Cán bộ hỗ trợ" });
    const [busy, conflicted] = reviewers;

    // "busy" already has four open reviews in another round.
    const other = await roundWith(4, 1);
    for (const { application } of other.groupsAndApps) await makeAssignment(application.id, busy.id);

    const { round, groupsAndApps } = await roundWith(6, 2);
    const [first] = groupsAndApps;
    await makeConflict(conflicted.id, first.group.id, "Người nhà");
    await makeFacilitator(groupsAndApps[1].group.id, facilitator.id);
    // An application still in screening gets nobody.
    const notYet = await makeEligibleApplication(round.id, (await makeGroup({ recordedBy: admin.id })).id, { status: "submitted" });

    const response = await postForm(page(round.id), { intent: "auto", dueDate: "2030-06-30" }, { cookie: adminCookie });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Đã giao 12 lượt chấm. 0 hồ sơ vẫn còn thiếu người chấm.");

    const ids = groupsAndApps.map((g) => g.application.id);
    const rows = await assignmentsOf([...ids, notYet.id]);
    expect(rows).toHaveLength(12);
    for (const id of ids) {
      const on = rows.filter((r) => r.applicationId === id).map((r) => r.reviewerId);
      expect(new Set(on).size).toBe(2);
    }
    expect(rows.some((r) => r.applicationId === notYet.id)).toBe(false);
    expect(rows.some((r) => r.reviewerId === disabled.id)).toBe(false);
    expect(rows.some((r) => r.applicationId === first.application.id && r.reviewerId === conflicted.id)).toBe(false);
    expect(rows.some((r) => r.applicationId === groupsAndApps[1].application.id && r.reviewerId === facilitator.id)).toBe(false);
    expect(rows.every((r) => r.dueAt?.toISOString() === "2030-06-30T16:59:59.000Z")).toBe(true);

    // Balance: the total open load (with busy's four from before) is as even as it can be.
    const load = (id: string) => rows.filter((r) => r.reviewerId === id).length + (id === busy.id ? 4 : 0);
    const loads = [...reviewers, facilitator].map((r) => load(r.id));
    expect(loads.reduce((a, b) => a + b, 0)).toBe(16);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(load(busy.id) - 4).toBeLessThan(rows.filter((r) => r.reviewerId === reviewers[2].id).length);

    // One notice and one e-mail per reviewer, with her count.
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, reviewers[2].email));
    expect(mail.subject).toBe("Bạn có hồ sơ mới cần chấm");
    expect(mail.text).toContain(`Bạn được giao ${load(reviewers[2].id)} hồ sơ để chấm`);
    expect(mail.text).toContain("Hạn chấm: 30/06/2030.");
    const notices = await db.select().from(notifications).where(eq(notifications.userId, reviewers[2].id));
    expect(notices).toHaveLength(1);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "review.auto_assigned"), eq(auditLog.entityId, round.id)));
    expect(audit.actorId).toBe(admin.id);
    expect(audit.data).toMatchObject({ assigned: 12, applicationsShort: 0, dueAt: "2030-06-30T16:59:59.000Z" });
    expect(rows.every((r) => r.assignedBy === admin.id)).toBe(true);

    // Running it again finds nothing missing and changes nothing but its own log line.
    const before = await rowsCount();
    const again = await postForm(page(round.id), { intent: "auto", dueDate: "" }, { cookie: adminCookie });
    expect(await again.text()).toContain("Đã giao 0 lượt chấm.");
    expect((await rowsCount()).assignments).toBe(before.assignments);
  });

  it("fills only the gap a recusal leaves, with someone else", async () => {
    const r = [await makeUser(["reviewer"]), await makeUser(["reviewer"]), await makeUser(["reviewer"])];
    const { round, groupsAndApps } = await roundWith(1, 2);
    const application = groupsAndApps[0].application;
    await makeAssignment(application.id, r[0].id);
    await makeAssignment(application.id, r[1].id, { status: "conflict", conflictReason: "Người nhà" });
    await makeConflict(r[1].id, groupsAndApps[0].group.id);
    const response = await postForm(page(round.id), { intent: "auto", dueDate: "" }, { cookie: adminCookie });
    expect(await response.text()).toContain("Đã giao 1 lượt chấm.");
    const rows = await assignmentsOf([application.id]);
    expect(rows.filter((x) => x.status !== "conflict").map((x) => x.reviewerId).sort()).toEqual([r[0].id, r[2].id].sort());
  });

  it("says how many applications stay short when there are not enough reviewers", async () => {
    // Every reviewer made so far has a conflict with this group but one.
    const { round, groupsAndApps } = await roundWith(1, 3);
    const allReviewers = await db.query.userRoles.findMany({ where: (ur, { eq }) => eq(ur.role, "reviewer") });
    const keep = allReviewers[0].userId;
    for (const ur of allReviewers) if (ur.userId !== keep) await makeConflict(ur.userId, groupsAndApps[0].group.id);
    const response = await postForm(page(round.id), { intent: "auto", dueDate: "" }, { cookie: adminCookie });
    expect(await response.text()).toContain("Đã giao 1 lượt chấm. 1 hồ sơ vẫn còn thiếu người chấm.");
  });

  it("two admins running it at the same moment never give an application more than its number", async () => {
    for (let i = 0; i < 3; i++) await makeUser(["reviewer"]);
    const { round, groupsAndApps } = await roundWith(8, 2);
    const [one, two] = await Promise.all([
      postForm(page(round.id), { intent: "auto", dueDate: "" }, { cookie: adminCookie }),
      postForm(page(round.id), { intent: "auto", dueDate: "" }, { cookie: adminCookie }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const rows = await assignmentsOf(groupsAndApps.map((g) => g.application.id));
    expect(rows).toHaveLength(16);
    for (const { application } of groupsAndApps) expect(rows.filter((r) => r.applicationId === application.id)).toHaveLength(2);
  });

  it("refuses a malformed due date, writing nothing", async () => {
    const { round } = await roundWith(1, 1);
    const before = await rowsCount();
    const response = await postForm(page(round.id), { intent: "auto", dueDate: "31/02/20x" }, { cookie: adminCookie });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Ngày chưa đúng. Ví dụ: 31/12/2026");
    expect(await rowsCount()).toEqual(before);
  });
});

describe("assignment by hand", () => {
  it("assigns the reviewer named and tells her", async () => {
    const reviewer = await makeUser(["reviewer"], { name: "Người chấm tay" });
    const { round, groupsAndApps } = await roundWith(1, 2);
    const application = groupsAndApps[0].application;
    const response = await postForm(page(round.id), { intent: "assign", applicationId: application.id, reviewerId: reviewer.id, dueDate: "" }, { cookie: adminCookie });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Đã giao hồ sơ cho người chấm.");
    const [row] = await assignmentsOf([application.id]);
    expect(row.reviewerId).toBe(reviewer.id);
    expect(row.assignedBy).toBe(admin.id);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, reviewer.email));
    expect(mail.subject).toBe("Bạn có hồ sơ mới cần chấm");
  });

  it("refuses a conflicted reviewer, a non-reviewer, the same reviewer twice and a non-eligible application, writing nothing", async () => {
    const reviewer = await makeUser(["reviewer"]);
    const conflicted = await makeUser(["reviewer"]);
    const financeOnly = await makeUser(["finance"]);
    const { round, groupsAndApps } = await roundWith(1, 2);
    const { application, group } = groupsAndApps[0];
    await makeConflict(conflicted.id, group.id);
    await makeAssignment(application.id, reviewer.id);
    const screening = await makeEligibleApplication(round.id, (await makeGroup({ recordedBy: admin.id })).id, { status: "submitted" });
    const otherRound = await roundWith(1, 1);
    const cases: [Record<string, string>, number, string][] = [
      [{ applicationId: application.id, reviewerId: conflicted.id }, 400, "Người này có xung đột lợi ích với nhóm"],
      [{ applicationId: application.id, reviewerId: financeOnly.id }, 400, "Người này không phải thành viên hội đồng chấm đang hoạt động."],
      [{ applicationId: application.id, reviewerId: reviewer.id }, 409, "Người này đã được giao hồ sơ này rồi."],
      [{ applicationId: screening.id, reviewerId: conflicted.id }, 409, "Chỉ giao người chấm cho hồ sơ đang chờ chấm."],
      [{ applicationId: application.id, reviewerId: "" }, 400, "Hãy chọn người chấm."],
      [{ applicationId: otherRound.groupsAndApps[0].application.id, reviewerId: conflicted.id }, 404, "Không tìm thấy phân công chấm này."],
    ];
    const before = await rowsCount();
    for (const [fields, status, message] of cases) {
      const response = await postForm(page(round.id), { intent: "assign", dueDate: "", ...fields }, { cookie: adminCookie });
      expect(response.status, JSON.stringify(fields)).toBe(status);
      expect(await response.text()).toContain(message);
    }
    expect(await rowsCount()).toEqual(before);
  });
});

describe("reassign and unassign", () => {
  it("after a conflict, reassign picks another reviewer and keeps the recusal with its reason", async () => {
    // A third reviewer, so that there is always someone free to take the work.
    const [r1, r2] = [await makeUser(["reviewer"], { name: "Rút Lui" }), await makeUser(["reviewer"]), await makeUser(["reviewer"])];
    const { round, groupsAndApps } = await roundWith(1, 2);
    const application = groupsAndApps[0].application;
    const recused = await makeAssignment(application.id, r1.id);
    await makeAssignment(application.id, r2.id);
    const r1Cookie = await logInOver(server, r1.email);
    await postForm(`${server.url}/reviews/${recused.id}`, { intent: "conflict", reason: "Chồng tôi là thành viên nhóm." }, { cookie: r1Cookie });

    const detail = await get(`${page(round.id)}/${recused.id}`, adminCookie);
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain("Chồng tôi là thành viên nhóm.");

    const response = await postForm(`${page(round.id)}/${recused.id}`, { intent: "reassign", reviewerId: "auto" }, { cookie: adminCookie });
    expect(response.status).toBe(302);
    const rows = await assignmentsOf([application.id]);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === recused.id)?.status).toBe("conflict");
    const replacement = rows.find((r) => r.id !== recused.id && r.reviewerId !== r2.id)!;
    expect(replacement.status).toBe("assigned");
    expect(replacement.reviewerId).not.toBe(r1.id);
    expect(response.headers.get("Location")).toBe(`/admin/rounds/${round.id}/reviewers/${replacement.id}?moved=1`);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "review.reassigned"), eq(auditLog.entityId, recused.id)));
    expect(audit.data).toMatchObject({ fromReviewerId: r1.id, toReviewerId: replacement.reviewerId, fromStatus: "conflict" });
  });

  it("reassign by hand refuses the recused reviewer herself", async () => {
    const [r1, r2] = [await makeUser(["reviewer"]), await makeUser(["reviewer"])];
    const { round, groupsAndApps } = await roundWith(1, 1);
    const recused = await makeAssignment(groupsAndApps[0].application.id, r1.id, { status: "conflict", conflictReason: "Người nhà" });
    await makeConflict(r1.id, groupsAndApps[0].group.id);
    const before = await rowsCount();
    const response = await postForm(`${page(round.id)}/${recused.id}`, { intent: "reassign", reviewerId: r1.id }, { cookie: adminCookie });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Người này có xung đột lợi ích với nhóm");
    expect(await rowsCount()).toEqual(before);
    const ok = await postForm(`${page(round.id)}/${recused.id}`, { intent: "reassign", reviewerId: r2.id }, { cookie: adminCookie });
    expect(ok.status).toBe(302);
  });

  it("moves an open assignment (draft and all) to someone else, and tells both", async () => {
    const [r1, r2] = [await makeUser(["reviewer"]), await makeUser(["reviewer"], { name: "Người Mới" })];
    const { round, groupsAndApps } = await roundWith(1, 1);
    const old = await makeAssignment(groupsAndApps[0].application.id, r1.id, { status: "in_progress", noConflictAt: new Date() });
    const response = await postForm(`${page(round.id)}/${old.id}`, { intent: "reassign", reviewerId: r2.id }, { cookie: adminCookie });
    expect(response.status).toBe(302);
    expect(await assignmentById(old.id)).toBeNull();
    const rows = await assignmentsOf([groupsAndApps[0].application.id]);
    expect(rows.map((r) => r.reviewerId)).toEqual([r2.id]);
    const told = await db.select().from(notifications).where(eq(notifications.userId, r1.id));
    expect(told.map((n) => n.messageKey)).toContain("reviews.notice.unassigned");
  });

  it("unassigns an open assignment, logged; a submitted review can be neither moved nor removed", async () => {
    const [r1, r2] = [await makeUser(["reviewer"]), await makeUser(["reviewer"])];
    const { round, groupsAndApps } = await roundWith(1, 2);
    const application = groupsAndApps[0].application;
    const open = await makeAssignment(application.id, r1.id);
    const done = await makeAssignment(application.id, r2.id, { status: "submitted", recommendation: "fund", submittedAt: new Date(), noConflictAt: new Date() });

    const response = await postForm(`${page(round.id)}/${open.id}`, { intent: "unassign" }, { cookie: adminCookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/admin/rounds/${round.id}/reviewers?removed=1`);
    expect(await assignmentById(open.id)).toBeNull();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "review.unassigned"), eq(auditLog.entityId, open.id)));
    expect(audit.actorId).toBe(admin.id);

    const before = await rowsCount();
    const attempts: Record<string, string>[] = [{ intent: "unassign" }, { intent: "reassign", reviewerId: "auto" }];
    for (const fields of attempts) {
      const refused = await postForm(`${page(round.id)}/${done.id}`, fields, { cookie: adminCookie });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain("Bài chấm đã gửi không chuyển hay gỡ được.");
    }
    expect(await rowsCount()).toEqual(before);
    expect((await assignmentById(done.id))?.status).toBe("submitted");
  });

  it("answers 404 for an assignment of another round", async () => {
    const r1 = await makeUser(["reviewer"]);
    const a = await roundWith(1, 1);
    const b = await roundWith(1, 1);
    const assignment = await makeAssignment(a.groupsAndApps[0].application.id, r1.id);
    expect((await get(`${page(b.round.id)}/${assignment.id}`, adminCookie)).status).toBe(404);
    const response = await postForm(`${page(b.round.id)}/${assignment.id}`, { intent: "unassign" }, { cookie: adminCookie });
    expect(response.status).toBe(404);
    expect(await assignmentById(assignment.id)).not.toBeNull();
  });
});

describe("the workload view", () => {
  it("shows, per reviewer, what is assigned, done and overdue", async () => {
    const reviewer = await makeUser(["reviewer"], { name: "Người Bận Rộn" });
    const { round, groupsAndApps } = await roundWith(4, 1);
    const [a, b, c, d] = groupsAndApps.map((g) => g.application.id);
    const past = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await makeAssignment(a, reviewer.id, { dueAt: past });
    await makeAssignment(b, reviewer.id, { dueAt: past, status: "submitted", recommendation: "fund", submittedAt: new Date(), noConflictAt: new Date() });
    await makeAssignment(c, reviewer.id, { dueAt: new Date(Date.now() + 5 * 24 * 60 * 60 * 1000) });
    await makeAssignment(d, reviewer.id, { status: "conflict", conflictReason: "Người nhà" });
    const response = await get(page(round.id), adminCookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    // assigned (not counting the recusal), done, overdue, conflicts
    expect(html).toContain(`<td>Người Bận Rộn</td><td>3</td><td>1</td><td><strong class="field-error">1</strong></td><td>1</td>`);
    expect(html).toContain("Lý do xung đột: Người nhà");
    expect(html).toContain("Quá hạn");
  });

  it("filters the applications still missing reviewers", async () => {
    const reviewer = await makeUser(["reviewer"]);
    const { round, groupsAndApps } = await roundWith(2, 1);
    await makeAssignment(groupsAndApps[0].application.id, reviewer.id);
    const html = await (await get(`${page(round.id)}?short=1`, adminCookie)).text();
    expect(html).toContain("Hồ sơ 2");
    expect(html).not.toContain("Hồ sơ 1<");
    expect(html).toContain("2 hồ sơ đang chờ chấm, 1 hồ sơ còn thiếu người chấm.");
  });

  it("answers 404 for an unknown round, and only admins get in", async () => {
    expect((await get(`${server.url}/admin/rounds/00000000-0000-4000-8000-000000000000/reviewers`, adminCookie)).status).toBe(404);
    const { round } = await roundWith(1, 1);
    const reviewer = await makeUser(["reviewer"]);
    const cookie = await logInOver(server, reviewer.email);
    expect((await get(page(round.id), cookie)).status).toBe(403);
    const before = await rowsCount();
    expect((await postForm(page(round.id), { intent: "auto", dueDate: "" }, { cookie })).status).toBe(403);
    expect(await rowsCount()).toEqual(before);
  });
});
