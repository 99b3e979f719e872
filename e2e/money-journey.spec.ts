import type { Locator, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, loginAs, test, type DemoRole } from "./fixtures";
import { idFromLink, logOut, stripeFakeFailsNext, waitForHydration } from "./helpers";

// Money reaching a group, in the demo data: finance prepares three disbursements of a due tranche
// (Stripe, bank transfer, cash); a second finance user approves them; finance pays: the Stripe
// transfer through the local Stripe fake, told to answer late, so the fake's signed webhook is
// what marks it paid; the bank transfer with its VietQR code, then its bank reference; the cash
// against a printed receipt (phiếu chi) with the amount in words, then its signed scan. The group
// is told and sees each payment on its schedule.
//
// The js and no-js projects share one database, so each takes its own grant: with JavaScript the
// leader's (group@gieo.test) grant of the 2025 round, already accepted; without it the
// facilitator first records that one of her groups accepted its pilot-round agreement.

const journeys = {
  js: {
    who: "applicant" as DemoRole,
    group: "Tổ hợp tác dệt thổ cẩm thôn 1",
    round: "Vòng 1 năm 2025",
    acceptsFirst: false,
    stripeAccount: "acct_GieoE2eJsLeader01",
    stripe: { typed: "12.000.000", shown: "12.000.000 ₫" },
    bank: { typed: "8.500.000", shown: "8.500.000 ₫" },
    cash: { typed: "3.250.000", shown: "3.250.000 ₫", words: "Ba triệu hai trăm năm mươi nghìn đồng" },
  },
  "no-js": {
    who: "facilitator" as DemoRole,
    // Whichever of her groups' accepted 2025 grants has its first tranche due (not the js run's).
    group: null,
    round: "Vòng 1 năm 2025",
    acceptsFirst: false,
    stripeAccount: "acct_GieoE2eNoJsThon04",
    stripe: { typed: "10000000", shown: "10.000.000 ₫" },
    bank: { typed: "5000000", shown: "5.000.000 ₫" },
    cash: { typed: "2500000", shown: "2.500.000 ₫", words: "Hai triệu năm trăm nghìn đồng" },
  },
};

async function ready(page: Page) {
  await waitForHydration(page);
  await expectNoSeriousA11yViolations(page);
}

/** "12.000.000 ₫" → 12000000n. */
function amountOf(shown: string): bigint {
  return BigInt(shown.replace(/[^\d]/g, ""));
}

function money(amount: bigint): string {
  return `${new Intl.NumberFormat("vi-VN").format(amount)} ₫`;
}

/** A pattern for text that starts with `text`, whatever spaces (money is written with a no-break space). */
function startingWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s")}`);
}

/** Today in Viet Nam as the pages write dates: dd/mm/yyyy. */
function todayShown(): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
}

/** The value beside a term of a definition list: <dt>term</dt><dd>value</dd>. */
function definition(list: Locator, term: string | RegExp): Locator {
  return list.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
}

/**
 * Opens the finance queue's section page by page (the longest waiting first) until a link to
 * `href` shows, and answers that link.
 */
async function findInQueue(page: Page, section: "due" | "approval" | "payment", href: string): Promise<Locator> {
  const link = page.locator(`main a[href="${href}"]`);
  for (let n = 1; n <= 20; n++) {
    await page.goto(`/finance?section=${section}&page=${n}`);
    if ((await link.count()) > 0) return link.first();
    if ((await page.getByRole("link", { name: "Trang sau" }).count()) === 0) break;
  }
  throw new Error(`${href} is not in the finance queue's "${section}" section`);
}

/** The queue's table row that links to `href`. */
function rowLinking(page: Page, href: string): Locator {
  return page.locator("main tr").filter({ has: page.locator(`a[href="${href}"]`) });
}

/** Reloads the page until the disbursement's status reads `status`, for at most `seconds`. */
async function waitForStatus(page: Page, status: string, seconds: number) {
  const shown = definition(page.locator("main dl.card"), /^Trạng thái$/);
  const until = Date.now() + seconds * 1000;
  while ((await shown.textContent())?.trim() !== status && Date.now() < until) {
    await page.waitForTimeout(500);
    await page.reload();
  }
  await expect(shown).toHaveText(status);
}

