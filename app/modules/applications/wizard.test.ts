import { and, asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, auditLog, budgetLines, notifications, outbox } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { formatMoney, formatMoneyWithWords } from "../../i18n/format";
import { readFile } from "../../infra/storage.server";
import { daysFromNow, makeGroup, makeRound } from "../../testing/factories";
import { get, person, postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";
import {
  applicationRow,
  completeAnswers,
  completeTotal,
  groupWithLeader,
  phonePhoto,
  upload,
} from "./testing/helpers";

// The whole wizard as a browser without JavaScript drives it: plain form posts, one per step,
// each saving the draft on the server, then the submission.

let server: TestServer;
let admin: Person;
beforeAll(async () => {
  server = await startServer();
  admin = await person(server, ["admin"], "Nguyễn Thu Hà");
});
afterAll(() => server.close());

function idFrom(location: string | null): string {
  const match = location?.match(/\/applications\/([0-9a-f-]{36})\/step\/1$/);
  if (!match) throw new Error(`unexpected redirect ${location}`);
  return match[1];
}

async function walk(cookie: string, roundId: string, groupId: string) {
  const start = await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie });
  expect(start.status).toBe(302);
  const id = idFrom(start.headers.get("Location"));
  const step = (n: number) => `${server.url}/applications/${id}/step/${n}`;

  const first = await get(step(1), cookie);
  expect(first.status).toBe(200);
  const firstHtml = await first.text();
  expect(firstHtml).toContain("Bước 1 trên 6");
  expect(firstHtml).toContain('aria-current="step"');

  for (const n of [1, 2, 3, 4] as const) {
    const saved = await postForm(step(n), { intent: "next", ...completeAnswers[n] }, { cookie });
    expect(saved.status, `step ${n}`).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/applications/${id}/step/${n + 1}`);
    // Resumable anywhere: the furthest step is kept on the server.
    expect((await applicationRow(id)).step).toBe(n + 1);
  }

  const photo = await upload(step(5), cookie, { bytes: await phonePhoto(), name: "ảnh vườn sa nhân.jpg", type: "image/jpeg" });
  expect(photo.status).toBe(302);
  expect(photo.headers.get("Location")).toBe(`/applications/${id}/step/5?done=uploaded`);
  expect(await (await get(step(5), cookie)).text()).toContain("ảnh vườn sa nhân.jpg");
  const onward = await postForm(step(5), { intent: "next" }, { cookie });
  expect(onward.headers.get("Location")).toBe(`/applications/${id}/step/6`);

  const review = await (await get(step(6), cookie)).text();
  expect(review).toContain(formatMoneyWithWords(21_000_000n, "vi"));
  expect(review).toContain("Trồng và sấy sa nhân tím dưới tán rừng");
  expect(review).not.toContain("Hồ sơ còn thiếu");

  const noConsent = await postForm(step(6), { intent: "submit" }, { cookie });
  expect(noConsent.status).toBe(400);
  expect(await noConsent.text()).toContain("Hãy đánh dấu vào ô cam kết để nộp hồ sơ.");
  expect((await applicationRow(id)).status).toBe("draft");

  const submitted = await postForm(step(6), { intent: "submit", consent: "yes" }, { cookie });
  expect(submitted.status).toBe(302);
  expect(submitted.headers.get("Location")).toBe(`/applications/${id}?done=submitted`);
  return id;
}

describe("the wizard without JavaScript", () => {
  it("takes an applicant from the open rounds to a submitted application, audited and announced", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(server, "Nhóm sa nhân Bản Lướt");

    const rounds = await (await get(`${server.url}/rounds`, leader.cookie)).text();
    expect(rounds).toContain("Vòng 1 năm 2027");
    expect(rounds).toContain("Làm hồ sơ cho nhóm Nhóm sa nhân Bản Lướt");
    expect(rounds).toContain(formatMoneyWithWords(10_000_000n, "vi"));

    const id = await walk(leader.cookie, roundId, groupId);
    const row = await applicationRow(id);
    expect(row).toMatchObject({
      status: "submitted",
      requestedAmount: completeTotal,
      ownContributionCash: 2_000_000n,
      membersTakingPart: 25,
      womenTakingPart: 21,
      baselineIncome: 1_500_000n,
      targetIncome: 2_500_000n,
      submittedBy: leader.id,
      activityType: "medicinal_herbs",
    });
    expect(row.consentAt).toBeInstanceOf(Date);

    const [transition] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "application.submitted")));
    expect(transition).toMatchObject({ actorId: leader.id, onBehalfOf: null, entityType: "application" });
    expect(transition.data).toMatchObject({ from: "draft", to: "submitted" });

    const mails = await db.select().from(outbox).where(eq(outbox.template, "application-submitted"));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([admin.email, leader.email].sort());
    expect(mails.find((m) => m.toAddress === leader.email)?.subject).toBe("Đã nhận hồ sơ: Trồng và sấy sa nhân tím dưới tán rừng");
    expect(mails.find((m) => m.toAddress === admin.email)?.text).toContain("Hồ sơ đang chờ sàng lọc");
    const notices = await db.select().from(notifications).where(eq(notifications.messageKey, "applications.notice.submitted"));
    expect(notices.map((n) => n.userId).sort()).toEqual([admin.id, leader.id].sort());

    const list = await (await get(`${server.url}/applications`, leader.cookie)).text();
    expect(list).toContain("Đã nộp, đang được xem xét");
    expect(list).toContain("Không cần làm gì: chương trình đang xem hồ sơ");
    expect(list).toContain("Nộp hồ sơ");

    const overview = await get(`${server.url}/applications/${id}?done=submitted`, leader.cookie);
    const html = await overview.text();
    expect(html).toContain("Đã nộp hồ sơ. Chương trình sẽ xem");
    expect(html).toContain("Bắt đầu làm hồ sơ");
    // Once submitted the wizard is closed: its pages say so, its posts are refused.
    const closed = await get(`${server.url}/applications/${id}/step/1`, leader.cookie);
    expect(closed.status).toBe(200);
    const closedHtml = await closed.text();
    expect(closedHtml).toContain("Hồ sơ đã nộp nên không sửa được nữa.");
    expect(closedHtml).not.toContain('name="title"');
    const late = await postForm(`${server.url}/applications/${id}/step/1`, { intent: "stay", title: "Đổi tên" }, { cookie: leader.cookie });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Hồ sơ đã nộp nên không sửa được nữa.");
    expect((await applicationRow(id)).title).toBe(completeAnswers[1].title);
  });

  it("lets a facilitator do the same for a group she supports, recorded on the group's behalf", async () => {
    const roundId = (await makeRound()).id;
    const facilitator = await person(server, ["facilitator"], "Hà Thị Mai");
    const groupId = (await makeGroup({ facilitatorIds: [facilitator.id], name: "Hợp tác xã tre Nậm Cang" })).id;
    const id = await walk(facilitator.cookie, roundId, groupId);

    const rows = await db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["application.created", "application.saved", "application.attachment_added", "application.submitted"]),
    );
    for (const row of rows) {
      expect(row.actorId).toBe(facilitator.id);
      expect(row.onBehalfOf).toBe(`group:${groupId}`);
    }
    // A group with no leader account: the admins are e-mailed, the facilitator hears in the app.
    const mails = await db.select().from(outbox).where(eq(outbox.template, "application-submitted"));
    expect(mails.filter((m) => m.html.includes("Hợp tác xã tre Nậm Cang")).map((m) => m.toAddress)).toEqual([admin.email]);
    const notice = await db.select().from(notifications).where(eq(notifications.userId, facilitator.id));
    expect(notice.map((n) => n.link)).toContain(`/applications/${id}`);

    const overview = await (await get(`${server.url}/applications/${id}`, facilitator.cookie)).text();
    expect(overview).toContain("do Hà Thị Mai, làm thay nhóm");
  });

  it("keeps one application per group per round, even when the start is posted twice at once", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(server);
    const starts = await Promise.all(
      [1, 2, 3].map(() => postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie: leader.cookie })),
    );
    const ids = new Set(starts.map((r) => idFrom(r.headers.get("Location"))));
    expect(ids.size).toBe(1);
    const again = await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie: leader.cookie });
    expect(again.headers.get("Location")).toContain([...ids][0]);
    const created = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "application.created"), eq(auditLog.entityId, [...ids][0])));
    expect(created).toHaveLength(1);
  });

  it("refuses to start an application in a closed round", async () => {
    const roundId = (await makeRound({ opensAt: daysFromNow(-30), closesAt: daysFromNow(-1) })).id;
    const { leader, groupId } = await groupWithLeader(server);
    const response = await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie: leader.cookie });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain("Vòng này đã hết hạn nộp hồ sơ.");
  });
});

describe("budget lines without JavaScript", () => {
  it("adds and removes lines with buttons, and the server keeps the total", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(server);
    const start = await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie: leader.cookie });
    const id = idFrom(start.headers.get("Location"));
    const url = `${server.url}/applications/${id}/step/2`;
    const rows = (html: string) => (html.match(/name="item"/g) ?? []).length;

    // A new budget offers three empty rows.
    expect(rows(await (await get(url, leader.cookie)).text())).toBe(3);

    const add = await postForm(url, { intent: "add-line", item: ["Lò sấy", "", ""], quantity: ["2", "", ""], unitCost: ["4.500.000", "", ""] }, { cookie: leader.cookie });
    expect(add.status).toBe(302);
    const afterAdd = await (await get(`${server.url}${add.headers.get("Location")}`, leader.cookie)).text();
    expect(rows(afterAdd)).toBe(4);
    expect(afterAdd).toContain(formatMoneyWithWords(9_000_000n, "vi"));

    await postForm(
      url,
      { intent: "stay", item: ["Lò sấy", "Giống", "Bao tải", ""], quantity: ["2", "1000", "50", ""], unitCost: ["4.500.000", "12.000", "8.000", ""] },
      { cookie: leader.cookie },
    );
    expect((await applicationRow(id)).requestedAmount).toBe(9_000_000n + 12_000_000n + 400_000n);

    // Remove the second line: the rows posted are what the person sees, minus that one.
    const remove = await postForm(
      url,
      { intent: "remove-line:1", item: ["Lò sấy", "Giống", "Bao tải", ""], quantity: ["2", "1000", "50", ""], unitCost: ["4.500.000", "12.000", "8.000", ""] },
      { cookie: leader.cookie },
    );
    expect(remove.status).toBe(302);
    const lines = await db.select().from(budgetLines).where(eq(budgetLines.applicationId, id)).orderBy(asc(budgetLines.position));
    expect(lines.map((l) => [l.item, l.quantity, l.unitCost, l.total])).toEqual([
      ["Lò sấy", 2, 4_500_000n, 9_000_000n],
      ["Bao tải", 50, 8_000n, 400_000n],
    ]);
    expect((await applicationRow(id)).requestedAmount).toBe(9_400_000n);
    const page = await (await get(`${server.url}${remove.headers.get("Location")}`, leader.cookie)).text();
    expect(page).toContain(formatMoneyWithWords(9_400_000n, "vi"));
    // Each saved line shows its own total, as money.
    expect(page.replace(/<!-- -->/g, "")).toContain(`Thành tiền: ${formatMoney(9_000_000n, "vi")}`);

    // A half-filled row can be removed even though it could not be saved.
    const half = await postForm(url, { intent: "remove-line:2", item: ["Lò sấy", "Bao tải", "Dây"], quantity: ["2", "50", ""], unitCost: ["4.500.000", "8.000", ""] }, { cookie: leader.cookie });
    expect(half.status).toBe(302);
    const kept = await postForm(url, { intent: "stay", item: ["Lò sấy", "Bao tải", "Dây"], quantity: ["2", "50", ""], unitCost: ["4.500.000", "8.000", ""] }, { cookie: leader.cookie });
    expect(kept.status).toBe(400);
    expect(await kept.text()).toContain("Mỗi khoản chi cần đủ tên, số lượng và đơn giá.");
    expect((await applicationRow(id)).requestedAmount).toBe(9_400_000n);
  });

  it("saves as the person types (autosave), answering with the amounts in words", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(server);
    const id = idFrom((await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie: leader.cookie })).headers.get("Location"));
    const response = await postForm(
      `${server.url}/applications/${id}/step/3.data`,
      { intent: "autosave", membersTakingPart: "12", womenTakingPart: "", baselineIncome: "1.200.000", targetIncome: "" },
      { cookie: leader.cookie },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("một triệu hai trăm nghìn đồng");
    const row = await applicationRow(id);
    expect(row).toMatchObject({ membersTakingPart: 12, womenTakingPart: null, baselineIncome: 1_200_000n, step: 3 });
    // Autosave does not move the resume point past the step being typed.
    expect(row.step).toBe(3);
  });
});

describe("the round's limits on the amount", () => {
  // Issue 16, item 6: screening fails an amount outside the round's limits, so the group hears it
  // at the budget step (also as she types) and, plainly, before she submits.
  it("warns at the budget step and before submission, which still goes ahead", async () => {
    const roundId = (await makeRound({ minGrant: 5_000_000n, maxGrant: 20_000_000n })).id;
    const { leader, groupId } = await groupWithLeader(server);
    const id = idFrom((await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie: leader.cookie })).headers.get("Location"));
    const step = (n: number) => `${server.url}/applications/${id}/step/${n}`;
    const overMax = `Tổng số tiền xin cao hơn mức tối đa của vòng (${formatMoneyWithWords(20_000_000n, "vi")})`;
    const willFail = "Nếu nộp như vậy, hồ sơ sẽ không qua bước sàng lọc";

    // Nothing to warn of before any line is written.
    expect(await (await get(step(2), leader.cookie)).text()).not.toContain("sẽ không qua bước sàng lọc");
    for (const n of [1, 2, 3, 4] as const) await postForm(step(n), { intent: "next", ...completeAnswers[n] }, { cookie: leader.cookie });
    expect((await applicationRow(id)).requestedAmount).toBe(completeTotal);
    expect(await (await get(step(2), leader.cookie)).text()).toContain(overMax);
    await postForm(step(5), { intent: "next" }, { cookie: leader.cookie });
    const review = await (await get(step(6), leader.cookie)).text();
    expect(review).toContain(overMax);
    expect(review).toContain(willFail);
    expect(review).toContain(`href="/applications/${id}/step/2"`);

    // As she types: a budget under the minimum is named, one within the limits clears the warning.
    const autosave = (unitCost: string) =>
      postForm(step(2) + ".data", { ...completeAnswers[2], intent: "autosave", item: ["Giống sa nhân"], quantity: ["1"], unitCost: [unitCost] }, { cookie: leader.cookie }).then((r) => r.text());
    expect(await autosave("1.000.000")).toContain("applications.budget.underMin");
    const within = await autosave("10.000.000");
    expect(within).not.toContain("applications.budget.");
    expect(within).toContain("limitWarning");
    expect(await (await get(step(6), leader.cookie)).text()).not.toContain(willFail);

    // Over the maximum again: the group may still submit, having been told.
    await postForm(step(2), { intent: "stay", ...completeAnswers[2] }, { cookie: leader.cookie });
    const submitted = await postForm(step(6), { intent: "submit", consent: "yes" }, { cookie: leader.cookie });
    expect(submitted.status).toBe(302);
    expect((await applicationRow(id)).status).toBe("submitted");
  });
});

describe("attachments", () => {
  it("stores photos re-encoded, upright and without EXIF or GPS, and serves them only as downloads", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(server);
    const id = idFrom((await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie: leader.cookie })).headers.get("Location"));
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const response = await upload(`${server.url}/applications/${id}/step/5`, leader.cookie, { bytes: original, name: "../../etc/ảnh.jpg", type: "image/jpeg" });
    expect(response.status).toBe(302);
    const [stored] = await db.select().from(attachments).where(eq(attachments.applicationId, id));
    expect(stored).toMatchObject({ mime: "image/jpeg", originalName: "ảnh.jpg", kind: "photo" });
    expect(stored.storageKey).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    const bytes = await readFile(stored.storageKey);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(bytes.toString("latin1")).not.toContain("PhoneCo");

    const download = await get(`${server.url}/applications/${id}/attachments/${stored.id}`, leader.cookie);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("image/jpeg");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toBe(`attachment; filename="anh.jpg"; filename*=UTF-8''${encodeURIComponent("ảnh.jpg")}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    const adminCopy = await get(`${server.url}/applications/${id}/attachments/${stored.id}`, admin.cookie);
    expect(adminCopy.status).toBe(200);

    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    const sent = await upload(`${server.url}/applications/${id}/step/5`, leader.cookie, { bytes: pdf, name: "bao-gia.pdf", type: "application/pdf" }, { kind: "quote" });
    expect(sent.status).toBe(302);
    const files = await db.select().from(attachments).where(eq(attachments.applicationId, id)).orderBy(asc(attachments.createdAt));
    expect(files.map((f) => [f.kind, f.mime])).toEqual([
      ["photo", "image/jpeg"],
      ["quote", "application/pdf"],
    ]);

    const removed = await postForm(`${server.url}/applications/${id}/step/5`, { intent: `remove-attachment:${stored.id}` }, { cookie: leader.cookie });
    expect(removed.status).toBe(302);
    expect((await db.select().from(attachments).where(eq(attachments.applicationId, id))).map((f) => f.kind)).toEqual(["quote"]);
    await expect(readFile(stored.storageKey)).rejects.toThrow();
    expect((await get(`${server.url}/applications/${id}/attachments/${stored.id}`, leader.cookie)).status).toBe(404);
  });
});
