import {
  expect,
  expectNoSeriousA11yViolations,
  greeting,
  loginAs,
  logoutButton,
  mainNav,
  test,
  uniqueDigits,
} from "./fixtures";
import { SMTP_FAKE_CONTROL } from "./smtp-fake-ports";

test.describe("inviting staff", () => {
  test("an admin invites a facilitator, the e-mail is in the outbox, and its link lets her in", async ({ page }, testInfo) => {
    const invitee = {
      name: "Hà Thị Sen",
      email: `ha.thi.sen.${testInfo.project.name}.${uniqueDigits(8)}@gieo.test`,
      password: "can-bo-ho-tro-2026",
    };
    await loginAs(page, "admin");

    await mainNav(page).getByRole("link", { name: "Mời cán bộ" }).click();
    await expect(page).toHaveURL(/\/admin\/users\/invite$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mời cán bộ");
    await expectNoSeriousA11yViolations(page);

    // Forgetting to tick a role is caught, and nothing is sent.
    await page.getByLabel("Họ và tên").fill(invitee.name);
    await page.getByLabel("E-mail").fill(invitee.email);
    await page.getByRole("button", { name: "Gửi lời mời" }).click();
    await expect(page.locator("#roles-error")).toHaveText("Chọn ít nhất một vai trò.");
    await expect(page.getByRole("status")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // Name, e-mail, one role: sent. (Without JavaScript the page came back from the server,
    // so the fields are filled again.)
    await page.getByLabel("Họ và tên").fill(invitee.name);
    await page.getByLabel("E-mail").fill(invitee.email);
    await page.getByRole("checkbox", { name: "Cán bộ hỗ trợ" }).check();
    await page.getByRole("button", { name: "Gửi lời mời" }).click();
    await expect(page.getByRole("status")).toHaveText(`Đã gửi lời mời đến ${invitee.email}.`);
    await expect(page.locator("#roles-error")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // The e-mail is in the outbox, where the admin sees it without its one-time link.
    await mainNav(page).getByRole("link", { name: "Thư đi" }).click();
    await expect(page).toHaveURL(/\/admin\/outbox$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thư đi");
    const row = page.getByRole("row").filter({ hasText: invitee.email });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("link", { name: "Lời mời tham gia Gieo" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await row.getByRole("link", { name: "Lời mời tham gia Gieo" }).click();
    await expect(page).toHaveURL(/\/admin\/outbox\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lời mời tham gia Gieo");
    await expect(page.locator("main dl")).toContainText(invitee.email);
    const body = page.locator("main pre");
    await expect(body).toContainText(invitee.name);
    await expect(body).toContainText("/invitations/");
    await expect(body).not.toContainText(/\/invitations\/(?!__link-masked__)[A-Za-z0-9_-]{20,}/);
    await expectNoSeriousA11yViolations(page);

    // The invitee's own e-mail, as the mail server received it, carries the working link.
    let link: string | undefined;
    await expect
      .poll(async () => {
        const messages = (await (await fetch(`${SMTP_FAKE_CONTROL}/messages?to=${encodeURIComponent(invitee.email)}`)).json()) as { text: string }[];
        link = messages.map((m) => m.text.match(/https?:\/\/[^\s<>"]+\/invitations\/[A-Za-z0-9_-]+/)?.[0]).find(Boolean);
        return link;
      }, { timeout: 30_000, message: "the invitation e-mail reaches the invitee with its link" })
      .toBeTruthy();
    const invitationPath = new URL(link!).pathname;

    await logoutButton(page).click();
    await expect(logoutButton(page)).toHaveCount(0);

    // The invited person follows the link, sets a password, and is signed in with her role.
    await page.goto(invitationPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhận lời mời tham gia Gieo");
    await expect(page.locator("main")).toContainText("Cán bộ hỗ trợ");
    await expect(page.locator("main")).toContainText(invitee.email);
    await expect(page.getByLabel("Họ và tên")).toHaveValue(invitee.name);
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Mật khẩu").fill(invitee.password);
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(invitee.name));
    await expect(page.locator("main")).toContainText("Cán bộ hỗ trợ:");
    await expect(mainNav(page).getByRole("link", { name: "Người dùng" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // The link works once.
    await page.goto(invitationPath);
    await expect(page.getByRole("alert")).toHaveText(
      "Lời mời này đã hết hạn hoặc đã được dùng. Hãy xin quản trị viên gửi lời mời mới.",
    );
    await expectNoSeriousA11yViolations(page);
  });
});