test.describe("money reaching a group", () => {
  test("finance prepares, a second person approves, Stripe, bank and cash pay, and the group sees the money arrive", async ({ page }, testInfo) => {
    test.setTimeout(480_000);
    const journey = journeys[testInfo.project.name as keyof typeof journeys];
    const today = todayShown();
    const total = amountOf(journey.stripe.shown) + amountOf(journey.bank.shown) + amountOf(journey.cash.shown);

    // 1. The group's side finds its agreement (and, without JavaScript, the facilitator records
    //    that the group accepted it, which makes the first tranche due).
    await loginAs(page, journey.who);
    await page.goto("/grants");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Khoản tài trợ của nhóm");
    await ready(page);
    const card = page
      .locator("main article")
      .filter({ hasText: `${journey.group ?? ""} · ${journey.round}` })
      .filter({ hasText: journey.acceptsFirst ? "Tình trạng: Chờ nhóm đồng ý" : "Việc tiếp theo: Đợt 1 đã đến hạn: chương trình sẽ chuyển tiền" })
      .filter({ hasNotText: journey.group ? "\u0000" : journeys.js.group })
      .first();
    await expect(card).toBeVisible();
    const group = journey.group ?? (await card.locator("p").first().innerText()).split(" · ")[0]!.trim();
    const grantLink = card.getByRole("heading", { level: 2 }).getByRole("link");
    const grantId = await idFromLink(grantLink, /^\/grants\/([0-9a-f-]{36})$/);
    const title = (await grantLink.textContent())!.trim();
    await grantLink.click();
    await expect(page).toHaveURL(`/grants/${grantId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thỏa thuận tài trợ");
    const firstTranche = page.locator('main tr[data-tranche="1"]');
    await ready(page);
    if (journey.acceptsFirst) {
      await expect(page.locator("main")).toContainText("Nhóm chưa đồng ý thỏa thuận này.");
      await expect(firstTranche).toContainText("Chưa đến hạn");
      const form = page.getByRole("form", { name: "Ghi nhận nhóm đồng ý (thay mặt nhóm)" });
      await form.getByLabel("Tôi xác nhận đã đọc thỏa thuận cho nhóm và nhóm đồng ý").check();
      const consentBy = form.getByLabel("Ai đồng ý thay cho nhóm");
      const leader = (await consentBy.inputValue()).trim();
      expect(leader).not.toBe("");
      await form.getByLabel("Nói đồng ý, có người làm chứng").check();
      await form.getByLabel("Họ tên người làm chứng").fill("Sùng A Páo, trưởng thôn");
      await form.getByRole("button", { name: "Ghi nhận nhóm đồng ý" }).click();
      await expect(page.getByRole("status")).toHaveText("Cảm ơn! Nhóm đã đồng ý thỏa thuận. Chương trình sẽ chuyển đợt tiền đầu tiên.");
      await expect(page.locator("main")).toContainText(
        `(cán bộ hỗ trợ) ghi nhận ngày ${today}: nhóm đã đồng ý bằng lời, ${leader} nói đồng ý trước người làm chứng Sùng A Páo, trưởng thôn.`,
      );
      await expect(page.getByRole("form", { name: "Ghi nhận nhóm đồng ý (thay mặt nhóm)" })).toHaveCount(0);
      await ready(page);
    }
    await expect(firstTranche).toContainText("Đến hạn, chờ chuyển tiền");
    await expect(firstTranche).toContainText("Chưa có");
    // The group's id, for finance's page of its Stripe account.
    await page.goto("/groups");
    await ready(page);
    const groupId = await idFromLink(page.locator("main").getByRole("link", { name: group, exact: true }), /^\/groups\/([0-9a-f-]{36})$/);
    await logOut(page);

    // 2. Finance keeps the group's Stripe connected account, then finds the due tranche.
    await loginAs(page, "finance");
    await page.goto(`/finance/groups/${groupId}/stripe`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tài khoản Stripe của nhóm");
    await expect(page.locator("main")).toContainText(group);
    await ready(page);
    await page.getByLabel("Mã tài khoản Stripe").fill(journey.stripeAccount);
    await page.getByRole("button", { name: "Lưu tài khoản" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã lưu tài khoản Stripe của nhóm.");
    await expect(page.locator("main")).toContainText(`Tài khoản hiện tại: ${journey.stripeAccount}`);
    await ready(page);

    const ledgerUrl = `/finance/grants/${grantId}`;
    const due = await findInQueue(page, "due", ledgerUrl);
    // A grant whose later reports are approved shows a row per due tranche; the first must be there.
    await expect(rowLinking(page, ledgerUrl).filter({ hasText: "Đợt 1" })).toHaveCount(1);
    await ready(page);
    await due.click();
    await expect(page).toHaveURL(ledgerUrl);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Sổ chi: ${group}`);
    const figures = page.locator("main dl.figures");
    const paidBefore = amountOf((await definition(figures, /^Đã chi$/).textContent())!);
    await ready(page);

    // 3. One finance user prepares three disbursements of the first tranche, one per method.
    const prepared: Record<"stripe" | "bank" | "cash", string> = { stripe: "", bank: "", cash: "" };
    const methods = { stripe: "Chuyển qua Stripe", bank: "Chuyển khoản ngân hàng", cash: "Tiền mặt" } as const;
    let accountLast4 = "";
    for (const method of ["stripe", "bank", "cash"] as const) {
      const form = page.locator("main form").filter({ has: page.getByRole("heading", { name: "Lập khoản chi" }) });
      await expect(form.getByLabel("Đợt", { exact: true }).locator("option:checked")).toHaveText(/^Đợt 1 — còn /);
      await form.getByLabel("Số tiền (đồng)").fill(journey[method].typed);
      await form.getByRole("group", { name: "Cách chi" }).getByLabel(methods[method], { exact: true }).check();
      if (method === "bank") {
        // The bank the group wrote down is suggested, for the VietQR code.
        const hint = (await form.locator("#field-bankBin-hint").textContent()) ?? "";
        accountLast4 = hint.match(/•••• (\d{4})/)?.[1] ?? "";
        expect(accountLast4, `the group's bank account in “${hint}”`).toMatch(/^\d{4}$/);
        await expect(form.getByLabel("Ngân hàng của nhóm (khi chuyển khoản)")).not.toHaveValue("");
      }
      if (method === "cash") await form.getByLabel("Ghi chú").fill("Chi tại nhà văn hoá thôn, có cán bộ hỗ trợ chứng kiến.");
      await form.getByRole("button", { name: "Lập khoản chi" }).click();
      await expect(page).toHaveURL(/\/finance\/disbursements\/[0-9a-f-]{36}\?done=prepared$/);
      prepared[method] = page.url().match(/\/finance\/disbursements\/([0-9a-f-]{36})/)![1];
      await expect(page.getByRole("status")).toHaveText("Đã lập khoản chi. Cần một người khác trong bộ phận tài chính duyệt.");
      const card = page.locator("main dl.card");
      await expect(definition(card, /^Số tiền$/)).toHaveText(startingWith(`${journey[method].shown} — `));
      await expect(definition(card, /^Cách chi$/)).toContainText(methods[method]);
      await expect(definition(card, /^Trạng thái$/)).toHaveText("Chờ duyệt");
      // Whoever prepared it cannot approve it.
      await expect(page.locator("main")).toContainText("Bạn đã lập khoản chi này nên không thể tự duyệt");
      await expect(page.getByRole("button", { name: "Duyệt", exact: true })).toHaveCount(0);
      await ready(page);
      await page.getByRole("link", { name: "Sổ chi của khoản tài trợ" }).click();
      await expect(page).toHaveURL(ledgerUrl);
      await ready(page);
    }
    await expect(definition(figures, /^Đã lập, chờ duyệt$/)).toHaveText(money(total));
    await logOut(page);

    // 4. A second finance user approves them: one from the queue, two from their own pages.
    await loginAs(page, "finance2");
    const waiting = await findInQueue(page, "approval", `/finance/disbursements/${prepared.stripe}`);
    const row = rowLinking(page, `/finance/disbursements/${prepared.stripe}`);
    await expect(waiting).toBeVisible();
    await expect(row).toContainText(journey.stripe.shown);
    await expect(row).toContainText("Trần Minh Anh");
    await ready(page);
    await row.getByRole("button", { name: "Duyệt" }).click();
    await expect(page).toHaveURL(`/finance/disbursements/${prepared.stripe}?done=approved`);
    await expect(page.getByRole("status")).toHaveText("Đã duyệt. Khoản chi chờ được chi.");
    await expect(definition(page.locator("main dl.card"), /^Người duyệt$/)).toContainText("Phạm Thị Lan");
    await ready(page);
    for (const method of ["bank", "cash"] as const) {
      await page.goto(`/finance/disbursements/${prepared[method]}`);
      await expect(page.getByRole("heading", { name: "Duyệt khoản chi" })).toBeVisible();
      await expect(page.locator("main")).toContainText("Người lập: Trần Minh Anh.");
      await ready(page);
      await page.getByRole("button", { name: "Duyệt", exact: true }).click();
      await expect(page).toHaveURL(`/finance/disbursements/${prepared[method]}?done=approved`);
      await expect(definition(page.locator("main dl.card"), /^Trạng thái$/)).toHaveText("Đã duyệt, chờ chi");
      await ready(page);
    }
    await logOut(page);

    // 5. Finance pays. Stripe first: the fake makes the transfer and sends its signed webhook at
    //    once but answers the app late, so the webhook is what marks the disbursement paid.
    await loginAs(page, "finance");
    const payable = await findInQueue(page, "payment", `/finance/disbursements/${prepared.stripe}`);
    await expect(rowLinking(page, `/finance/disbursements/${prepared.stripe}`)).toContainText("Đã duyệt, chờ chi");
    await ready(page);
    await payable.click();
    await expect(page).toHaveURL(`/finance/disbursements/${prepared.stripe}`);
    await expect(page.getByRole("heading", { name: "Chi qua Stripe" })).toBeVisible();
    await ready(page);
    await stripeFakeFailsNext("answer-late");
    await page.getByRole("button", { name: `Chuyển ${journey.stripe.shown} qua Stripe` }).click();
    await expect(page).toHaveURL(`/finance/disbursements/${prepared.stripe}?done=stripe`);
    await expect(page.getByRole("status")).toHaveText("Đã gửi lệnh chuyển qua Stripe.");
    await waitForStatus(page, "Đã chi", 30);
    const stripeCard = page.locator("main dl.card");
    const transferId = ((await definition(stripeCard, /^Mã chuyển khoản Stripe$/).textContent()) ?? "").trim();
    expect(transferId).toMatch(/^tr_[A-Za-z0-9]+$/);
    await expect(definition(stripeCard, /^Ngày chi$/)).toHaveText(today);
    const history = page.locator("main ol.history li");
    await expect(history.filter({ hasText: "Gửi lệnh chuyển qua Stripe" })).toContainText("Trần Minh Anh");
    // Paid by the webhook (no person), not by the answer to finance's click.
    await expect(history.filter({ hasText: "Đã chi" })).toHaveText(new RegExp(`— Đã chi\\s·\\shệ thống\\s\\(${transferId}\\)$`));
    await expect(page.getByRole("button", { name: /qua Stripe$/ })).toHaveCount(0);
    await ready(page);

    // The bank transfer: the VietQR code to scan in a banking app, then the bank's reference.
    await page.goto(`/finance/disbursements/${prepared.bank}`);
    await expect(page.getByRole("heading", { name: "Chuyển khoản ngân hàng" })).toBeVisible();
    await ready(page);
    await page.getByRole("button", { name: "Hiện mã VietQR" }).click();
    const qr = page.getByRole("img", { name: "Mã VietQR để quét trong ứng dụng ngân hàng" });
    await expect(qr.locator("svg")).toBeVisible();
    const box = await qr.locator("svg").boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    expect(await qr.locator("svg path, svg rect").count()).toBeGreaterThan(0);
    const qrCard = page.locator("main .vietqr dl");
    await expect(definition(qrCard, /^Số tài khoản$/)).toHaveText(new RegExp(`^\\d+${accountLast4}$`));
    await expect(definition(qrCard, /^Số tiền$/)).toHaveText(journey.bank.shown);
    await expect(definition(qrCard, /^Nội dung chuyển khoản$/)).not.toHaveText("");
    await expect(page.locator("main")).toContainText("Việc xem số tài khoản đã được ghi vào nhật ký.");
    await ready(page);
    const reference = `FT${Date.now().toString().slice(-11)}`;
    await page.getByLabel("Mã giao dịch").fill(reference);
    await expect(page.getByLabel("Ngày chi")).not.toHaveValue("");
    await page.getByRole("button", { name: "Ghi nhận đã chi" }).click();
    await expect(page).toHaveURL(`/finance/disbursements/${prepared.bank}?done=paid`);
    await expect(page.getByRole("status")).toHaveText("Đã ghi nhận khoản chi. Nhóm đã được báo.");
    const bankCard = page.locator("main dl.card");
    await expect(definition(bankCard, /^Trạng thái$/)).toHaveText("Đã chi");
    await expect(definition(bankCard, /^Mã giao dịch ngân hàng$/)).toHaveText(reference);
    await expect(definition(bankCard, /^Ngày chi$/)).toHaveText(today);
    await ready(page);

    // Cash: the receipt prints with the amount in figures and in words, and signature lines.
    await page.goto(`/finance/disbursements/${prepared.cash}`);
    await ready(page);
    await page.getByRole("link", { name: "In phiếu chi" }).click();
    await expect(page).toHaveURL(`/finance/disbursements/${prepared.cash}/receipt`);
    const receipt = page.locator("main article.receipt");
    await expect(receipt.getByRole("heading", { level: 1 })).toHaveText("PHIẾU CHI");
    const lines = receipt.locator("dl.receipt-lines");
    await expect(definition(lines, "Số tiền:")).toHaveText(journey.cash.shown);
    await expect(definition(lines, "Viết bằng chữ:")).toHaveText(journey.cash.words);
    await expect(definition(lines, "Lý do chi:")).toHaveText(`Chi tài trợ đợt 1, dự án “${title}”`);
    await expect(definition(lines, "Địa chỉ:")).toContainText(group);
    // Mẫu số 02-TT: its book and number, and the five signatures.
    await expect(receipt).toContainText("Mẫu số 02 - TT");
    await expect(definition(receipt.locator("dl.receipt-book"), "Quyển số:")).toHaveText(/^\d{4}$/);
    for (const who of ["Giám đốc", "Kế toán trưởng", "Thủ quỹ", "Người lập phiếu", "Người nhận tiền"]) await expect(receipt).toContainText(who);
    await ready(page);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("header nav")).toBeHidden();
    await expect(page.locator("footer")).toBeHidden();
    await expect(page.getByRole("link", { name: "← Khoản chi" })).toBeHidden();
    await expect(receipt).toBeVisible();
    await expect(receipt).toContainText(journey.cash.words);
    // The signed paper, scanned: here, the printed receipt itself.
    const scan = await receipt.screenshot({ type: "png" });
    await page.emulateMedia({ media: "screen" });
    await expect(page.locator("header nav")).toBeVisible();
    await page.getByRole("link", { name: "← Khoản chi" }).click();
    await expect(page).toHaveURL(`/finance/disbursements/${prepared.cash}`);
    await expect(page.getByRole("heading", { name: "Chi tiền mặt" })).toBeVisible();
    await ready(page);
    await page.getByLabel("Bản quét phiếu chi đã ký").setInputFiles({ name: "phieu-chi-da-ky.png", mimeType: "image/png", buffer: scan });
    await page.getByRole("button", { name: "Ghi nhận đã chi" }).click();
    await expect(page).toHaveURL(`/finance/disbursements/${prepared.cash}?done=paid`);
    await expect(page.getByRole("status")).toHaveText("Đã ghi nhận khoản chi. Nhóm đã được báo.");
    await expect(definition(page.locator("main dl.card"), /^Trạng thái$/)).toHaveText("Đã chi");
    const scanLink = page.getByRole("link", { name: "Tải bản quét phiếu chi đã ký" });
    await expect(scanLink).toBeVisible();
    const stored = await page.request.get((await scanLink.getAttribute("href"))!);
    expect(stored.status()).toBe(200);
    expect(stored.headers()["content-type"]).toMatch(/^image\//);
    await ready(page);

    // The grant's ledger: all three paid, none waiting.
    await page.getByRole("link", { name: "Sổ chi của khoản tài trợ" }).click();
    await expect(page).toHaveURL(ledgerUrl);
    await expect(definition(figures, /^Đã chi$/)).toHaveText(money(paidBefore + total));
    await expect(definition(figures, /^Đã lập, chờ duyệt$/)).toHaveText("0 ₫");
    await expect(definition(figures, /^Đã duyệt, chưa chi$/)).toHaveText("0 ₫");
    await ready(page);
    await logOut(page);

    // 6. The group is told of each payment and sees the money on its schedule.
    await loginAs(page, journey.who);
    await page.goto("/notifications");
    await ready(page);
    const notices = page.locator(`main a[href="/grants/${grantId}"]`);
    for (const method of ["stripe", "bank", "cash"] as const) {
      await expect(notices.filter({ hasText: `Nhóm đã nhận ${journey[method].shown} — đợt 1 của “${title}”.` })).toHaveCount(1);
    }
    await notices.first().click();
    await expect(page).toHaveURL(`/grants/${grantId}`);
    await expect(firstTranche).toContainText("Đã nhận một phần");
    await expect(firstTranche).toContainText(`${journey.stripe.shown} ngày ${today} (chuyển qua Stripe)`);
    await expect(firstTranche).toContainText(`${journey.bank.shown} ngày ${today} (chuyển khoản ngân hàng)`);
    await expect(firstTranche).toContainText(`${journey.cash.shown} ngày ${today} (tiền mặt)`);
    await ready(page);
    await page.getByRole("link", { name: "← Các khoản tài trợ" }).click();
    await expect(page.locator(`main article[data-grant="${grantId}"]`)).toContainText("Đợt 1: đã nhận một phần, chờ phần còn lại");
    await ready(page);
  });
});
