import { expect, test, type BrowserContext, type Page, type Route } from "@playwright/test";
import sharp from "sharp";
import { loginAs } from "./fixtures";
import { waitForHydration } from "./helpers";

// The field app without signal (issue 13, DECISIONS.md 54), in Chromium at 360 px with service
// workers allowed. Playwright's setOffline does not reach a service worker's own requests, so
// "offline" is setOffline (the page's navigator.onLine and its requests) plus every request the
// worker makes aborted as a dropped connection (playwright.config.ts turns on the worker's
// network events).

const abortWorker = (route: Route) =>
  route.request().serviceWorker() ? route.abort("internetdisconnected") : route.continue();

async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route("**", abortWorker);
}

async function goOnline(context: BrowserContext) {
  await context.unroute("**", abortWorker);
  await context.setOffline(false);
}

/** Logs the facilitator in and waits until the field app's worker serves her pages. */
async function fieldApp(page: Page) {
  await loginAs(page, "facilitator");
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
}

async function firstGroup(page: Page): Promise<string> {
  await page.goto("/groups");
  const href = await page.locator('main a[href^="/groups/"]').evaluateAll((links) =>
    links.map((a) => a.getAttribute("href") ?? "").find((h) => /^\/groups\/[0-9a-f-]{36}$/.test(h)),
  );
  if (!href) throw new Error("the demo facilitator has no group");
  return href;
}

