import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, auditLog, notifications, outbox, rounds, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { makeClarification, makeRound } from "../../testing/factories";
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

// Submission: checked again on the server, refused when the round has closed, and done once
// however many times it is posted. Then the clarification rule: only reopened answers change.

let server: TestServer;
let admins: Person[];
beforeAll(async () => {
  server = await startServer();
  admins = [await person(server, ["admin"]), await person(server, ["admin"])];
});
afterAll(() => server.close());

async function completeDraft() {
  const roundId = (await makeRound()).id;
  const { leader, groupId } = await groupWithLeader(server);
  const id = await startDraft(server, leader.cookie, roundId, groupId);
  await fillComplete(server, leader.cookie, id);
  return { roundId, leader, groupId, id };
}

const submit = (id: string, cookie: string) =>
  postForm(`${server.url}/applications/${id}/step/6`, { intent: "submit", consent: "yes" }, { cookie });

describe("submission", () => {
  it("is refused with a clear message once the round has closed, and nothing is written", async () => {
    const { roundId, leader, id } = await completeDraft();
    await db.update(rounds).set({ closesAt: new Date(Date.now() - 60_000) }).where(eq(rounds.id, roundId));
    const before = await writtenRows();
    const response = await submit(id, leader.cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Vòng này đã hết hạn nộp hồ sơ. Hồ sơ chưa được nộp.");
    expect(await writtenRows()).toEqual(before);
    expect((await applicationRow(id)).status).toBe("draft");
    // The group is told plainly, on its list and on the review page.
    expect(await (await get(`${server.url}/applications`, leader.cookie)).text()).toContain("Vòng này đã hết hạn nộp. Hồ sơ này không nộp được nữa.");
    expect(await (await get(`${server.url}/applications/${id}/step/6`, leader.cookie)).text()).not.toContain('value="submit"');
  });

  it("is refused when the round was closed by hand", async () => {
    const { roundId, leader, id } = await completeDraft();
    await db.update(rounds).set({ status: "closed" }).where(eq(rounds.id, roundId));
    const response = await submit(id, leader.cookie);
    expect(response.status).toBe(400);
    expect((await applicationRow(id)).status).toBe("draft");
  });

  it("checks every step again and names what is missing", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(server);
    const id = await startDraft(server, leader.cookie, roundId, groupId);
    await postForm(`${server.url}/applications/${id}/step/1`, { intent: "next", ...completeAnswers[1], plan: "" }, { cookie: leader.cookie });
    await postForm(`${server.url}/applications/${id}/step/3`, { intent: "next", ...completeAnswers[3], targetIncome: "" }, { cookie: leader.cookie });
    const before = await writtenRows();
    const response = await submit(id, leader.cookie);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Hồ sơ chưa nộp được: còn thiếu hoặc chưa đúng một số mục.");
    expect(html).toContain("Nhóm sẽ làm những việc gì, khi nào?");
    expect(html).toContain("Cần ít nhất một khoản chi.");
    expect(html).toContain(`/applications/${id}/step/4`);
    expect(await writtenRows()).toEqual(before);
    expect((await applicationRow(id)).status).toBe("draft");
  });

  it("happens once when posted twice at the same moment: one transition, one e-mail per recipient", async () => {
    const { leader, id } = await completeDraft();
    const responses = await Promise.all([submit(id, leader.cookie), submit(id, leader.cookie), submit(id, leader.cookie)]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 409, 409]);
    const refused = responses.find((r) => r.status === 409)!;
    expect(await refused.text()).toContain("Hồ sơ này đã được nộp rồi. Không cần nộp lại.");

    const transitions = await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "application.submitted")));
    expect(transitions).toHaveLength(1);
    const title = completeAnswers[1].title as string;
    const mails = (await db.select().from(outbox).where(eq(outbox.template, "application-submitted"))).filter((m) => m.subject.includes(title) && m.html.includes(id));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([leader.email, ...admins.map((a) => a.email)].sort());
    const notices = (await db.select().from(notifications).where(eq(notifications.messageKey, "applications.notice.submitted"))).filter((n) => n.link === `/applications/${id}`);
    expect(notices.map((n) => n.userId).sort()).toEqual([leader.id, ...admins.map((a) => a.id)].sort());

    // A later repeat changes nothing either.
    const again = await submit(id, leader.cookie);
    expect(again.status).toBe(409);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "application.submitted")))).toHaveLength(1);
  });

  it("writes the e-mail in each recipient's language", async () => {
    const { leader, id } = await completeDraft();
    const english = await person(server, ["admin"]);
    await db.update(users).set({ locale: "en" }).where(eq(users.id, english.id));
    expect((await submit(id, leader.cookie)).status).toBe(302);
    const [mail] = await db.select().from(outbox).where(and(eq(outbox.toAddress, english.email), eq(outbox.template, "application-submitted")));
    expect(mail.subject).toBe(`Application received: ${completeAnswers[1].title}`);
    expect(mail.text).toContain("twenty-one million dong");
  });
});

