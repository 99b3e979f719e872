import { formatPhone } from "../app/i18n/format";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";
import { idFromLink, logInWith, logOut, newPhone, waitForHydration } from "./helpers";
import { ESMS_FAKE, ZALO_FAKE } from "./phone-fakes";

// A leader with a phone and no e-mail, on a 360 px screen: she registers with her phone, logs in
// with a code read from the SMS fake, forgets her password and sets a new one with a code. Her
// facilitator hands her the group she registered for it in the field (the code reaches the Zalo
// fake); a clarification about its application reaches her on Zalo; then a payment to a second
// group handed to her (by an admin) reaches her by SMS after the Zalo fake refuses it. The outbox
// shows each message delivered once.
//
// The js and no-js projects share one database, so each takes its own demo groups: one with an
// application waiting for screening, one with a grant whose first tranche is due.

const journeys = {
  js: { name: "Sùng Thị Mỷ", applying: "Nhóm du lịch cộng đồng thôn 5", paid: "Nhóm trồng sa nhân bản 34", amount: "1.500.000" },
  "no-js": { name: "Giàng Thị Dua", applying: "Tổ hợp tác dệt thổ cẩm thôn 9", paid: "Nhóm thảo dược làng 35", amount: "1500000" },
};

interface FakeMessage {
  id: string;
  ref: string;
  phone: string;
  text: string;
  params?: Record<string, string>;
}

