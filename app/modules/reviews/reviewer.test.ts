import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationScores, auditLog, notifications, outbox, reviewAssignments, reviewerConflicts, reviewScores } from "../../../db/schema";
import { db } from "../../infra/db.server";
import { get, logInOver, makeUser, postForm, startServer, type TestServer } from "../../testing/fixtures";
import { putFile } from "../../infra/storage.server";
import { assignmentById, makeAssignment, makeAttachment, makeEligibleApplication, makeGroup, makeScoredRound } from "../../testing/factories";

// The reviewer's work over real HTTP: declaration first, the application without personal data,
// scores checked against the rubric, one submission, others' scores only after her own.

const PHONE = "+84912345678";
const LAST4 = "0537";
const MEMBERS = [
  { name: "Lò Thị Hoa", gender: "female" as const, ethnicityCode: "03", role: "leader" },
  { name: "Sùng Thị Mỷ", gender: "female" as const, ethnicityCode: "02" },
  { name: "Giàng A Páo", gender: "male" as const, ethnicityCode: null },
];
const PLAN = "Chị Lò Thị Hoa giữ sổ, gọi 0912 345 678 khi cần. Tiền gửi vào STK 1903 4567 890 537.";

let server: TestServer;
let cookies: Record<"r1" | "r2" | "r3" | "r4" | "admin", string>;
let people: Record<"r1" | "r2" | "r3" | "r4" | "admin", { id: string; email: string }>;
let roundId: string;
let applicationId: string;
let a1: string; // r1's assignment
let a2: string; // r2's assignment
let a3: string; // r3's assignment (she will declare a conflict)
let a4: string; // r4's assignment (left undeclared)

beforeAll(async () => {
  server = await startServer();
  people = {
    r1: await makeUser(["reviewer"], { name: "Đinh Văn Khải" }),
    r2: await makeUser(["reviewer"], { name: "Hà Thị Lan" }),
    r3: await makeUser(["reviewer"], { name: "Vàng Thị Dính" }),
    r4: await makeUser(["reviewer"], { name: "Phạm Minh Tú" }),
    admin: await makeUser(["admin"], { name: "Nguyễn Thu Hà" }),
  };
  cookies = {
    r1: await logInOver(server, people.r1.email),
    r2: await logInOver(server, people.r2.email),
    r3: await logInOver(server, people.r3.email),
    r4: await logInOver(server, people.r4.email),
    admin: await logInOver(server, people.admin.email),
  };
  const { round } = await makeScoredRound({ reviewersPerApplication: 2 });
  roundId = round.id;
  const group = await makeGroup({ recordedBy: people.admin.id, phone: PHONE, bankName: "Ngân hàng Agribank", bankAccountLast4: LAST4, members: MEMBERS });
  const application = await makeEligibleApplication(round.id, group.id, { plan: PLAN });
  applicationId = application.id;
  a1 = (await makeAssignment(applicationId, people.r1.id)).id;
  a2 = (await makeAssignment(applicationId, people.r2.id)).id;
  a3 = (await makeAssignment(applicationId, people.r3.id)).id;
  a4 = (await makeAssignment(applicationId, people.r4.id)).id;
});
afterAll(() => server.close());

const url = (id: string) => `${server.url}/reviews/${id}`;

async function counts() {
  const n = async (table: typeof reviewScores | typeof auditLog | typeof reviewerConflicts | typeof notifications | typeof outbox) =>
    (await db.select({ n: count() }).from(table))[0].n;
  return { scores: await n(reviewScores), audit: await n(auditLog), conflicts: await n(reviewerConflicts), notices: await n(notifications), mail: await n(outbox) };
}

/** What the scoreboard reads of the application's submitted reviews. */
async function keptScores() {
  const [row] = await db
    .select({ score: applicationScores.score, spread: applicationScores.spread, reviewsDone: applicationScores.reviewsDone, criterionMeans: applicationScores.criterionMeans })
    .from(applicationScores)
    .where(eq(applicationScores.applicationId, applicationId));
  return row ?? null;
}

/** A complete, valid score sheet for the default rubric (max 10, 5, 20). */
function fullSheet(tag: string, overrides: Record<string, string> = {}) {
  return {
    score_1: "8",
    comment_1: `${tag}: phụ nữ giữ vai trò chính`,
    score_2: "4",
    comment_2: `${tag}: kế hoạch rõ`,
    score_3: "15",
    comment_3: `${tag}: có quy tắc thu hái`,
    recommendation: "fund",
    overallComment: `${tag}: nên tài trợ`,
    ...overrides,
  };
}

