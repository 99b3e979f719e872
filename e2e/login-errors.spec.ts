import { accounts, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, fillLoginForm, greeting, logoutButton, test } from "./fixtures";

test.describe("log-in mistakes", () => {
  test("an empty form and a wrong password are explained on the page, in Vietnamese", async ({ page }) => {
    const account = accounts.reviewer;
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng nhập");
    await expectNoSeriousA11yViolations(page);

    // Nothing typed: each field says what is missing (checked in the browser with JavaScript,
    // by the server without it).
    await page.locator("main form").getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/login$/);
    const identifier = page.getByLabel("E-mail hoặc số điện thoại");
    const password = page.getByLabel("Mật khẩu", { exact: true });
    await expect(page.locator("#field-identifier-error")).toHaveText("Vui lòng điền mục này.");
    await expect(page.locator("#field-password-error")).toHaveText("Vui lòng điền mục này.");
    await expect(identifier).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page);

    // A wrong password: one message for the whole form, which does not say which part was wrong.
    await fillLoginForm(page, account.email, "not-the-password");
    const alert = page.getByRole("alert");
    await expect(alert).toHaveText("E-mail, số điện thoại hoặc mật khẩu chưa đúng.");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng nhập");
    await expect(logoutButton(page)).toHaveCount(0);
    await expect(page.locator("header")).not.toContainText(account.name);
    await expectNoSeriousA11yViolations(page);

    // The right password then works from the same page.
    await fillLoginForm(page, account.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(account.name));
    await expectNoSeriousA11yViolations(page);
  });

  test("a page that needs a log-in sends her back to it afterwards", async ({ page }) => {
    const account = accounts.finance;
    await page.goto("/notifications");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fnotifications$/);
    await expectNoSeriousA11yViolations(page);
    await fillLoginForm(page, account.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thông báo");
    await expect(page.locator("header")).toContainText(`Đang đăng nhập: ${account.name}`);
    await expectNoSeriousA11yViolations(page);
  });
});
