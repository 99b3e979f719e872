import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";
import { idFromLink, logInWith, logOut, waitForHydration } from "./helpers";

// From eligible applications to a decision the group reads, in the closed pilot round of the demo
// data: the admin assigns reviewers; one reviewer declares no conflict and scores; another
// declares a conflict and the admin gives that review to someone else; the admin approves an
// application from the ranked list, with a reason; the group's facilitator reads the decision.
//
// The js and no-js projects share one database: each run picks what is still open (a review not
// started, an application not decided), so neither depends on the other having run, or not.

const CLOSED_ROUND = "Vòng thử nghiệm 2026";
const PROGRAMME = "Sinh kế rừng do phụ nữ làm chủ 2027";
// Demo reviewers (db/demo-reviews.ts): reviewer2 and reviewer3 are both assigned to the first,
// not yet started, applications of the round.
const scorer = { email: "reviewer3@gieo.test", name: "Vũ Minh Tâm" };
const recused = { email: "reviewer2@gieo.test", name: "Hoàng Thị Thu" };

async function ready(page: Page) {
  await waitForHydration(page);
  await expectNoSeriousA11yViolations(page);
}

/** "1.234.500.000 ₫ — một tỷ …" → 1234500000n. */
function figures(text: string | null): bigint {
  const digits = text?.match(/^\s*([\d.]+)\s*₫/)?.[1];
  if (!digits) throw new Error(`no amount in “${text}”`);
  return BigInt(digits.replace(/\./g, ""));
}

function money(amount: bigint): string {
  return `${new Intl.NumberFormat("vi-VN").format(amount)} ₫`;
}

