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

// Pages the header must offer, with the heading each shows (Vietnamese, the default). The admin
// pages are only in the admin's navigation. Links other features add to a role's navigation are
// visited too (see below), so this list names only what must be there.
const everyone = [
  { link: "Trang chủ", path: "/", heading: null },
  { link: "Thông báo", path: "/notifications", heading: "Thông báo" },
];
const adminOnly = [
  { link: "Người dùng", path: "/admin/users", heading: "Người dùng" },
  { link: "Mời cán bộ", path: "/admin/users/invite", heading: "Mời cán bộ" },
  { link: "Thư đi", path: "/admin/outbox", heading: "Thư đi" },
  { link: "Nhật ký", path: "/admin/audit", heading: "Nhật ký hoạt động" },
];

const roles: DemoRole[] = ["admin", "finance", "finance2", "reviewer", "facilitator", "applicant"];

function exactly(text: string): RegExp {
  // A link's name may end with a count, e.g. "Thông báo (2)".
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(\\d+\\))?$`);
}

test.describe("each demo account", () => {
  for (const role of roles) {
    const account = accounts[role];

    test(`${account.email} logs in, uses the pages of the role, and logs out`, async ({ page }) => {
      await loginAs(page, role);

      // Home greets her by name, says who is signed in, and lists her role's next steps.
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(account.name));
      await expect(page.locator("header")).toContainText(`Đang đăng nhập: ${account.name}`);
      await expect(page.locator("main")).toContainText(`${account.roleLabel.vi}:`);
      await expectNoSeriousA11yViolations(page);

      // The navigation offers the role's pages, and the admin's pages to the admin only.
      const nav = mainNav(page);
      const required = account.isAdmin ? [...everyone, ...adminOnly] : everyone;
      for (const item of required) {
        await expect(nav.getByRole("link", { name: exactly(item.link) })).toHaveAttribute("href", item.path);
      }
      if (account.isAdmin) {
        await expect(nav.getByRole("link", { name: "Người dùng" })).toBeVisible();
      } else {
        await expect(nav.getByRole("link", { name: "Người dùng" })).toHaveCount(0);
        // Of the admin's area, finance reads only the impact dashboard (it is shared with finance).
        const shared = role === "finance" || role === "finance2" ? ':not([href^="/admin/impact"])' : "";
        await expect(page.locator(`a[href^="/admin"]${shared}`)).toHaveCount(0);
      }
      await expect(nav.getByRole("link", { name: "Đăng nhập" })).toHaveCount(0);
      await expect(nav.getByRole("link", { name: "Đăng ký" })).toHaveCount(0);

      // Every page of her navigation opens, shows a heading (not the error page), marks itself
      // as the current page, and passes axe.
      const links = await nav.getByRole("link").evaluateAll((as) =>
        as.map((a) => ({ name: (a.textContent ?? "").trim(), path: a.getAttribute("href") ?? "" })),
      );
      expect(links.length).toBeGreaterThanOrEqual(required.length);
      for (const { name, path } of links) {
        await test.step(`${name} (${path})`, async () => {
          const link = mainNav(page).getByRole("link", { name: exactly(name.replace(/ \(\d+\)$/, "")) });
          await link.click();
          await expect(page).toHaveURL(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
          await expect(page.locator(".error-page"), `${path} answers with the error page`).toHaveCount(0);
          const known = required.find((item) => item.path === path);
          const heading = page.getByRole("heading", { level: 1 });
          if (known) {
            await expect(heading).toHaveText(known.heading ?? greeting.vi(account.name));
          } else {
            await expect(heading).toBeVisible();
          }
          await expect(mainNav(page).locator(`a[href="${path}"]`)).toHaveAttribute("aria-current", "page");
          await expectNoSeriousA11yViolations(page);
        });
      }

      // Logging out from the header ends the session on the server.
      await logoutButton(page).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gieo — tài trợ nhỏ cho nhóm phụ nữ");
      await expect(logoutButton(page)).toHaveCount(0);
      await expect(page.locator("header")).not.toContainText(account.name);
      await expect(mainNav(page).getByRole("link", { name: "Đăng nhập" })).toBeVisible();
      await expect(mainNav(page).getByRole("link", { name: /^Thông báo/ })).toHaveCount(0);
      await expectNoSeriousA11yViolations(page);

      // A page for signed-in people now asks to log in again.
      await page.goto("/notifications");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fnotifications$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng nhập");
      await expectNoSeriousA11yViolations(page);
    });
  }
});
