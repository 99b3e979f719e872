import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";
import { logOut, waitForHydration } from "./helpers";

// An outcome report from the group to finance, in the demo data (db/demo-outcomes.ts): the group
// fills its report, staff ask for a change, the group fixes it, staff approve, the impact
// dashboard's figures move, and the tranche that waited for the report is due for finance.
//
// The js and no-js projects share one database, so each takes its own report: with JavaScript the
// leader (group@gieo.test) sends her month-6 report; without it the facilitator sends the final
// report of one of her groups. Neither depends on the other having run.

// `firstReport`: no report after the baseline is approved yet, so approving this one adds the
// grant to those with an income change on the dashboard. Both reports give 2,600,000 đồng, above
// each group's baseline (the no-js group's month-12 report was below it): one more group whose
// income rose.
const journeys = {
  js: { who: "applicant" as const, report: "Báo cáo tháng thứ 6", group: "Tổ hợp tác dệt thổ cẩm thôn 1", tranche: "24.000.000 ₫", firstReport: true },
  "no-js": { who: "facilitator" as const, report: "Báo cáo cuối kỳ", group: "Nhóm trồng sa nhân bản 10", tranche: "22.000.000 ₫", firstReport: false },
};

/** The dashboard's "groups whose income rose" for a round: how many rose, of how many with a change. */
async function incomeRose(page: Page, url: string): Promise<{ rose: number; of: number }> {
  await page.goto(url);
  const figure = page.locator(".impact-figures > div").filter({ hasText: "Nhóm có thu nhập tăng" }).locator("small");
  const text = (await figure.textContent()) ?? "";
  const match = /(\d+) trên (\d+) khoản tài trợ/.exec(text);
  if (!match) throw new Error(`no "rose" figure on the dashboard: ${text}`);
  return { rose: Number(match[1]), of: Number(match[2]) };
}

async function ready(page: Page) {
  await waitForHydration(page);
  await expectNoSeriousA11yViolations(page);
}

test.describe("an outcome report", () => {
  test("is sent by the group, sent back by staff, fixed and approved; the dashboard moves and a tranche is due for finance", async ({ page }, testInfo) => {
    test.setTimeout(300_000);
    const journey = journeys[testInfo.project.name as keyof typeof journeys];

    // 1. The group opens its report from the list of reports to do.
    await loginAs(page, journey.who);
    await page.goto("/reports");
    await ready(page);
    const card = page
      .locator("main article")
      .filter({ hasText: journey.group })
      .filter({ hasText: journey.report })
      .filter({ hasText: "Hạn nộp:" })
      .filter({ hasText: "Chưa làm" });
    await card.getByRole("link", { name: journey.report }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(journey.report);
    const reportUrl = page.url();
    await ready(page);

    // 2. A draft first, then the report with one figure too high: refused with its message.
    await page.getByLabel("Thu nhập trung bình mỗi tháng của một thành viên").fill("2.600.000");
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã lưu bản nháp.");
    // The amount in words under the figure (as it is typed, with JavaScript; as saved, without).
    await expect(page.getByText("2.600.000 ₫ — hai triệu sáu trăm nghìn đồng")).toBeVisible();
    await page.getByLabel("Tiền bán sản phẩm trong kỳ này").fill("19.500.000");
    await page.getByLabel("Số chị em có thu nhập từ hoạt động").fill("5");
    await page.getByLabel("Diện tích đất, rừng được quản lý bền vững").fill("3,25");
    await page.getByLabel("Sản lượng làm ra trong kỳ").fill("410");
    await page.getByLabel("Đơn vị của sản lượng").fill("kg");
    await page.getByLabel("Câu chuyện ngắn của nhóm").fill("Chị em đã bán sản phẩm cho hợp tác xã huyện.");
    await page.locator('input[name="memberIncome"]').first().fill("900.000.000");
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.getByText("Số này cao bất thường").first()).toBeVisible();
    await page.locator('input[name="memberIncome"]').first().fill("2.800.000");
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.getByRole("status")).toHaveText(/Đã gửi báo cáo/);
    await expect(page.getByText("Đã gửi, chờ cán bộ xem")).toBeVisible();
    await ready(page);
    await logOut(page);

    // 3. Staff ask for a change.
    await loginAs(page, "admin");
    await page.goto("/admin/reports");
    await ready(page);
    const row = page.locator("main tr").filter({ hasText: journey.group }).filter({ hasText: journey.report });
    await row.getByRole("link", { name: journey.report }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(journey.group);
    await page.getByLabel("Đề nghị nhóm sửa lại").check();
    await page.getByLabel("Lời nhắn cho nhóm").fill("Nhóm chụp thêm ảnh vườn và ghi rõ giá bán.");
    await page.getByRole("button", { name: "Lưu quyết định" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã gửi đề nghị sửa cho nhóm.");
    const reviewUrl = page.url();
    await logOut(page);

    // 4. The group reads the message, fixes the report and sends it again.
    await loginAs(page, journey.who);
    await page.goto(reportUrl);
    await expect(page.getByRole("alert")).toContainText("Nhóm chụp thêm ảnh vườn và ghi rõ giá bán.");
    await ready(page);
    await page.getByLabel("Câu chuyện ngắn của nhóm").fill("Chị em bán cho hợp tác xã huyện, 85.000 đồng một kg.");
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.getByRole("status")).toHaveText(/Đã gửi báo cáo/);
    await logOut(page);

    // 5. Staff look at the round's impact dashboard, then approve.
    await loginAs(page, "admin");
    await page.goto("/admin/impact");
    await page.getByLabel("Vòng").selectOption({ label: "Vòng 1 năm 2025 — Sinh kế rừng do phụ nữ làm chủ 2027" });
    await page.getByRole("button", { name: "Xem" }).click();
    await expect(page).toHaveURL(/[?&]round=/);
    await ready(page);
    const dashboardUrl = page.url();
    const before = await incomeRose(page, dashboardUrl);
    await page.goto(reviewUrl);
    await ready(page);
    await page.getByLabel("Duyệt báo cáo").check();
    await page.getByRole("button", { name: "Lưu quyết định" }).click();
    await expect(page.getByRole("status")).toHaveText(/Đã duyệt báo cáo/);

    // 6. The dashboard's figures move: one more group whose income rose, of one more grant with
    // a change when this was the group's first report after its baseline.
    const after = await incomeRose(page, dashboardUrl);
    expect(after).toEqual({ rose: before.rose + 1, of: before.of + (journey.firstReport ? 1 : 0) });
    // The same figures in the report staff print for donors.
    await page.getByRole("link", { name: "Bản báo cáo cho nhà tài trợ" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo kết quả cho nhà tài trợ");
    await expect(page.locator(".impact-figures > div").filter({ hasText: "Nhóm có thu nhập tăng" }).locator("small")).toContainText(`${after.rose} trên ${after.of}`);
    await ready(page);
    await logOut(page);

    // 7. Finance sees the tranche that waited for the report, due.
    // The queue lists the longest waiting first: the tranche due since today is on the last page.
    await loginAs(page, "finance");
    let found = false;
    for (let n = 1; n <= 10 && !found; n++) {
      await page.goto(`/finance?section=due&page=${n}`);
      const due = page.locator("main tr").filter({ hasText: journey.group }).filter({ hasText: journey.tranche });
      found = (await due.count()) > 0;
    }
    expect(found).toBe(true);
  });
});