test.describe("reviewing and deciding a round", () => {
  test("reviewers are assigned, score or recuse, the admin approves one, and the group reads why", async ({ page }, testInfo) => {
    test.setTimeout(480_000);
    const tag = `${testInfo.project.name} ${Date.now()}`;

    // 1. The facilitator sees which of her groups' applications wait for the committee.
    await loginAs(page, "facilitator");
    await ready(page);
    await page.goto("/applications");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ xin tài trợ");
    const waiting = page
      .locator("main article")
      .filter({ hasText: CLOSED_ROUND })
      .filter({ hasText: "Tình trạng: Đủ điều kiện, chờ hội đồng chấm" });
    await expect(waiting.first()).toBeVisible();
    await ready(page);
    const supported = new Set<string>();
    for (const link of await waiting.getByRole("heading", { level: 2 }).getByRole("link").all()) {
      supported.add(await idFromLink(link, /^\/applications\/([0-9a-f-]{36})$/));
    }
    expect(supported.size).toBeGreaterThan(0);
    await logOut(page);

    // 2. The admin finds the closed round and runs the automatic assignment.
    await loginAs(page, "admin");
    await ready(page);
    await page.goto("/admin/programmes");
    await ready(page);
    await page.getByRole("link", { name: PROGRAMME }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(PROGRAMME);
    await ready(page);
    const roundId = await idFromLink(page.getByRole("link", { name: CLOSED_ROUND }), /\/admin\/rounds\/([0-9a-f-]{36})$/);

    await page.goto(`/admin/rounds/${roundId}/reviewers`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Phân công chấm");
    await expect(page.locator("main")).toContainText(/\d+ hồ sơ đang chờ chấm, \d+ hồ sơ còn thiếu người chấm\. Mỗi hồ sơ cần 2 người chấm\./);
    await ready(page);
    await page.getByRole("button", { name: "Phân công tự động" }).click();
    await expect(page.getByRole("status")).toHaveText(/^Đã giao \d+ lượt chấm\. 0 hồ sơ vẫn còn thiếu người chấm\.$/);
    await expect(page.locator("main")).toContainText(/\d+ hồ sơ đang chờ chấm, 0 hồ sơ còn thiếu người chấm\./);
    await ready(page);
    // An application the second reviewer has not started, that someone else could take over.
    const movable = page
      .locator("main article")
      .filter({ hasText: `${recused.name} — Chưa bắt đầu` })
      .filter({ has: page.getByText("Giao cho một người chấm", { exact: true }) })
      .first();
    await expect(movable).toBeVisible();
    const conflictGroup = (await movable.locator("p.muted").first().textContent())!.split(" · ")[0].trim();
    expect(conflictGroup).not.toBe("");
    await logOut(page);

    // 3. A reviewer declares no conflict on an application not started yet and scores it.
    await logInWith(page, scorer.email, DEMO_PASSWORD, scorer.name);
    await ready(page);
    await page.goto("/reviews");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chấm điểm hồ sơ");
    await expect(page.locator("main")).toContainText(/Bạn còn \d+ hồ sơ cần chấm\./);
    await ready(page);
    const notStarted = page
      .locator("main article")
      .filter({ hasText: "Chưa bắt đầu — Việc cần làm: khai báo xung đột lợi ích trước khi đọc hồ sơ." })
      .first();
    const scoredGroup = (await notStarted.getByRole("link").textContent())!.trim();
    await notStarted.getByRole("link").click();
    await expect(page).toHaveURL(/\/reviews\/[0-9a-f-]{36}$/);
    const scoredUrl = new URL(page.url()).pathname;
    // Before the declaration, only the group's name and place: no answers, no scoring form.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(scoredGroup);
    await expect(page.getByRole("heading", { name: "Trước khi đọc: xung đột lợi ích" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Phiếu chấm" })).toHaveCount(0);
    await ready(page);
    await page.getByRole("button", { name: "Tôi không có xung đột lợi ích với nhóm này" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã ghi nhận: bạn không có xung đột lợi ích. Bây giờ bạn có thể đọc và chấm hồ sơ.");
    await expect(page.locator("main")).toContainText("Đang chấm");
    // The application, without the group's phone, bank account or members' personal data.
    await expect(page.locator("main")).toContainText("Để bảo vệ thành viên, người chấm không thấy số điện thoại");
    await expect(page.locator("main")).not.toContainText("+8491");
    // Others' scores stay hidden until this review is sent.
    await expect(page.locator("main")).toContainText("Bạn sẽ thấy điểm của người chấm khác sau khi gửi bài chấm của mình.");
    await ready(page);

    const form = page.getByRole("region", { name: "Phiếu chấm" });
    const criteria = form.getByRole("group").filter({ has: page.getByLabel(/^Điểm \(từ 0 đến \d+\)$/) });
    const count = await criteria.count();
    expect(count).toBe(5);
    const given: number[] = [];
    for (let i = 0; i < count; i++) {
      const criterion = criteria.nth(i);
      const score = criterion.getByLabel(/^Điểm \(từ 0 đến \d+\)$/);
      const max = Number((await criterion.locator("label").first().textContent())!.match(/đến (\d+)\)/)![1]);
      const value = Math.max(0, max - 1 - (i % 2));
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(max);
      given.push(value);
      await score.fill(String(value));
      await criterion.getByLabel("Nhận xét cho tiêu chí này").fill(`Tiêu chí ${i + 1}: rõ ràng, phù hợp với nhóm (${tag}).`);
    }
    await form.getByRole("group", { name: "Đề xuất của bạn" }).getByLabel("Tài trợ kèm điều kiện").check();
    await form.getByLabel("Nhận xét chung").fill(`Kế hoạch khả thi; nên kèm điều kiện nộp báo giá trước khi nhận tiền (${tag}).`);
    await form.getByRole("button", { name: "Gửi bài chấm" }).click();
    await expect(page).toHaveURL(scoredUrl);
    await expect(page.getByRole("status")).toHaveText("Đã gửi bài chấm. Cảm ơn bạn!");
    await expect(page.getByRole("region", { name: "Phiếu chấm" })).toHaveCount(0);
    const own = page.getByRole("region", { name: "Bài chấm của bạn" });
    await expect(own).toContainText("Tài trợ kèm điều kiện");
    await expect(own).toContainText(`(${tag})`);
    await expect(page.locator("main")).not.toContainText("Bạn sẽ thấy điểm của người chấm khác sau khi gửi bài chấm của mình.");
    await ready(page);
    await page.getByRole("link", { name: "← Danh sách hồ sơ cần chấm" }).click();
    await expect(page.locator("main article").filter({ has: page.locator(`a[href="${scoredUrl}"]`) })).toContainText(
      /Đã gửi — Đã gửi bài chấm ngày \d{2}\/\d{2}\/\d{4}\./,
    );
    await ready(page);
    await logOut(page);

    // 4. Another reviewer declares a conflict with the group the admin's page showed.
    await logInWith(page, recused.email, DEMO_PASSWORD, recused.name);
    await ready(page);
    await page.goto("/reviews");
    await ready(page);
    await page.locator("main article").filter({ hasText: "Chưa bắt đầu" }).getByRole("link", { name: conflictGroup, exact: true }).click();
    await expect(page).toHaveURL(/\/reviews\/[0-9a-f-]{36}$/);
    const conflictAssignment = page.url().match(/\/reviews\/([0-9a-f-]{36})$/)![1];
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(conflictGroup);
    await ready(page);
    const reason = `Tôi là người nhà của trưởng nhóm (${tag}).`;
    await page.getByLabel("Vì sao bạn có xung đột lợi ích?").fill(reason);
    await page.getByRole("button", { name: "Khai báo xung đột và rút khỏi hồ sơ" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã ghi nhận xung đột lợi ích. Bạn đã rút khỏi hồ sơ này.");
    await expect(page.getByRole("heading", { name: "Bạn đã rút khỏi hồ sơ này" })).toBeVisible();
    await expect(page.locator("main")).toContainText(reason);
    // Recused: the application's answers and the scoring form stay closed to her.
    await expect(page.getByRole("heading", { name: "Phiếu chấm" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Dự án", exact: true })).toHaveCount(0);
    await ready(page);
    await logOut(page);

    // 5. The admin is told, and gives the review to the least busy reviewer without a conflict.
    await loginAs(page, "admin");
    await ready(page);
    await page.goto("/notifications");
    await ready(page);
    const conflictNotice = page.locator(`main a[href="/admin/rounds/${roundId}/reviewers/${conflictAssignment}"]`);
    await expect(conflictNotice).toContainText(`${recused.name} khai báo xung đột lợi ích với hồ sơ`);
    await conflictNotice.click();
    await expect(page).toHaveURL(`/admin/rounds/${roundId}/reviewers/${conflictAssignment}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Bài chấm của ${recused.name}`);
    await expect(page.locator("main dl")).toContainText("Đã rút (xung đột lợi ích)");
    await expect(page.locator("main dl")).toContainText(reason);
    await ready(page);
    const reassign = page.getByRole("region", { name: "Giao cho người khác" });
    await expect(reassign.getByLabel("Người chấm")).toHaveValue("auto");
    await reassign.getByRole("button", { name: "Giao cho người này" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/rounds/${roundId}/reviewers/[0-9a-f-]{36}\\?moved=1$`));
    await expect(page).not.toHaveURL(new RegExp(conflictAssignment));
    await expect(page.getByRole("status")).toHaveText("Đã giao hồ sơ cho người chấm mới.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Bài chấm của /);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(`Bài chấm của ${recused.name}`);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(`Bài chấm của ${scorer.name}`);
    await expect(page.locator("main dl")).toContainText("Chưa bắt đầu");
    await ready(page);
    // The round's page lists the new reviewer and keeps the recusal with its reason.
    await page.getByRole("link", { name: `← Phân công chấm: ${CLOSED_ROUND}` }).click();
    const conflictCard = page.locator("main article").filter({ hasText: conflictGroup });
    await expect(conflictCard).toContainText(`${recused.name} — Đã rút (xung đột lợi ích)`);
    await expect(conflictCard).toContainText(`Lý do xung đột: ${reason}`);
    await expect(conflictCard).toContainText("2/2 người chấm");
    await ready(page);

    // 6. The scoreboard: the admin approves an undecided application within the budget.
    await page.goto(`/admin/rounds/${roundId}/scoreboard`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Bảng xếp hạng — ${CLOSED_ROUND}`);
    await ready(page);
    await page.getByLabel("Hiển thị").selectOption({ label: "Chưa quyết định" });
    await page.getByRole("button", { name: "Xem", exact: true }).click();
    await expect(page).toHaveURL(/decided=undecided/);
    await ready(page);
    const rows = page.locator("main tbody tr[data-application]");
    await expect(rows.first()).toBeVisible();
    let chosen: string | null = null;
    // Without one fully reviewed, the admin decides one anyway and records why (the override).
    let shortOfReviews: string | null = null;
    for (const row of await rows.all()) {
      const id = await row.getAttribute("data-application");
      const text = await row.innerText();
      if (!id || !supported.has(id) || !text.includes("Trong ngân sách")) continue;
      // Fully reviewed (2/2): a decision waits for the reviews the round requires.
      if (/(^|\s)2\/2(\s|$)/.test(text)) {
        chosen = id;
        break;
      }
      shortOfReviews ??= id;
    }
    chosen ??= shortOfReviews;
    expect(chosen, "an undecided application of a group the facilitator supports, within the budget").not.toBeNull();
    const applicationId = chosen!;
    const chosenRow = page.locator(`main tbody tr[data-application="${applicationId}"]`);
    await expect(chosenRow).toContainText("Chưa quyết định");
    const title = (await chosenRow.getByRole("link").textContent())!.trim();
    await chosenRow.getByRole("link").click();

    await expect(page).toHaveURL(`/admin/rounds/${roundId}/decisions/${applicationId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await ready(page);
    const card = page.locator("main dl.card");
    const left = figures(await card.locator("dt", { hasText: /^Còn lại$/ }).locator("xpath=following-sibling::dd[1]").textContent());
    const requested = figures(await card.locator("dt", { hasText: /^Số tiền xin$/ }).locator("xpath=following-sibling::dd[1]").textContent());
    expect(requested).toBeLessThanOrEqual(left);
    await page.getByRole("group", { name: "Quyết định của bạn" }).getByLabel("Duyệt tài trợ").check();
    const award = page.getByLabel("Số tiền tài trợ (đồng)");
    await expect(award).toHaveValue(requested.toString());
    const conditions = "Gửi báo giá dụng cụ trước khi nhận đợt tiền đầu tiên.";
    const why = `Kế hoạch rõ ràng, mang lợi ích trực tiếp cho chị em trong nhóm (${tag}).`;
    await page.getByLabel("Điều kiện kèm theo (nếu có)").fill(conditions);
    await page.getByLabel("Lý do (tiếng Việt)").fill(why);
    const override = page.getByLabel("Lý do quyết định trước khi đủ bài chấm");
    if ((await override.count()) > 0) await override.fill("Người chấm thứ hai đã rút vì xung đột lợi ích; hội đồng đồng ý quyết định với một bài chấm.");
    await page.getByRole("button", { name: "Lưu quyết định" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã lưu quyết định. Nhóm đã được thông báo.");
    await expect(page.getByRole("heading", { level: 2, name: /^Quyết định hiện tại: Duyệt tài trợ \(\d{2}\/\d{2}\/\d{4}\)$/ })).toBeVisible();
    // The decision's own card (the committee's reviews are cards too).
    await expect(page.locator("main article").filter({ hasText: "Quyết định hiện tại" })).toContainText(why);
    // The budget left went down by the award.
    const after = figures(await card.locator("dt", { hasText: /^Còn lại$/ }).locator("xpath=following-sibling::dd[1]").textContent());
    expect(after).toBe(left - requested);
    await ready(page);
    await page.getByRole("link", { name: "← Về bảng xếp hạng" }).click();
    const decidedRow = page.locator(`main tbody tr[data-application="${applicationId}"]`);
    await expect(decidedRow).toContainText("Duyệt tài trợ");
    await expect(decidedRow.locator("td").last()).toContainText(money(requested));
    await ready(page);
    await logOut(page);

    // 7. The group's facilitator is told, and reads the decision and its reason.
    await loginAs(page, "facilitator");
    await ready(page);
    await page.goto("/notifications");
    await ready(page);
    const decisionNotice = page.locator(`main a[href="/decisions/${applicationId}"]`);
    await expect(decisionNotice).toHaveText(`Hồ sơ “${title}” được tài trợ. Xem quyết định và lý do.`);
    await decisionNotice.click();
    await expect(page).toHaveURL(`/decisions/${applicationId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quyết định về hồ sơ của nhóm");
    await expect(page.locator("main")).toContainText(title);
    await expect(page.locator("main")).toContainText(CLOSED_ROUND);
    await expect(page.getByRole("status")).toHaveText("Hồ sơ được tài trợ.");
    await expect(page.locator("main")).toContainText(`Số tiền tài trợ: ${money(requested)} — `);
    await expect(page.locator("main")).toContainText(conditions);
    await expect(page.getByRole("heading", { name: "Lý do" })).toBeVisible();
    await expect(page.locator("main")).toContainText(why);
    // The next step is the agreement itself, linked: the grant the approval made.
    await expect(page.getByRole("link", { name: "Đọc và đồng ý thỏa thuận" })).toHaveAttribute("href", /^\/grants\/[0-9a-f-]{36}$/);
    await ready(page);
  });
});
