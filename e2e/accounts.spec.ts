import {
  accounts,
  expect,
  expectNoSeriousA11yViolations,
  greeting,
  loginAs,
  logoutButton,
  mainNav,
  test,
  type DemoRole,
} from "./fixtures";

// Every page a role reaches from the header, with the heading it must show (Vietnamese, the
// default). The admin pages are only in the admin's navigation.
const everyone = [
  { link: "Trang chủ", path: "/", heading: null },
  { link: "Thông báo", path: "/notifications", heading: "Thông báo" },
] as const;
const adminOnly = [
  { link: "Người dùng", path: "/admin/users", heading: "Người dùng" },
  { link: "Mời cán bộ", path: "/admin/users/invite", heading: "Mời cán bộ" },
  { link: "Thư đi", path: "/admin/outbox", heading: "Thư đi" },
  { link: "Nhật ký", path: "/admin/audit", heading: "Nhật ký hoạt động" },
] as const;

const roles: DemoRole[] = ["admin", "finance", "finance2", "reviewer", "facilitator", "applicant"];

test.describe("each demo account", () => {
  for (const role of roles) {
    const account = accounts[role];

    test(`${account.email} logs in, uses the pages of the role, and logs out`, async ({ page }) => {
      await loginAs(page, role);

      // Home greets her by name, says who she is signed in as, and lists her role's next steps.
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(account.name));
      await expect(page.locator("header")).toContainText(`Đang đăng nhập: ${account.name}`);
      await expect(page.locator("main")).toContainText(`${account.roleLabel.vi}:`);
      await expectNoSeriousA11yViolations(page);

      // The navigation holds exactly the pages the role may use.
      const nav = mainNav(page);
      const expected = account.isAdmin ? [...everyone, ...adminOnly] : [...everyone];
      await expect(nav.getByRole("link")).toHaveText(expected.map((item) => new RegExp(`^${item.link}`)));
      if (account.isAdmin) {
        await expect(nav.getByRole("link", { name: "Người dùng" })).toBeVisible();
      } else {
        await expect(nav.getByRole("link", { name: "Người dùng" })).toHaveCount(0);
        await expect(page.locator('a[href^="/admin"]')).toHaveCount(0);
      }
      await expect(nav.getByRole("link", { name: "Đăng nhập" })).toHaveCount(0);

      // Every page of the navigation opens, shows its heading, marks itself current, and passes axe.
      for (const item of expected) {
        await mainNav(page).getByRole("link", { name: item.link }).click();
        await expect(page).toHaveURL(new RegExp(`${item.path.replace(/\//g, "\\/")}$`));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(item.heading ?? greeting.vi(account.name));
        await expect(mainNav(page).getByRole("link", { name: item.link })).toHaveAttribute("aria-current", "page");
        await expectNoSeriousA11yViolations(page);
      }

      // Logging out from the header ends the session on the server.
      await logoutButton(page).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gieo — tài trợ nhỏ cho nhóm phụ nữ");
      await expect(logoutButton(page)).toHaveCount(0);
      await expect(page.locator("header")).not.toContainText(account.name);
      await expect(mainNav(page).getByRole("link", { name: "Đăng nhập" })).toBeVisible();
      await expect(mainNav(page).getByRole("link", { name: "Thông báo" })).toHaveCount(0);
      await expectNoSeriousA11yViolations(page);

      // A page for signed-in people now asks to log in again.
      await page.goto("/notifications");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fnotifications$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng nhập");
      await expectNoSeriousA11yViolations(page);
    });
  }
});