/** What reached this phone (as 0987…) on one of the fakes, waiting up to 30 s for `count` of them. */
async function messagesTo(fake: string, phone: string, count: number): Promise<FakeMessage[]> {
  const to = `84${phone.replace(/\s/g, "").slice(1)}`;
  let messages: FakeMessage[] = [];
  await expect
    .poll(
      async () => {
        messages = (await (await fetch(`${fake}/__fake/messages?to=${to}`)).json()) as FakeMessage[];
        return messages.length;
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBeGreaterThanOrEqual(count);
  return messages;
}

function codeIn(message: FakeMessage): string {
  const code = message.params?.code ?? message.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code in ${JSON.stringify(message)}`);
  return code;
}

async function zaloRefusesNext(mode: "not-zalo-user") {
  const answer = await fetch(`${ZALO_FAKE}/__fake/fail-next`, { method: "POST", body: mode });
  expect(answer.status).toBe(204);
}

async function ready(page: Page) {
  await waitForHydration(page);
  await expectNoSeriousA11yViolations(page);
}

/** The facilitator (or an admin) hands a group to a phone from the group's accounts page. */
async function handOver(page: Page, group: string, to: { name: string; phone: string }) {
  await page.goto("/groups");
  const link = page.locator("main").getByRole("link", { name: group, exact: true });
  if ((await link.count()) === 0) {
    await page.getByLabel("Tìm nhóm").fill(group);
    await page.getByRole("button", { name: "Tìm" }).click();
  }
  const groupId = await idFromLink(page.locator("main").getByRole("link", { name: group, exact: true }), /^\/groups\/([0-9a-f-]{36})$/);
  await page.goto(`/groups/${groupId}/accounts`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tài khoản của nhóm");
  await ready(page);
  await page.getByLabel("Họ và tên").fill(to.name);
  await page.getByLabel("Số điện thoại").fill(to.phone);
  await page.getByLabel("Vai trò").selectOption("leader");
  await page.getByRole("button", { name: "Gửi mã nhận nhóm" }).click();
  await expect(page.getByRole("status")).toHaveText(/Đã gửi mã nhận nhóm/);
  await expect(page.locator("main")).toContainText(`${to.name} (Trưởng nhóm)`);
  return groupId;
}

async function takeGroup(page: Page, code: string, groupId: string) {
  await page.goto("/groups/join");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhận nhóm");
  await ready(page);
  await page.getByLabel("Mã 6 số").fill(code);
  await page.getByRole("button", { name: "Nhận nhóm" }).click();
  await expect(page).toHaveURL(`/groups/${groupId}`);
}

test.describe("a leader on her phone", () => {
  test("registers by phone, logs in and resets her password by code, and hears by Zalo and SMS", async ({ page }, testInfo) => {
    test.setTimeout(600_000);
    const journey = journeys[testInfo.project.name as keyof typeof journeys];
    const { phoneDigits: phone } = newPhone();
    const password = `mat-khau-${testInfo.project.name}-phone`;

    // 1. She registers with her phone and no e-mail, and agrees to notices by phone.
    await page.goto("/register");
    await ready(page);
    await page.getByLabel("Họ và tên của bạn").fill(journey.name);
    await page.getByLabel("Số điện thoại").fill(phone);
    await page.getByLabel(/Tôi đồng ý nhận tin báo của Gieo qua Zalo hoặc SMS/).check();
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Xin chào, ${journey.name}`);
    await page.goto("/settings/notices");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cách nhận tin báo");
    await expect(page.locator("main")).toContainText("Hiện Gieo báo tin cho bạn qua: trong Gieo, Zalo, SMS.");
    await ready(page);
    await logOut(page);

    // 2. She logs in with a code sent by SMS.
    await page.goto("/login");
    await page.getByRole("link", { name: "Đăng nhập bằng mã gửi qua Zalo hoặc SMS" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng nhập bằng mã");
    await ready(page);
    await page.getByLabel("Số điện thoại").fill(phone);
    await page.getByRole("button", { name: "Gửi mã" }).click();
    await expect(page.getByRole("status")).toContainText("Nếu số này có tài khoản, mã đã được gửi");
    const [loginSms] = await messagesTo(ESMS_FAKE, phone, 1);
    expect(loginSms.text).toMatch(/^Gieo: Ma dang nhap cua ban la \d{6}/);
    await ready(page);
    await page.getByLabel("Mã 6 số").fill(codeIn(loginSms));
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Xin chào, ${journey.name}`);
    await logOut(page);

    // 3. She forgets her password and sets a new one with a code.
    await page.goto("/login");
    await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
    await ready(page);
    await page.getByLabel("E-mail hoặc số điện thoại").fill(phone);
    await page.getByRole("button", { name: "Gửi" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đặt mật khẩu mới bằng mã");
    const resetSms = (await messagesTo(ESMS_FAKE, phone, 2))[1];
    expect(resetSms.text).toContain("Ma dat lai mat khau");
    await ready(page);
    await page.getByLabel("Mã 6 số").fill(codeIn(resetSms));
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(`${password}-moi`);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(`${password}-moi`);
    await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã đổi mật khẩu. Hãy đăng nhập bằng mật khẩu mới.");
    await logInWith(page, phone, `${password}-moi`, journey.name);
    await logOut(page);

    // 4. Her facilitator hands her the group she registered in the field; the code comes by Zalo.
    await loginAs(page, "facilitator");
    const applyingId = await handOver(page, journey.applying, { name: journey.name, phone });
    await logOut(page);
    const [handoverZalo] = await messagesTo(ZALO_FAKE, phone, 1);
    expect(handoverZalo.params).toMatchObject({ by: "Lò Thị Hoa", group: journey.applying });
    await logInWith(page, phone, `${password}-moi`, journey.name);
    await takeGroup(page, codeIn(handoverZalo), applyingId);
    await page.goto("/applications");
    await ready(page);
    const applicationId = await idFromLink(page.locator("main").getByRole("link", { name: /mở rộng sản xuất/ }).first(), /^\/applications\/([0-9a-f-]{36})$/);
    await logOut(page);

    // 5. Staff ask a question about the application: it reaches her on Zalo.
    await loginAs(page, "admin");
    await page.goto(`/admin/applications/${applicationId}`);
    await expect(page.locator("main")).toContainText("Trạng thái: Chờ sàng lọc");
    await ready(page);
    await page.getByRole("group", { name: "Mở lại những mục nào để nhóm sửa?" }).getByLabel("Kế hoạch thực hiện").check();
    await page.getByLabel("Câu hỏi cho nhóm").fill("Nhóm sẽ đón khách ở nhà ai, và mỗi tháng bao nhiêu đoàn?");
    await page.getByRole("button", { name: "Gửi câu hỏi cho nhóm" }).click();
    await expect(page.locator("main")).toContainText("Trạng thái: Chờ nhóm trả lời câu hỏi");
    const clarification = (await messagesTo(ZALO_FAKE, phone, 2))[1];
    expect(clarification.params).toMatchObject({ group: journey.applying });
    expect(clarification.params?.title).toContain("mở rộng sản xuất");

    // 6. An admin hands her a second group, whose first tranche is due (the code by Zalo again).
    const paidId = await handOver(page, journey.paid, { name: journey.name, phone });
    await logOut(page);
    const secondCode = (await messagesTo(ZALO_FAKE, phone, 3))[2];
    await logInWith(page, phone, `${password}-moi`, journey.name);
    await takeGroup(page, codeIn(secondCode), paidId);
    await page.goto("/grants");
    await ready(page);
    const grantLink = page.locator("main article").filter({ hasText: journey.paid }).getByRole("heading", { level: 2 }).getByRole("link");
    const grantId = await idFromLink(grantLink, /^\/grants\/([0-9a-f-]{36})$/);
    await logOut(page);

    // 7. Finance pays part of the tranche in cash: the payment notice goes to Zalo, which says she
    //    has no Zalo account, and then reaches her by SMS.
    await loginAs(page, "finance");
    await page.goto(`/finance/grants/${grantId}`);
    await ready(page);
    const form = page.locator("main form").filter({ has: page.getByRole("heading", { name: "Lập khoản chi" }) });
    await form.getByLabel("Số tiền (đồng)").fill(journey.amount);
    await form.getByRole("group", { name: "Cách chi" }).getByLabel("Tiền mặt", { exact: true }).check();
    await form.getByRole("button", { name: "Lập khoản chi" }).click();
    await expect(page).toHaveURL(/\/finance\/disbursements\/[0-9a-f-]{36}\?done=prepared$/);
    const disbursement = new URL(page.url()).pathname;
    await logOut(page);
    await loginAs(page, "finance2");
    await page.goto(disbursement);
    await ready(page);
    await page.getByRole("button", { name: "Duyệt", exact: true }).click();
    await expect(page).toHaveURL(`${disbursement}?done=approved`);
    await logOut(page);
    await loginAs(page, "finance");
    await page.goto(disbursement);
    await ready(page);
    await zaloRefusesNext("not-zalo-user");
    // The signed receipt, scanned (any real image will do here).
    const scan = await page.screenshot({ type: "png", clip: { x: 0, y: 0, width: 120, height: 80 } });
    await page.getByLabel("Bản quét phiếu chi đã ký").setInputFiles({ name: "phieu-chi.png", mimeType: "image/png", buffer: scan });
    await page.getByRole("button", { name: "Ghi nhận đã chi" }).click();
    await expect(page).toHaveURL(`${disbursement}?done=paid`);
    const [paidSms] = (await messagesTo(ESMS_FAKE, phone, 3)).slice(2);
    expect(paidSms.text).toContain("1.500.000");
    expect(paidSms.text).toContain(journey.paid);
    // Zalo took no payment message: never both.
    expect((await messagesTo(ZALO_FAKE, phone, 3)).filter((m) => m.params?.amount)).toHaveLength(0);
    await logOut(page);

    // 8. The outbox shows each of her messages once, delivered (the providers' receipts).
    await loginAs(page, "admin");
    // Written the one way the app writes phones, whatever the gateway's own form of the number.
    const to = formatPhone(`+84${phone.slice(1)}`);
    await expect
      .poll(
        async () => {
          await page.goto("/admin/outbox");
          return page.locator("main tbody tr").filter({ hasText: to }).filter({ hasText: "Đã đến máy" }).count();
        },
        { timeout: 30_000, intervals: [1000] },
      )
      .toBe(6);
    const rows = page.locator("main tbody tr").filter({ hasText: to });
    // Three SMS (log-in, reset, payment), three Zalo (two hand-overs, the question); the Zalo
    // payment message that was refused, and nothing else.
    await expect(rows).toHaveCount(7);
    await expect(rows.filter({ hasText: "Không gửi được" })).toHaveCount(1);
    await expect(page.locator("main")).toContainText(/Tháng này: \d+ đoạn SMS đã gửi/);
    await ready(page);
  });
});
