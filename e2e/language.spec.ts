import {
  accounts,
  expect,
  expectNoSeriousA11yViolations,
  fillLoginForm,
  DEMO_PASSWORD,
  greeting,
  logoutButton,
  mainNav,
  switchLanguage,
  test,
} from "./fixtures";
import { registerGroupLeader } from "./helpers";

test.describe("language", () => {
  test("the footer switches to English, which stays while browsing and after logging in", async ({ page }) => {
    const account = accounts.facilitator;
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gieo — tài trợ nhỏ cho nhóm phụ nữ");
    await expect(page.locator('footer button[value="vi"]')).toHaveAttribute("aria-pressed", "true");
    await expectNoSeriousA11yViolations(page);

    await switchLanguage(page, "en");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gieo — small grants for women's groups");
    await expect(page.locator("footer")).toContainText("Small grants for women-led livelihoods");
    await expect(page.locator('footer button[value="vi"]')).toHaveAttribute("aria-pressed", "false");
    await expectNoSeriousA11yViolations(page);

    // Browsing on: every page is in English.
    await mainNav(page).getByRole("link", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("link", { name: "Register here" }).click();
    await expect(page).toHaveURL(/\/register$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register a women's group");
    await expect(page.getByLabel("Phone number")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // A full page load keeps it too: the choice is in a cookie, not in the page.
    await page.goto("/forgot-password");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot password");
    await expectNoSeriousA11yViolations(page);

    // Logging in keeps the language.
    await mainNav(page).getByRole("link", { name: "Log in" }).click();
    await fillLoginForm(page, account.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.en(account.name));
    await expect(page.locator("header")).toContainText(`Signed in as ${account.name}`);
    await expect(page.locator("main")).toContainText(`${account.roleLabel.en}:`);
    await expectNoSeriousA11yViolations(page);

    await mainNav(page).getByRole("link", { name: "Notifications" }).click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notifications");
    await expectNoSeriousA11yViolations(page);

    // And back to Vietnamese, on the same page.
    await switchLanguage(page, "vi");
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thông báo");
    await expect(page.locator("header")).toContainText(`Đang đăng nhập: ${account.name}`);
    await expectNoSeriousA11yViolations(page);
    await logoutButton(page).click();
    await expect(logoutButton(page)).toHaveCount(0);
  });

  test("a signed-in person's choice is kept on her account, on any device", async ({ page }, testInfo) => {
    const leader = await registerGroupLeader(page, testInfo, "Sùng Thị Pà");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(leader.name));

    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.en(leader.name));
    await expectNoSeriousA11yViolations(page);
    await logoutButton(page).click();
    await expect(logoutButton(page)).toHaveCount(0);

    // Another device: no cookies at all, so the log-in page is in the default language...
    await page.context().clearCookies();
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng nhập");
    // ...and once she is signed in, her own choice (English) comes back.
    await fillLoginForm(page, leader.phoneDigits, leader.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.en(leader.name));
    await expectNoSeriousA11yViolations(page);
  });
});
