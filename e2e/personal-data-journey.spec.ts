import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";
import { idFromLink, logOut, waitForHydration } from "./helpers";

// Issue 15, done when: a facilitator records a member's consents in the field (oral, with a
// witness, purpose by purpose); the leader downloads her group's data; she withdraws her consent
// to notices by phone; an admin erases another member, whose
// name is gone from the group's pages and from its file, and the impact dashboard's totals are
// the same before and after. The js and no-js projects share one database, so each takes its
// own facilitated group (the n-th on the facilitator's list). The dump of every table and the
// files folder after an erasure is app/modules/privacy/leak-scan.test.ts: this server's embedded
// database belongs to its process and cannot be opened beside it.

const journeys = { js: { nth: 0, witness: "Lò Văn Thắng" }, "no-js": { nth: 1, witness: "Hà Văn Páo" } };

async function ready(page: Page) {
  await waitForHydration(page);
  await expectNoSeriousA11yViolations(page);
}

test.describe("personal data of a group's women", () => {
  test("consents in the field, the group's own file, a withdrawal, and an erasure that keeps the figures", async ({ page }, testInfo) => {
    test.setTimeout(600_000);
    const journey = journeys[testInfo.project.name as keyof typeof journeys];

    // 1. The facilitator reads the script aloud and records one member's answers, purpose by purpose.
    await loginAs(page, "facilitator");
    await page.goto("/groups");
    const groupId = await idFromLink(page.locator("main a[href^='/groups/']:not([href='/groups/new']):not([href='/groups/join'])").nth(journey.nth), /^\/groups\/([0-9a-f-]{36})$/);
    await page.goto(`/groups/${groupId}/consents`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sự đồng ý của thành viên");
    await expect(page.locator("main")).toContainText("Lời đọc cho cả nhóm nghe");
    await ready(page);
    const memberSelect = page.getByLabel("Thành viên", { exact: true });
    const options = await memberSelect.locator("option").allInnerTexts();
    const [consenting, erased] = options.filter((o) => o && !o.startsWith("—")).slice(-2);
    expect(consenting).toBeTruthy();
    expect(erased).toBeTruthy();
    for (const purpose of ["Đưa ảnh có chị vào báo cáo gửi nhà tài trợ", "Chia sẻ số liệu của chị (không có tên) với nhà tài trợ"]) {
      await page.getByLabel("Thành viên", { exact: true }).selectOption({ label: consenting });
      await page.getByRole("group", { name: "Việc nào?" }).getByLabel(purpose).check();
      await page.getByRole("group", { name: "Chị ấy trả lời thế nào?" }).getByLabel("Đồng ý", { exact: true }).check();
      await page.getByRole("group", { name: "Trả lời bằng cách nào?" }).getByLabel("Nói miệng, có người làm chứng").check();
      await page.getByLabel("Họ tên người làm chứng").fill(journey.witness);
      await page.getByLabel("Ngày trả lời").fill(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
      await page.getByRole("button", { name: "Ghi lại" }).click();
      await expect(page.locator("main")).toContainText("Đã ghi lại câu trả lời.");
      await ready(page);
    }
    // A witness is required for an oral answer: refused with a message, nothing recorded.
    await page.getByLabel("Thành viên", { exact: true }).selectOption({ label: consenting });
    await page.getByRole("group", { name: "Việc nào?" }).getByLabel("Ghi thu nhập của riêng chị để theo dõi kết quả").check();
    await page.getByRole("group", { name: "Chị ấy trả lời thế nào?" }).getByLabel("Đồng ý", { exact: true }).check();
    await page.getByRole("group", { name: "Trả lời bằng cách nào?" }).getByLabel("Nói miệng, có người làm chứng").check();
    await page.getByLabel("Họ tên người làm chứng").fill("");
    await page.getByLabel("Ngày trả lời").fill(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Ghi lại" }).click();
    await expect(page.locator("main")).toContainText("người làm chứng");
    await logOut(page);

    // 2. The leader downloads everything Gieo holds about her group, in one file.
    await loginAs(page, "applicant");
    await page.goto("/groups");
    const ownId = await idFromLink(page.locator("main a[href^='/groups/']:not([href='/groups/new']):not([href='/groups/join'])").first(), /^\/groups\/([0-9a-f-]{36})$/);
    await page.goto(`/groups/${ownId}/download`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tải về dữ liệu của nhóm");
    await ready(page);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tải về tệp dữ liệu" }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^gieo-.*\.html$/);
    const html = fs.readFileSync((await file.path())!, "utf8");
    expect(html).toContain("<title>Dữ liệu Gieo đang giữ về nhóm</title>");
    expect(html).toContain("Giàng Thị Mai");
    expect(html).toContain('id="gieo-data"');

    // 3. She withdraws her consent to notices by phone (the ledger then stops the phone channel:
    // app/modules/privacy/consents.test.ts, "no SMS without notice consent").
    // She had agreed to SMS; once she withdraws, the channels Gieo will use for her next notice
    // are the app and e-mail only (the page asks the same function the outbox does).
    await page.goto("/settings/notices");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cách nhận tin báo");
    await ready(page);
    await page.getByLabel("Chỉ qua SMS").check();
    await page.getByLabel("Tôi đồng ý nhận tin báo của Gieo qua Zalo hoặc SMS.").check();
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect(page.locator("main")).toContainText("Đã lưu cách nhận tin báo.");
    await expect(page.locator("main").getByText(/^Hiện Gieo báo tin cho bạn qua:/)).toContainText("SMS");
    await ready(page);
    await page.getByLabel("Không nhận tin qua điện thoại").check();
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect(page.locator("main")).toContainText("Đã lưu cách nhận tin báo.");
    const reach = page.locator("main").getByText(/^Hiện Gieo báo tin cho bạn qua:/);
    await expect(reach).toContainText("trong Gieo");
    await expect(reach).not.toContainText("SMS");
    await expect(reach).not.toContainText("Zalo");
    await logOut(page);

    // 4. An admin erases the other member. The dashboard's totals do not move.
    await loginAs(page, "admin");
    await page.goto("/admin/impact");
    const totalsBefore = await page.locator(".impact-figures").first().innerText();
    await page.goto(`/admin/groups/${groupId}/privacy`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dữ liệu cá nhân của nhóm");
    await ready(page);
    const card = page.locator("article").filter({ has: page.getByRole("heading", { name: erased, exact: true }) });
    await card.getByLabel("Tôi hiểu việc xoá không thể hoàn tác.").check();
    await card.getByRole("button", { name: `Xoá dữ liệu của ${erased}` }).click();
    await expect(page.locator("main")).toContainText("Đã lưu.");
    await expect(page.locator("main")).not.toContainText(erased);
    await page.goto("/admin/impact");
    expect(await page.locator(".impact-figures").first().innerText()).toBe(totalsBefore);
    // The group's file, produced again, does not name her; the one who consented is still there.
    await page.goto(`/groups/${groupId}/download`);
    await ready(page);
    const again = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tải về tệp dữ liệu" }).click();
    const after = fs.readFileSync((await (await again).path())!, "utf8");
    expect(after).not.toContain(erased);
    expect(after).toContain(consenting);
    expect(after).toContain(journey.witness);
    await page.goto(`/groups/${groupId}/members`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thành viên của nhóm");
    await expect(page.locator("main")).not.toContainText(erased);
  });
});
