import {
  accounts,
  expect,
  expectNoSeriousA11yViolations,
  fillLoginForm,
  greeting,
  logoutButton,
  mainNav,
  test,
} from "./fixtures";
import { newPhone } from "./helpers";

test.describe("a group leader registers", () => {
  test("with her name, phone and a password, and lands signed in on home", async ({ page }, testInfo) => {
    const leader = { name: "Vàng Thị Dung", ...newPhone(), password: `rung-tre-${testInfo.project.name}-2026` };

    await page.goto("/");
    await expectNoSeriousA11yViolations(page);
    await mainNav(page).getByRole("link", { name: "Đăng ký" }).click();
    await expect(page).toHaveURL(/\/register$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký cho nhóm phụ nữ");
    // Examples under the fields, in plain words.
    await expect(page.locator("main")).toContainText("Ví dụ: 0912 345 678");
    await expectNoSeriousA11yViolations(page);

    // Mistakes are named field by field.
    await page.getByLabel("Họ và tên của bạn").fill(leader.name);
    await page.getByLabel("Số điện thoại").fill("0987 65");
    await page.getByLabel("Mật khẩu").fill("ngan");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/register$/);
    await expect(page.locator("#field-phone-error")).toHaveText("Số điện thoại chưa đúng. Ví dụ: 0912 345 678");
    await expect(page.locator("#field-password-error")).toHaveText("Mật khẩu cần ít nhất 8 ký tự.");
    await expect(page.getByLabel("Số điện thoại")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page);

    // The number of an existing account is refused, by the server.
    await page.getByLabel("Họ và tên của bạn").fill(leader.name);
    await page.getByLabel("Số điện thoại").fill("0912 000 001");
    await page.getByLabel("Mật khẩu").fill(leader.password);
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.locator("#field-phone-error")).toHaveText("Số điện thoại này đã có tài khoản.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký cho nhóm phụ nữ");
    await expectNoSeriousA11yViolations(page);

    // Right this time: she is signed in and greeted on home, as a women's group.
    await page.getByLabel("Họ và tên của bạn").fill(leader.name);
    await page.getByLabel("Số điện thoại").fill(leader.phone);
    await page.getByLabel("Mật khẩu").fill(leader.password);
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(leader.name));
    await expect(page.locator("header")).toContainText(`Đang đăng nhập: ${leader.name}`);
    await expect(page.locator("main")).toContainText(`${accounts.applicant.roleLabel.vi}:`);
    await expect(mainNav(page).getByRole("link", { name: "Thông báo" })).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: "Người dùng" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // She can come back with her phone number, however she writes it.
    await logoutButton(page).click();
    await expect(logoutButton(page)).toHaveCount(0);
    await mainNav(page).getByRole("link", { name: "Đăng nhập" }).click();
    await fillLoginForm(page, `+84${leader.phoneDigits.slice(1)}`, leader.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(leader.name));
    await expectNoSeriousA11yViolations(page);
  });
});