/** The page's HTML with ids taken out, so a 4-digit check cannot be fooled by a random uuid. */
function withoutIds(html: string) {
  return html.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "");
}

function expectNoPersonalData(html: string) {
  const page = withoutIds(html);
  for (const phone of [PHONE, "0912345678", "0912 345 678", "912345678", "912 345 678"]) expect(page).not.toContain(phone);
  expect(page).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${LAST4}(?![0-9A-Za-z])`));
  expect(page).not.toContain("1903");
  expect(page).not.toContain("Agribank");
  for (const member of MEMBERS) expect(page).not.toContain(member.name);
}

describe("before the declaration", () => {
  it("shows the group's name and place but nothing of the application", async () => {
    const response = await get(url(a1), cookies.r1);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Nhóm phụ nữ trồng sâm Tả Van");
    expect(html).toContain("Tôi không có xung đột lợi ích với nhóm này");
    expect(html).not.toContain("Vườn ươm cây thuốc dưới tán rừng");
    expect(html).not.toContain("giữ sổ");
    expect(html).not.toContain("Cây giống");
    expectNoPersonalData(html);
  });

  it("refuses scores before the declaration, writing nothing", async () => {
    const before = await counts();
    const response = await postForm(url(a4), { intent: "draft", ...fullSheet("r4") }, { cookie: cookies.r4 });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Hãy khai báo xung đột lợi ích trước khi chấm.");
    expect(await counts()).toEqual(before);
    expect((await assignmentById(a4))?.status).toBe("assigned");
  });

  it("lists her work with what is left to do, without the application's title", async () => {
    const html = await (await get(`${server.url}/reviews`, cookies.r4)).text();
    expect(html).toContain("Bạn còn 1 hồ sơ cần chấm.");
    expect(html).toContain("Việc cần làm: khai báo xung đột lợi ích trước khi đọc hồ sơ.");
    expect(html).not.toContain("Vườn ươm cây thuốc dưới tán rừng");
    expectNoPersonalData(html);
  });
});

describe("an assignment that is not hers", () => {
  it("is a 404 to read and to post, and nothing is written", async () => {
    expect((await get(url(a1), cookies.r2)).status).toBe(404);
    const before = await counts();
    for (const intent of ["none", "draft", "submit"]) {
      const response = await postForm(url(a1), { intent, ...(intent === "none" ? {} : fullSheet("r2")) }, { cookie: cookies.r2 });
      expect(response.status).toBe(404);
    }
    const conflict = await postForm(url(a1), { intent: "conflict", reason: "thử" }, { cookie: cookies.r2 });
    expect(conflict.status).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await assignmentById(a1))?.status).toBe("assigned");
  });

  it("is refused to an admin, who is not a reviewer", async () => {
    expect((await get(url(a1), cookies.admin)).status).toBe(403);
  });
});

describe("declaring no conflict", () => {
  it("opens the application without phone numbers, bank details or members' names", async () => {
    const declared = await postForm(url(a1), { intent: "none" }, { cookie: cookies.r1 });
    expect(declared.status).toBe(200);
    expect(await declared.text()).toContain("Đã ghi nhận: bạn không có xung đột lợi ích.");
    const row = await assignmentById(a1);
    expect(row?.status).toBe("in_progress");
    expect(row?.noConflictAt).not.toBeNull();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "review.in_progress"), eq(auditLog.entityId, a1)));
    expect(audit.actorId).toBe(people.r1.id);

    const html = await (await get(url(a1), cookies.r1)).text();
    expect(html).toContain("Vườn ươm cây thuốc dưới tán rừng");
    expect(html).toContain("Cây giống");
    expect(html).toContain("48.000.000\u00a0₫ — bốn mươi tám triệu đồng");
    // The roster as counts only: three members, two women, two ethnic groups said.
    expect(html).toContain("3 thành viên, trong đó 2 phụ nữ; 2 dân tộc");
    // Her free text is kept, with the name, phone and account taken out.
    expect(html).toContain("giữ sổ, gọi […] khi cần. Tiền gửi vào STK […].");
    expectNoPersonalData(html);
  });

  it("cannot be declared twice", async () => {
    const before = await counts();
    const again = await postForm(url(a1), { intent: "conflict", reason: "đổi ý" }, { cookie: cookies.r1 });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Bạn đã khai báo về xung đột lợi ích cho hồ sơ này rồi.");
    expect(await counts()).toEqual(before);
  });
});

describe("scoring", () => {
  it("refuses bad scores and missing answers with clear messages, writing nothing", async () => {
    const cases: [string, Record<string, string>, string][] = [
      ["submit", fullSheet("r1", { score_1: "11" }), "Hãy nhập một số từ 0 đến 10."],
      ["draft", fullSheet("r1", { score_2: "6" }), "Hãy nhập một số từ 0 đến 5."],
      ["submit", fullSheet("r1", { score_3: "7.5" }), "Hãy nhập một số nguyên. Ví dụ: 12"],
      ["draft", fullSheet("r1", { score_3: "7,5" }), "Hãy nhập một số nguyên. Ví dụ: 12"],
      ["submit", fullSheet("r1", { score_1: "-1" }), "Hãy nhập một số nguyên. Ví dụ: 12"],
      ["submit", fullSheet("r1", { comment_2: "   " }), "Vui lòng điền mục này."],
      ["submit", fullSheet("r1", { score_2: "" }), "Vui lòng điền mục này."],
      ["submit", fullSheet("r1", { overallComment: "" }), "Vui lòng điền mục này."],
      ["submit", fullSheet("r1", { recommendation: "" }), "Hãy chọn một đề xuất."],
      ["submit", fullSheet("r1", { recommendation: "maybe" }), "Hãy chọn một đề xuất."],
      ["draft", { score_1: "", comment_1: "chưa chấm mà đã nhận xét" }, "Hãy cho điểm để lưu nhận xét này."],
      ["draft", fullSheet("r1", { score_4: "3" }), "Biểu mẫu có mục không được phép."],
      ["draft", fullSheet("r1", { status: "submitted" }), "Biểu mẫu có mục không được phép."],
    ];
    const before = await counts();
    for (const [intent, fields, message] of cases) {
      const response = await postForm(url(a1), { intent, ...fields }, { cookie: cookies.r1 });
      expect(response.status, `${intent} ${JSON.stringify(fields)}`).toBe(400);
      expect(await response.text(), message).toContain(message);
    }
    expect(await counts()).toEqual(before);
    expect((await assignmentById(a1))?.status).toBe("in_progress");
  });

  it("saves a partial draft and reads it back", async () => {
    const response = await postForm(url(a1), { intent: "draft", score_1: "7", comment_1: "Bản nháp r1", score_2: "", comment_2: "" }, { cookie: cookies.r1 });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Đã lưu nháp.");
    const scores = await db.select().from(reviewScores).where(eq(reviewScores.assignmentId, a1));
    expect(scores.map((s) => [s.score, s.comment])).toEqual([[7, "Bản nháp r1"]]);
    expect((await assignmentById(a1))?.status).toBe("in_progress");
    const html = await (await get(url(a1), cookies.r1)).text();
    expect(html).toContain("Bản nháp r1");
    const list = await (await get(`${server.url}/reviews`, cookies.r1)).text();
    expect(list).toContain("Đã chấm 1/3 tiêu chí.");
  });

  it("hides other reviewers' scores until she has submitted her own", async () => {
    expect((await postForm(url(a2), { intent: "none" }, { cookie: cookies.r2 })).status).toBe(200);
    const submitted = await postForm(url(a2), { intent: "submit", ...fullSheet("R2-riêng", { score_1: "3" }) }, { cookie: cookies.r2 });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toContain("Đã gửi bài chấm.");
    const row = await assignmentById(a2);
    expect(row?.status).toBe("submitted");
    expect(row?.recommendation).toBe("fund");
    expect(row?.submittedAt).not.toBeNull();

    const before = await (await get(url(a1), cookies.r1)).text();
    expect(before).toContain("Bạn sẽ thấy điểm của người chấm khác sau khi gửi bài chấm của mình.");
    expect(before).not.toContain("R2-riêng");

    const mine = await postForm(url(a1), { intent: "submit", ...fullSheet("R1-riêng") }, { cookie: cookies.r1 });
    expect(mine.status).toBe(200);
    const after = await (await get(url(a1), cookies.r1)).text();
    expect(after).toContain("R2-riêng: kế hoạch rõ");
    expect(after).toContain("Hà Thị Lan");
    expect(after).toContain("R1-riêng: nên tài trợ");
    // The others' reviews are theirs: nothing in them says "your" (issue 16, item 10).
    const others = after.slice(after.indexOf('id="others"'));
    expect(others).toContain("Hà Thị Lan");
    expect(others).toContain("Đề xuất");
    expect(others).not.toContain("của bạn");
    expectNoPersonalData(after);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "review.submitted"), eq(auditLog.entityId, a1)));
    expect(audit.data).toMatchObject({ from: "in_progress", to: "submitted", recommendation: "fund" });
    // Weights 3, 2, 1 out of 10, 5, 20: r2 (3, 4, 15) = 54.17 and r1 (8, 4, 15) = 79.17.
    expect(await keptScores()).toEqual({ score: "66.666667", spread: "25.000000", reviewsDone: 2, criterionMeans: { "1": 5.5, "2": 4, "3": 15 } });
  });

  it("refuses a second submission (and a draft after it), writing nothing", async () => {
    const before = await counts();
    const scoresBefore = await db.select().from(reviewScores).where(eq(reviewScores.assignmentId, a1));
    for (const intent of ["submit", "draft"]) {
      const response = await postForm(url(a1), { intent, ...fullSheet("again", { score_1: "1" }) }, { cookie: cookies.r1 });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain("Bài chấm này đã được gửi và đã khoá. Không gửi lại được.");
    }
    expect(await counts()).toEqual(before);
    expect(await db.select().from(reviewScores).where(eq(reviewScores.assignmentId, a1))).toEqual(scoresBefore);
  });
});

describe("a declared conflict", () => {
  it("needs a reason", async () => {
    const before = await counts();
    const response = await postForm(url(a3), { intent: "conflict", reason: "" }, { cookie: cookies.r3 });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Vui lòng điền mục này.");
    expect(await counts()).toEqual(before);
  });

  it("recuses her, records the conflict with the group and tells the admins by notice and e-mail", async () => {
    const response = await postForm(url(a3), { intent: "conflict", reason: "Tôi là em họ của trưởng nhóm." }, { cookie: cookies.r3 });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Đã ghi nhận xung đột lợi ích.");
    const row = await assignmentById(a3);
    expect(row?.status).toBe("conflict");
    expect(row?.conflictReason).toBe("Tôi là em họ của trưởng nhóm.");
    const conflicts = await db.select().from(reviewerConflicts).where(eq(reviewerConflicts.reviewerId, people.r3.id));
    expect(conflicts).toHaveLength(1);
    const notices = await db.select().from(notifications).where(eq(notifications.userId, people.admin.id));
    expect(notices.map((n) => n.messageKey)).toContain("reviews.notice.conflict");
    expect(notices.find((n) => n.messageKey === "reviews.notice.conflict")?.link).toBe(`/admin/rounds/${roundId}/reviewers/${a3}`);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, people.admin.email));
    expect(mail.subject).toBe("Người chấm khai báo xung đột lợi ích");
    expect(mail.text).toContain("Tôi là em họ của trưởng nhóm.");
    expect(mail.text).toContain("Vàng Thị Dính");
  });

  it("refuses any review posted afterwards (403), writing nothing, and shows nothing of the application", async () => {
    const before = await counts();
    for (const intent of ["draft", "submit"]) {
      const response = await postForm(url(a3), { intent, ...fullSheet("r3") }, { cookie: cookies.r3 });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Bạn đã khai báo xung đột lợi ích với hồ sơ này nên không thể chấm.");
    }
    const none = await postForm(url(a3), { intent: "none" }, { cookie: cookies.r3 });
    expect(none.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(await db.select().from(reviewScores).where(eq(reviewScores.assignmentId, a3))).toEqual([]);
    const html = await (await get(url(a3), cookies.r3)).text();
    expect(html).not.toContain("Vườn ươm cây thuốc dưới tán rừng");
    expect(html).toContain("Bạn đã rút khỏi hồ sơ này");
  });
});

describe("the admin reopening a submitted review", () => {
  const adminUrl = () => `${server.url}/admin/rounds/${roundId}/reviewers/${a1}`;

  it("needs a reason and writes nothing without one", async () => {
    const before = await counts();
    const response = await postForm(adminUrl(), { intent: "reopen", reason: "" }, { cookie: cookies.admin });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Vui lòng điền mục này.");
    expect(await counts()).toEqual(before);
    expect((await assignmentById(a1))?.status).toBe("submitted");
  });

  it("puts it back in progress, logged with the reason, and tells the reviewer", async () => {
    const response = await postForm(adminUrl(), { intent: "reopen", reason: "Tiêu chí 2 cần giải thích thêm." }, { cookie: cookies.admin });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Đã mở lại bài chấm.");
    const row = await assignmentById(a1);
    expect(row?.status).toBe("in_progress");
    expect(row?.submittedAt).toBeNull();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "review.in_progress"), eq(auditLog.entityId, a1), eq(auditLog.actorId, people.admin.id)));
    expect(audit.data).toMatchObject({ from: "submitted", to: "in_progress", reason: "Tiêu chí 2 cần giải thích thêm." });
    const notices = await db.select().from(notifications).where(eq(notifications.userId, people.r1.id));
    expect(notices.map((n) => n.messageKey)).toContain("reviews.notice.reopened");
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, people.r1.email));
    expect(mail.subject).toBe("Bài chấm của bạn đã được mở lại");
    expect(mail.text).toContain("Tiêu chí 2 cần giải thích thêm.");
    // Only r2's review counts on the scoreboard until r1 submits again.
    expect(await keptScores()).toEqual({ score: "54.166667", spread: "0.000000", reviewsDone: 1, criterionMeans: { "1": 3, "2": 4, "3": 15 } });

    // Back in progress: others' scores are hidden again, and she can change and submit again.
    const page = await (await get(url(a1), cookies.r1)).text();
    expect(page).not.toContain("R2-riêng");
    const resubmitted = await postForm(url(a1), { intent: "submit", ...fullSheet("R1-lần-hai") }, { cookie: cookies.r1 });
    expect(resubmitted.status).toBe(200);
    expect((await assignmentById(a1))?.status).toBe("submitted");
    expect((await keptScores())?.reviewsDone).toBe(2);
  });

  it("cannot reopen a review that is not submitted", async () => {
    const before = await counts();
    const response = await postForm(`${server.url}/admin/rounds/${roundId}/reviewers/${a4}`, { intent: "reopen", reason: "thử" }, { cookie: cookies.admin });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Chỉ mở lại được bài chấm đã gửi.");
    expect(await counts()).toEqual(before);
  });
});

describe("the assignment ids", () => {
  it("answer 404 when unknown or malformed", async () => {
    expect((await get(`${server.url}/reviews/not-a-uuid`, cookies.r1)).status).toBe(404);
    expect((await get(`${server.url}/reviews/00000000-0000-4000-8000-000000000000`, cookies.r1)).status).toBe(404);
    const assignments = await db.select({ n: count() }).from(reviewAssignments);
    expect(assignments[0].n).toBe(4);
  });
});

describe("the application's photos, quotes and letters", () => {
  // Issue 16, item 9: a reviewer scores with the files in hand, but only those of applications
  // she reviews, not once she has declared a conflict, and under names that name no one.
  it("open for a reviewer who declared no conflict, named by kind, and for no other reviewer", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4 báo giá máy sấy");
    const file = await makeAttachment(applicationId, people.admin.id, {
      kind: "quote",
      originalName: "Bao gia - Lò Thị Hoa 0912345678.pdf",
      storageKey: await putFile(bytes, "pdf"),
      size: bytes.byteLength,
    });
    const path = `${server.url}/applications/${applicationId}/attachments/${file.id}`;

    const page = await (await get(url(a1), cookies.r1)).text();
    expect(page).toContain(`/applications/${applicationId}/attachments/${file.id}`);
    expect(page).toContain("Báo giá 1");
    expectNoPersonalData(page);

    const download = await get(path, cookies.r1);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    const disposition = download.headers.get("Content-Disposition") ?? "";
    expect(disposition).toContain("quote-1.pdf");
    expect(disposition).not.toMatch(/Hoa|0912345678/);

    // Recused (r3), not yet declared (r4), not assigned: no file, and nothing of it on r3's page.
    const stranger = await makeUser(["reviewer"]);
    for (const cookie of [cookies.r3, cookies.r4, await logInOver(server, stranger.email)]) {
      expect((await get(path, cookie)).status).toBe(404);
    }
    expect(await (await get(url(a3), cookies.r3)).text()).not.toContain(file.id);

    // Her assignment does not open another application's file through this one's address.
    const other = await makeEligibleApplication(roundId, (await makeGroup()).id);
    const elsewhere = await makeAttachment(other.id, people.admin.id, { storageKey: await putFile(bytes, "pdf") });
    expect((await get(`${server.url}/applications/${applicationId}/attachments/${elsewhere.id}`, cookies.r1)).status).toBe(404);
    expect((await get(`${server.url}/applications/${other.id}/attachments/${elsewhere.id}`, cookies.r1)).status).toBe(404);
  });
});