describe("while a clarification is open", () => {
  async function reopened(fields: string[]) {
    const { leader, id } = await completeDraft();
    expect((await submit(id, leader.cookie)).status).toBe(302);
    // What screening does when it asks (app/modules/applications/screening.server.ts).
    await db.update(applications).set({ status: "clarification_requested", reopenedFields: fields }).where(eq(applications.id, id));
    const asked = await makeClarification(id, admins[0].id, fields, "Lò sấy giá bao nhiêu?");
    return { leader, id, clarificationId: asked.id };
  }

  it("lets the group change the reopened answers and refuses any other change with a 400", async () => {
    const { leader, id, clarificationId } = await reopened(["title", "budgetLines"]);
    const page = await (await get(`${server.url}/applications/${id}/step/1`, leader.cookie)).text();
    expect(page).toContain("Lò sấy giá bao nhiêu?");
    expect(page).toContain(`/clarifications/${clarificationId}`);
    // Locked inputs are shown disabled (they are not posted), the reopened ones are not.
    expect(page).toMatch(/name="location"[^>]*disabled|disabled[^>]*name="location"/);
    expect(page).not.toMatch(/name="title"[^>]*disabled|disabled[^>]*name="title"/);

    const retitle = await postForm(`${server.url}/applications/${id}/step/1`, { intent: "stay", title: "Tên đã sửa" }, { cookie: leader.cookie });
    expect(retitle.status).toBe(302);
    expect((await applicationRow(id)).title).toBe("Tên đã sửa");

    // The same values as saved are not a change, whoever posts them.
    const unchanged = await postForm(`${server.url}/applications/${id}/step/1`, { intent: "stay", ...completeAnswers[1], title: "Tên đã sửa" }, { cookie: leader.cookie });
    expect(unchanged.status).toBe(302);

    const before = { rows: await writtenRows(), row: await applicationRow(id) };
    const refusals: [number, Record<string, string | string[]>][] = [
      [1, { title: "Tên khác", location: "Chỗ khác" }],
      [2, { ...completeAnswers[2], ownContributionCash: "9.000.000" }],
      [3, { ...completeAnswers[3], membersTakingPart: "30" }],
      [4, { environmentalCare: "Khác" }],
    ];
    for (const [n, fields] of refusals) {
      const response = await postForm(`${server.url}/applications/${id}/step/${n}`, { intent: "stay", ...fields }, { cookie: leader.cookie });
      expect(response.status, `step ${n}`).toBe(400);
      expect(await response.text()).toContain("Mục này không được sửa lúc này");
    }
    const file = await upload(`${server.url}/applications/${id}/step/5`, leader.cookie, { bytes: await phonePhoto(), name: "a.jpg" });
    expect(file.status).toBe(400);
    expect(await writtenRows()).toEqual(before.rows);
    expect(await applicationRow(id)).toEqual(before.row);

    const lines = await postForm(
      `${server.url}/applications/${id}/step/2`,
      { intent: "stay", ...completeAnswers[2], unitCost: ["4.000.000", "12.000"] },
      { cookie: leader.cookie },
    );
    expect(lines.status).toBe(302);
    expect((await applicationRow(id)).requestedAmount).toBe(20_000_000n);

    // The answer itself goes through the screening page; the wizard does not submit.
    const resubmit = await submit(id, leader.cookie);
    expect(resubmit.status).toBe(409);
  });
});
