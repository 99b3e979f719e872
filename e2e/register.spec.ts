import {
  accounts,
  expect,
  expectNoSeriousA11yViolations,
  fillLoginForm,
  greeting,
  uniqueDigits,
  logoutButton,
  mainNav,
  test,
} from "./fixtures";
import { newPhone } from "./helpers";
import { SMTP_FAKE_CONTROL } from "./smtp-fake-ports";

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
    await expect(page.locator("#field-phone-error")).toHaveText("Cần số di động Việt Nam: 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09. Ví dụ: 0912 345 678");
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

  test("with an e-mail address: the account is made by the link sent there, and the form tells nobody who has one", async ({ page }, testInfo) => {
    const leader = {
      name: "Thào Thị Mỷ",
      email: `thao.thi.my.${testInfo.project.name}.${uniqueDigits(8)}@gieo.test`,
      password: `hoa-dao-${testInfo.project.name}-2026`,
    };
    // She signs up from her own address (the server trusts X-Forwarded-For from this machine),
    // so the other specs' sign-ups do not count against the per-address limit.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${testInfo.project.name === "js" ? 21 : 22}` });
    const signUp = async (email: string) => {
      await page.goto("/register");
      await page.getByLabel("Họ và tên của bạn").fill(leader.name);
      await page.getByLabel("E-mail (nếu có)").fill(email);
      await page.getByLabel("Mật khẩu").fill(leader.password);
      await page.getByRole("button", { name: "Tạo tài khoản" }).click();
      await expect(page).toHaveURL(/\/register\/sent$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hãy xem e-mail của bạn");
      await expect(logoutButton(page)).toHaveCount(0);
    };

    // A demo account's address gets the same answer as a new one.
    await signUp(accounts.applicant.email);
    await signUp(leader.email);
    await expectNoSeriousA11yViolations(page);

    // The link reaches her mailbox through the mail server.
    let link: string | undefined;
    await expect
      .poll(async () => {
        const messages = (await (await fetch(`${SMTP_FAKE_CONTROL}/messages?to=${encodeURIComponent(leader.email)}`)).json()) as { text: string }[];
        link = messages.map((m) => m.text.match(/https?:\/\/[^\s<>"]+\/register\/confirm\/[A-Za-z0-9_-]+/)?.[0]).find(Boolean);
        return link;
      }, { timeout: 30_000, message: "the confirmation e-mail reaches her with its link" })
      .toBeTruthy();
    const confirmPath = new URL(link!).pathname;

    await page.goto(confirmPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hoàn tất đăng ký");
    await expect(page.locator("main")).toContainText(leader.name);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(leader.name));

    // The link works once.
    await logoutButton(page).click();
    await expect(logoutButton(page)).toHaveCount(0);
    await page.goto(confirmPath);
    await expect(page.getByRole("alert")).toHaveText(
      "Đường dẫn này đã hết hạn hoặc đã được dùng. Hãy đăng ký lại, hoặc đăng nhập nếu đã có tài khoản.",
    );
  });
});
