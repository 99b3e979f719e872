import {
  accounts,
  DEMO_PASSWORD,
  expect,
  expectNoSeriousA11yViolations,
  fillLoginForm,
  greeting,
  loginAs,
  switchLanguage,
  test,
} from "./fixtures";

// The admin's pages: a group leader must never see them, whatever she types in the address bar.
const adminPaths = ["/admin/users", "/admin/users/invite", "/admin/outbox", "/admin/audit"];

test.describe("a group leader at an admin page", () => {
  test("gets the 403 page in Vietnamese", async ({ page }) => {
    const account = await loginAs(page, "applicant");
    for (const path of adminPaths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.locator("html")).toHaveAttribute("lang", "vi");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bạn không có quyền xem trang này (403)");
      await expect(page.locator("main")).toContainText("Trang này dành cho vai trò khác.");
      // Nothing of the admin page leaks into the error page.
      await expect(page.locator("main table, main form")).toHaveCount(0);
      // She is still signed in, with her own navigation.
      await expect(page.locator("header")).toContainText(`Đang đăng nhập: ${account.name}`);
      await expect(page.locator('header a[href^="/admin"]')).toHaveCount(0);
      await expectNoSeriousA11yViolations(page);
    }
    await page.getByRole("link", { name: "Về trang chủ" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(account.name));
    await expectNoSeriousA11yViolations(page);
  });

  test("gets the 403 page in English when she chose English", async ({ page }) => {
    const account = accounts.applicant;
    // She picks English on the log-in page (this device only), then logs in.
    await page.goto("/login");
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
    await expectNoSeriousA11yViolations(page);
    await fillLoginForm(page, "0912 000 001", DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.en(account.name));

    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page (403)");
    await expect(page.locator("main")).toContainText("This page is for another role.");
    await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