/** Opens the new-member form online, and waits until the phone keeps the queue page too. */
async function openMemberForm(page: Page, group: string) {
  await page.goto(`${group}/members/new`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thêm thành viên");
  await waitForHydration(page);
  await page.waitForFunction(async () => {
    const cache = await caches.open("gieo-pages");
    return Boolean(await cache.match("/offline", { ignoreSearch: true }));
  });
}

/**
 * Opens a page online; a navigation the page itself started meanwhile (the field app's worker
 * taking over just after log-in) can abort the first try with ERR_ABORTED, so it is tried again
 * once the page has settled.
 */
async function openSettled(page: Page, url: string) {
  try {
    await page.goto(url);
  } catch (error) {
    if (!String(error).includes("ERR_ABORTED")) throw error;
    await page.waitForLoadState();
    await page.goto(url);
  }
}

/** Opens a report online and waits until the phone keeps the queue page too. */
async function openKept(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
  await page.waitForFunction(async () => {
    const cache = await caches.open("gieo-pages");
    return Boolean(await cache.match("/offline", { ignoreSearch: true }));
  });
}

async function fillReport(page: Page) {
  await page.getByLabel("Thu nhập trung bình mỗi tháng của một thành viên").fill("2.600.000");
  await page.getByLabel("Tiền bán sản phẩm trong kỳ này").fill("19.500.000");
  await page.getByLabel("Số chị em có thu nhập từ hoạt động").fill("5");
  await page.getByLabel("Diện tích đất, rừng được quản lý bền vững").fill("3,25");
  await page.getByLabel("Sản lượng làm ra trong kỳ").fill("410");
  await page.getByLabel("Đơn vị của sản lượng").fill("kg");
  await page.getByLabel("Câu chuyện ngắn của nhóm").fill("Chị em bán quế cho hợp tác xã khi chưa có sóng.");
  const incomes = page.locator('input[name="memberIncome"]');
  for (let i = 0; i < (await incomes.count()); i++) await incomes.nth(i).fill(String(2_500_000 + i * 100_000));
}

async function fillMember(page: Page, name: string) {
  await page.getByLabel("Họ tên", { exact: true }).fill(name);
  await page.getByRole("group", { name: "Giới tính" }).getByLabel("Nữ").check();
  await page.getByLabel("Dân tộc").selectOption({ label: "Mông" });
  await page.getByLabel("Năm sinh").fill("1990");
  await page.getByLabel("Vai trò trong nhóm").selectOption({ label: "Thành viên" });
  await page.getByLabel("Ngày đồng ý").fill("15/01/2026");
  await page.getByRole("group", { name: "Đồng ý bằng cách nào?" }).getByLabel("Ký tên vào giấy đồng ý").check();
}

/** How many members of the group bear this name, read from the server's roster. */
async function membersNamed(page: Page, group: string, name: string): Promise<number> {
  const response = await page.request.get(`${group}/members`);
  const html = await response.text();
  return html.split(`>${name}<`).length - 1;
}

async function waitUntilSent(page: Page) {
  await page.goto("/offline");
  await expect(page.locator('.queue-item[data-state="waiting"], .queue-item[data-state="sending"]')).toHaveCount(0, { timeout: 30_000 });
}

test.describe("the field app without signal", () => {
  test("a new roster member typed offline is kept, survives a reload, and lands once when the signal returns", async ({ page, context }) => {
    test.setTimeout(180_000);
    await fieldApp(page);
    const group = await firstGroup(page);
    await openMemberForm(page, group);

    await goOffline(context);
    await expect(page.getByText("Không có mạng.")).toBeVisible();
    const name = `Lò Thị Ngoại Tuyến ${Date.now() % 100000}`;
    await fillMember(page, name);
    await page.getByRole("button", { name: "Thêm thành viên" }).click();
    await expect(page).toHaveURL(/\/offline\?queued=1$/);
    await expect(page.getByText("Chưa có mạng: biểu mẫu đã được giữ trên máy")).toBeVisible();
    const item = page.locator(".queue-item").filter({ hasText: "Thêm thành viên" }).last();
    await expect(item).toContainText("Đang chờ mạng");
    await expect(page.getByText("Chờ gửi: 1")).toBeVisible();
    // The page is the phone's copy, and says so.
    await expect(page.getByText(/Đây là bản lưu trên máy từ/)).toBeVisible();

    await page.reload();
    await expect(page.locator(".queue-item").filter({ hasText: "Thêm thành viên" }).last()).toContainText("Đang chờ mạng");
    expect(await membersNamed(page, group, name)).toBe(0);

    await goOnline(context);
    await expect(page.locator(".queue-item").last()).toContainText("Đã gửi", { timeout: 30_000 });
    expect(await membersNamed(page, group, name)).toBe(1);
  });

  test("twenty posts with the connection dropped at random moments end with exactly one record each", async ({ page, context }) => {
    test.setTimeout(600_000);
    await fieldApp(page);
    const group = await firstGroup(page);
    const moments = ["before the post", "after the server answered", "no drop"] as const;
    const names: string[] = [];
    for (let run = 0; run < 20; run++) {
      const moment = moments[Math.floor(Math.random() * moments.length)];
      const name = `Vòng ${run} ${Date.now() % 100000}`;
      names.push(name);
      await openMemberForm(page, group);
      await fillMember(page, name);
      if (moment === "before the post") {
        await goOffline(context);
      } else if (moment === "after the server answered") {
        // The worker's post reaches the server, which writes and answers; the answer is lost.
        await context.route(`**${group}/members/new`, async (route) => {
          if (route.request().method() !== "POST" || !route.request().serviceWorker()) return route.continue();
          await route.fetch({ maxRedirects: 0 });
          await route.abort("connectionreset");
        });
      }
      await page.getByRole("button", { name: "Thêm thành viên" }).click();
      await page.waitForURL(/\/offline\?queued=1$|\/members\?done=added$/);
      await context.unrouteAll({ behavior: "wait" });
      await goOnline(context);
      await waitUntilSent(page);
      expect(await membersNamed(page, group, name), `${name} (${moment})`).toBe(1);
    }
    for (const name of names) expect(await membersNamed(page, group, name), name).toBe(1);
  });

  test("a kept form the server refuses comes back with its reason and its data", async ({ page, context }) => {
    test.setTimeout(180_000);
    await fieldApp(page);
    const group = await firstGroup(page);
    await openMemberForm(page, group);
    const key = await page.locator('main form input[name="_idempotency"]').inputValue();
    await goOffline(context);
    const name = `Hờ Thị Bị Từ Chối ${Date.now() % 100000}`;
    await fillMember(page, name);
    await page.getByRole("button", { name: "Thêm thành viên" }).click();
    await expect(page).toHaveURL(/\/offline\?queued=1$/);
    // Meanwhile the same form's key was spent elsewhere with other data (a second tab online).
    const other = await page.request.post(`${group}/members/new`, {
      form: { intent: "save", _idempotency: key, name: `${name} (tab khác)`, gender: "female", ethnicity: "08", birthYear: "1991", role: "member", consentGivenOn: "15/01/2026", consentMethod: "signed", consentWitness: "" },
      maxRedirects: 0,
    });
    expect(other.status()).toBe(302);
    await goOnline(context);
    const item = page.locator(".queue-item").filter({ hasText: "Thêm thành viên" }).last();
    await expect(item).toContainText("Bị từ chối", { timeout: 30_000 });
    await expect(item.getByRole("alert")).toContainText("Biểu mẫu này đã được gửi trước đó với nội dung khác");
    await item.getByText("Mở để sửa").click();
    await expect(item.getByLabel("name", { exact: true })).toHaveValue(name);
    expect(await membersNamed(page, group, name)).toBe(0);
  });

  test("an outcome report with per-member incomes and a photo, sent offline, lands once with its photo", async ({ page, context }) => {
    test.setTimeout(240_000);
    await fieldApp(page);
    await page.goto("/reports");
    // Not the report the outcome journey sends without JavaScript.
    const card = page
      .locator("main article")
      .filter({ hasText: "Chưa làm" })
      .filter({ hasNotText: "Nhóm trồng sa nhân bản 10" })
      .first();
    const href = await card.locator('a[href^="/reports/"]').first().getAttribute("href");
    if (!href) throw new Error("no report to do for the facilitator");
    await openKept(page, href);
    const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";

    await goOffline(context);
    await fillReport(page);
    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#2f5d34" } }).jpeg().toBuffer();
    await page.locator('input[name="file"]').setInputFiles({ name: "ruong-que.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByRole("button", { name: "Tải ảnh lên" }).click();
    await expect(page).toHaveURL(/\/offline\?queued=1$/);
    // Then the report itself, from the phone's copy of its page.
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await waitForHydration(page);
    await fillReport(page);
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page).toHaveURL(/\/offline\?queued=1$/);
    await expect(page.locator(".queue-item").filter({ hasText: "Báo cáo kết quả" })).toHaveCount(2);
    await page.reload();
    await expect(page.locator('.queue-item[data-state="waiting"]').filter({ hasText: "Báo cáo kết quả" })).toHaveCount(2);

    await goOnline(context);
    await expect(page.locator('.queue-item[data-state="sent"]').filter({ hasText: "Báo cáo kết quả" })).toHaveCount(2, { timeout: 30_000 });
    await page.goto(href);
    await expect(page.getByText("Đã gửi, chờ cán bộ xem").first()).toBeVisible();
    await expect(page.locator('main a[href*="/photos/"]').filter({ hasText: "ruong-que.jpg" })).toHaveCount(1);
  });

  test("an application draft step saved offline lands once when the signal returns", async ({ page, context }) => {
    test.setTimeout(180_000);
    await fieldApp(page);
    await page.goto("/applications");
    const hrefs = await page
      .locator("main article, main tr")
      .filter({ hasText: "Đang làm, chưa nộp" })
      .locator('a[href^="/applications/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    let id = hrefs.map((h) => /^\/applications\/([0-9a-f-]{36})/.exec(h)?.[1]).find(Boolean);
    // None of her groups has a draft yet: she starts one, online, for the first group that may.
    for (let option = 1; !id && option <= 12; option++) {
      await openSettled(page, "/applications/new");
      const groups = page.getByLabel("Nhóm nào xin tài trợ?");
      if ((await groups.locator("option").count()) <= option) break;
      await groups.selectOption({ index: option });
      await page.getByLabel("Nộp cho vòng nào?").selectOption({ index: 1 });
      await page.getByRole("button", { name: "Bắt đầu làm hồ sơ" }).click();
      // With the worker in control the form posts as a whole page: wait for that page, or for
      // the form to come back refused (this group cannot apply in that round).
      await page.waitForURL(/\/applications\/[0-9a-f-]{36}\/step\//, { timeout: 15_000 }).catch(() => undefined);
      id = /\/applications\/([0-9a-f-]{36})\/step\//.exec(page.url())?.[1];
    }
    if (!id) throw new Error("no draft application among the facilitator's groups");
    await openKept(page, `/applications/${id}/step/1`);

    await goOffline(context);
    const title = `Sấy thảo quả khi mất sóng ${Date.now() % 100000}`;
    await page.getByLabel("Tên dự án").fill(title);
    await page.getByLabel("Loại hoạt động").selectOption({ index: 1 });
    await page.getByLabel("Nhóm dựa vào nguồn tài nguyên nào?").fill("Thảo quả dưới tán rừng cộng đồng của bản");
    await page.getByLabel("Làm ở đâu?").fill("Bản Tả Van, xã Tả Van");
    await page.getByLabel("Dự án giải quyết khó khăn gì của nhóm?").fill("Chị em bán thảo quả tươi với giá thấp vì không có lò sấy.");
    await page.getByLabel("Nhóm sẽ làm những việc gì, khi nào?").fill("Tháng 3 dựng lò sấy, tháng 4 tập huấn, tháng 9 sấy vụ đầu.");
    await page.getByRole("button", { name: "Lưu và sang bước sau" }).click();
    await expect(page).toHaveURL(/\/offline\?queued=1$/);
    await expect(page.locator(".queue-item").filter({ hasText: "Hồ sơ xin tài trợ" }).last()).toContainText("Đang chờ mạng");
    await page.reload();
    await expect(page.locator(".queue-item").filter({ hasText: "Hồ sơ xin tài trợ" }).last()).toContainText("Đang chờ mạng");

    await goOnline(context);
    await expect(page.locator(".queue-item").filter({ hasText: "Hồ sơ xin tài trợ" }).last()).toContainText("Đã gửi", { timeout: 30_000 });
    const saved = await (await page.request.get(`/applications/${id}/step/1`)).text();
    expect(saved.split(`value="${title}"`).length - 1).toBe(1);
  });
});
