import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, fillLoginForm, greeting, loginAs, test, uniqueDigits } from "./fixtures";
import { idFromLink, logOut, newPhone, waitForHydration } from "./helpers";

// The whole way of one application, as the people involved do it on a 360 px phone: a new group
// leader registers herself and her group, lists its members, fills the six steps of the form
// and submits; the programme admin asks a question that reopens the plan; she answers it,
// changing the plan; the admin finds it back in screening and confirms it eligible.

const OPEN_ROUND = "Vòng 1 năm 2027";
const PROGRAMME = "Sinh kế rừng do phụ nữ làm chủ 2027";

/** A 1 x 1 pixel PNG, as a photo from the field would be (a real image: the server re-encodes it). */
const ONE_PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** Checks the page as it is now, once the page's script (if any) has taken over its forms. */
async function ready(page: Page) {
  await waitForHydration(page);
  await expectNoSeriousA11yViolations(page);
}

/** One step of the wizard: its address, its heading, and whose application for which round. */
async function expectStep(page: Page, at: { applicationId: string; groupName: string }, step: number, title: string) {
  await expect(page).toHaveURL(new RegExp(`/applications/${at.applicationId}/step/${step}(\\?|$)`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator("main")).toContainText(`Nhóm ${at.groupName} — ${OPEN_ROUND}.`);
  await ready(page);
}

test.describe("an application, from a new group to eligible", () => {
  test("a new leader registers her group, applies, answers a question, and the admin confirms it eligible", async ({ page }, testInfo) => {
    // Many pages, each checked with axe: more time than one page's test.
    test.setTimeout(480_000);
    const run = `${testInfo.project.name}-${uniqueDigits(6)}`;
    const leader = { name: "Sùng Thị Dế", ...newPhone(), password: `hat-giong-${run}` };
    const group = {
      name: `Nhóm cây thuốc Tả Van ${run}`,
      commune: "Xã Tả Van",
      village: "Bản Tả Van Dáy",
      phone: newPhone().phone,
      bankName: "Agribank chi nhánh Sa Pa",
      bankAccountHolder: "GIANG THI MAI",
      bankAccount: "8888 0123 4567",
    };
    const title = `Vườn ươm cây thuốc dưới tán rừng ${run}`;
    const firstPlan = "Tháng 3: làm vườn ươm. Tháng 4–5: tập huấn ươm cây cho chị em.";
    const newPlan = "Tháng 3: làm vườn ươm. Tháng 4: tập huấn. Tháng 9: bán cây giống cho hợp tác xã xã Tả Van, 5.000 đồng một cây.";
    const question = "Nhóm sẽ bán cây giống cho ai, với giá bao nhiêu? Hãy ghi rõ trong kế hoạch.";

    // 1. She registers with her name, phone and a password.
    await page.goto("/register");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký cho nhóm phụ nữ");
    await ready(page);
    await page.getByLabel("Họ và tên của bạn").fill(leader.name);
    await page.getByLabel("Số điện thoại").fill(leader.phone);
    await page.getByLabel("Mật khẩu").fill(leader.password);
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(leader.name));
    await ready(page);

    // 2. She registers her group, finding her province by its name typed without accents.
    await page.goto("/groups/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký nhóm");
    await ready(page);
    await page.getByRole("searchbox", { name: "Tìm tỉnh, thành phố" }).fill("lao cai");
    await page.getByRole("button", { name: "Tìm tỉnh" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Tìm thấy" })).toHaveText(
      "Tìm thấy 1 tỉnh, thành phố cho “lao cai”. Hãy chọn trong danh sách dưới đây.",
    );
    await ready(page);
    const province = page.getByLabel("Nhóm ở tỉnh hoặc thành phố nào?");
    // The search put the one unit first, named with its former province; the other 33 stay below.
    await expect(province.locator("option").nth(1)).toHaveText("Lào Cai (trước đây: Yên Bái)");
    await expect(province.locator("option")).toHaveCount(35);
    await province.selectOption({ label: "Lào Cai (trước đây: Yên Bái)" });
    await page.getByLabel("Xã, phường").fill(group.commune);
    await page.getByLabel("Thôn, bản").fill(group.village);
    await page.getByLabel("Tên nhóm").fill(group.name);
    await page.getByLabel("Nhóm thuộc loại nào?").selectOption({ label: "Nhóm tự quản (chưa đăng ký)" });
    await page.getByLabel("Nhóm thành lập năm nào?").fill("2019");
    await page.getByLabel("Họ tên trưởng nhóm").fill(leader.name);
    await page.getByLabel("Số điện thoại của nhóm").fill(group.phone);
    await page.getByLabel("Tên ngân hàng").fill(group.bankName);
    await page.getByLabel("Tên chủ tài khoản").fill(group.bankAccountHolder);
    await page.getByLabel("Số tài khoản ngân hàng của nhóm").fill(group.bankAccount);
    await page.getByRole("button", { name: "Đăng ký nhóm" }).click();

    await expect(page).toHaveURL(/\/groups\/[0-9a-f-]{36}\?done=registered$/);
    const groupId = page.url().match(/\/groups\/([0-9a-f-]{36})/)![1];
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(group.name);
    await expect(page.getByRole("status")).toHaveText("Đã đăng ký nhóm. Bước tiếp theo: thêm các thành viên của nhóm.");
    await expect(page.locator("main dl")).toContainText(`${group.village}, ${group.commune}, Lào Cai`);
    // The account number is kept masked: only its last four digits are shown.
    await expect(page.locator("main")).toContainText(group.bankName);
    await expect(page.locator("main")).toContainText("4567");
    await expect(page.locator("main")).not.toContainText("8888 0123 4567");
    await ready(page);

    // 3. She adds two women of the group, herself as its leader, each with her consent recorded.
    await page.getByRole("link", { name: "Xem và sửa danh sách thành viên" }).click();
    await expect(page).toHaveURL(`/groups/${groupId}/members`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thành viên của nhóm");
    await expect(page.locator("main")).toContainText("Chưa có thành viên nào.");
    await ready(page);
    const members = [
      { name: leader.name, birthYear: "1986", role: "Trưởng nhóm", consent: "15/01/2026" },
      { name: "Giàng Thị Sua", birthYear: "1992", role: "Thủ quỹ", consent: "16/01/2026" },
    ];
    for (const member of members) {
      await page.getByRole("link", { name: "Thêm thành viên" }).click();
      await expect(page).toHaveURL(`/groups/${groupId}/members/new`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thêm thành viên");
      await ready(page);
      await page.getByLabel("Họ tên", { exact: true }).fill(member.name);
      await page.getByRole("group", { name: "Giới tính" }).getByLabel("Nữ").check();
      await page.getByLabel("Dân tộc").selectOption({ label: "Mông" });
      await page.getByLabel("Năm sinh").fill(member.birthYear);
      await page.getByLabel("Vai trò trong nhóm").selectOption({ label: member.role });
      await page.getByLabel("Ngày đồng ý").fill(member.consent);
      await page.getByRole("group", { name: "Đồng ý bằng cách nào?" }).getByLabel("Ký tên vào giấy đồng ý").check();
      await page.getByRole("button", { name: "Thêm thành viên" }).click();
      await expect(page).toHaveURL(`/groups/${groupId}/members?done=added`);
      await expect(page.getByRole("status")).toHaveText("Đã thêm thành viên.");
      const card = page.locator("main article").filter({ has: page.getByRole("heading", { name: member.name }) });
      await expect(card).toContainText(`Nữ · sinh năm ${member.birthYear} · Mông · ${member.role}`);
      // Typed day first, as the field's hint asks, and shown the same way.
      await expect(card).toContainText(`Đồng ý ngày ${member.consent}, ký tên, do ${leader.name} ghi lại.`);
      await ready(page);
    }
    await page.getByRole("link", { name: `← ${group.name}` }).click();
    await expect(page.locator("main")).toContainText("2 thành viên, trong đó 2 phụ nữ; 1 dân tộc. Nhóm có trưởng nhóm là phụ nữ.");
    await ready(page);

    // 4. She starts an application in the open round.
    await page.goto("/rounds");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Các vòng đang nhận hồ sơ");
    await ready(page);
    const round = page.locator("main article").filter({ has: page.getByRole("heading", { name: OPEN_ROUND }) });
    await expect(round).toContainText("Cây thuốc");
    await expect(round).toContainText("Lào Cai");
    await round.getByRole("button", { name: `Làm hồ sơ cho nhóm ${group.name}` }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\/step\/1$/);
    const applicationId = page.url().match(/\/applications\/([0-9a-f-]{36})\//)![1];
    const at = { applicationId, groupName: group.name };

    // Step 1: the project, with an activity this round funds.
    await expectStep(page, at, 1, "Dự án");
    await page.getByLabel("Tên dự án").fill(title);
    await page.getByLabel("Loại hoạt động").selectOption({ label: "Cây thuốc" });
    await page.getByLabel("Nhóm dựa vào nguồn tài nguyên nào?").fill("Cây thuốc nam dưới tán rừng cộng đồng của bản");
    await page.getByLabel("Làm ở đâu?").fill(`${group.village}, ${group.commune}`);
    await page.getByLabel("Dự án giải quyết khó khăn gì của nhóm?").fill("Chị em phải vào rừng xa để hái thuốc và bán tươi với giá thấp.");
    await page.getByLabel("Nhóm sẽ làm những việc gì, khi nào?").fill(firstPlan);
    await page.getByRole("button", { name: "Lưu và sang bước sau" }).click();

    // Step 2: the budget. One line, then "add a line" for another; the server adds them up.
    await expectStep(page, at, 2, "Ngân sách");
    await expect(page.locator("main")).toContainText("Vòng này tài trợ ít nhất 20.000.000 ₫ — hai mươi triệu đồng, nhiều nhất 150.000.000 ₫");
    const line = (n: number) => page.getByRole("group", { name: `Khoản chi ${n}`, exact: true });
    await line(1).getByLabel("Khoản chi", { exact: true }).fill("Lưới che và túi ươm cây");
    await line(1).getByLabel("Số lượng").fill("2");
    await line(1).getByLabel("Đơn giá (đồng)").fill("15.000.000");
    await page.getByRole("button", { name: "Thêm một khoản chi" }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${applicationId}/step/2\\?blank=\\d+$`));
    await expect(line(1)).toContainText("Thành tiền: 30.000.000 ₫");
    await expect(line(1).getByLabel("Khoản chi", { exact: true })).toHaveValue("Lưới che và túi ươm cây");
    await expect(line(2).getByLabel("Khoản chi", { exact: true })).toHaveValue("");
    await expect(page.locator("main")).toContainText("Tổng số tiền xin: 30.000.000 ₫ — ba mươi triệu đồng");
    await ready(page);
    await line(2).getByLabel("Khoản chi", { exact: true }).fill("Tập huấn kỹ thuật ươm cây thuốc");
    await line(2).getByLabel("Số lượng").fill("4");
    await line(2).getByLabel("Đơn giá (đồng)").fill("2.500.000");
    await page.getByLabel("Nhóm góp bằng tiền (đồng)").fill("2.000.000");
    await page.getByLabel("Nhóm góp bằng hiện vật, công sức").fill("30 ngày công làm vườn ươm, đất của bản");
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${applicationId}/step/2\\?done=saved$`));
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu." })).toBeVisible();
    await expect(line(2)).toContainText("Thành tiền: 10.000.000 ₫");
    // The total, computed on the server, in figures and in words.
    await expect(page.locator("main")).toContainText("Tổng số tiền xin: 40.000.000 ₫ — bốn mươi triệu đồng");
    await expect(page.locator("main")).toContainText("Đã lưu: 2.000.000 ₫ — hai triệu đồng");
    await ready(page);
    await page.getByRole("button", { name: "Lưu và sang bước sau" }).click();

    // Step 3: expected outcomes.
    await expectStep(page, at, 3, "Kết quả mong đợi");
    await page.getByLabel("Bao nhiêu thành viên tham gia?").fill("2");
    await page.getByLabel("Trong đó bao nhiêu phụ nữ?").fill("2");
    await page.getByLabel("Hiện nay, mỗi thành viên thu nhập trung bình bao nhiêu một tháng? (đồng)").fill("1.500.000");
    await page.getByLabel("Sau dự án, nhóm mong thu nhập mỗi tháng là bao nhiêu? (đồng)").fill("2.500.000");
    await page.getByRole("button", { name: "Lưu và sang bước sau" }).click();

    // Step 4: caring for the resource.
    await expectStep(page, at, 4, "Bảo vệ môi trường");
    await page
      .getByLabel("Nhóm giữ gìn nguồn tài nguyên thế nào để dùng lâu dài?")
      .fill("Chỉ hái lá và cành non, không đào gốc; mỗi năm trồng bù 500 cây thuốc dưới tán rừng.");
    await page.getByRole("button", { name: "Lưu và sang bước sau" }).click();

    // Step 5: a photo of the place.
    await expectStep(page, at, 5, "Giấy tờ, hình ảnh");
    await expect(page.locator("main")).toContainText("Chưa có tệp nào.");
    await page.getByLabel("Đây là gì?").selectOption({ label: "Ảnh" });
    await page.getByLabel("Chọn tệp").setInputFiles({ name: "vuon-uom.png", mimeType: "image/png", buffer: ONE_PIXEL_PNG });
    await page.getByRole("button", { name: "Tải lên" }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${applicationId}/step/5\\?done=uploaded$`));
    await expect(page.getByRole("status").filter({ hasText: "Đã tải tệp lên." })).toBeVisible();
    await expect(page.getByRole("link", { name: "vuon-uom.png" })).toBeVisible();
    await expect(page.locator("main li").filter({ hasText: "vuon-uom.png" })).toContainText("(Ảnh,");
    await ready(page);
    await page.getByRole("button", { name: "Sang bước sau" }).click();

    // Step 6: everything once more, nothing missing; she consents and submits.
    await expectStep(page, at, 6, "Xem lại và nộp");
    await expect(page.locator("main")).not.toContainText("Hồ sơ còn thiếu hoặc chưa đúng");
    await expect(page.locator("main")).toContainText(title);
    await expect(page.locator("main")).toContainText("40.000.000 ₫ — bốn mươi triệu đồng");
    await expect(page.locator("main")).toContainText("vuon-uom.png");
    await page.getByRole("checkbox", { name: /Chúng tôi cam kết thông tin trong hồ sơ là đúng sự thật/ }).check();
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();

    await expect(page).toHaveURL(`/applications/${applicationId}?done=submitted`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("status")).toHaveText("Đã nộp hồ sơ. Chương trình sẽ xem và báo lại cho nhóm.");
    await expect(page.locator("main")).toContainText("Tình trạng: Đã nộp, đang được xem xét");
    await expect(page.locator("main")).toContainText("Không cần làm gì: chương trình đang xem hồ sơ và sẽ báo lại.");
    await ready(page);
    await logOut(page);

    // 5. The admin finds the round, then the application in its list, and asks about the plan.
    await loginAs(page, "admin");
    await ready(page);
    await page.goto("/admin/programmes");
    await ready(page);
    await page.getByRole("link", { name: PROGRAMME }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(PROGRAMME);
    await ready(page);
    const roundId = await idFromLink(page.getByRole("link", { name: OPEN_ROUND }), /\/admin\/rounds\/([0-9a-f-]{36})$/);

    await page.goto(`/admin/rounds/${roundId}/applications`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hồ sơ của vòng: ${OPEN_ROUND}`);
    await ready(page);
    await page.getByLabel("Tìm theo tên dự án hoặc tên nhóm").fill(run);
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page.getByText("1 hồ sơ", { exact: true })).toBeVisible();
    const row = page.locator("main tbody tr").filter({ hasText: group.name });
    await expect(row).toContainText("Chờ sàng lọc");
    await ready(page);
    await row.getByRole("link", { name: title }).click();

    await expect(page).toHaveURL(`/admin/applications/${applicationId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Sàng lọc: ${title}`);
    await expect(page.locator("main")).toContainText("Trạng thái: Chờ sàng lọc");
    // Every automatic check passes: Lào Cai, medicinal herbs, 40 million, a woman leader, all women.
    await expect(page.locator("main .checklist li")).toHaveCount(6);
    await expect(page.locator("main .checklist li").filter({ hasText: "✗" })).toHaveCount(0);
    await expect(page.locator("main")).toContainText("2 thành viên, trong đó 2 nữ");
    await ready(page);
    await page.getByRole("group", { name: "Mở lại những mục nào để nhóm sửa?" }).getByLabel("Kế hoạch thực hiện").check();
    await page.getByLabel("Câu hỏi cho nhóm").fill(question);
    await page.getByRole("button", { name: "Gửi câu hỏi cho nhóm" }).click();
    await expect(page).toHaveURL(`/admin/applications/${applicationId}?done=clarify`);
    await expect(page.getByRole("status")).toHaveText("Đã gửi câu hỏi. Nhóm đã được báo qua thông báo và e-mail.");
    await expect(page.locator("main")).toContainText("Trạng thái: Chờ nhóm trả lời câu hỏi");
    await expect(page.locator("main")).toContainText("Mục mở lại: Kế hoạch thực hiện");
    await expect(page.locator("main")).toContainText("Nhóm chưa trả lời.");
    await ready(page);
    await logOut(page);

    // 6. The leader signs in with her phone, finds the question among her notifications, and
    //    answers it, changing the plan (the only part reopened).
    await page.goto("/login");
    await ready(page);
    await fillLoginForm(page, leader.phone, leader.password);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(leader.name));
    await ready(page);
    await page.goto("/notifications");
    await ready(page);
    const notice = page.getByRole("link", { name: `Cán bộ chương trình có câu hỏi về hồ sơ “${title}”. Hãy trả lời để hồ sơ được xét tiếp.` });
    await notice.click();
    await expect(page).toHaveURL(/\/clarifications\/[0-9a-f-]{36}$/);
    const clarificationUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Câu hỏi về hồ sơ của nhóm");
    await expect(page.locator("main")).toContainText(`Hồ sơ: ${title} — ${group.name}`);
    await expect(page.locator("main .card")).toContainText(question);
    await ready(page);
    const plan = page.getByLabel("Kế hoạch thực hiện");
    await expect(plan).toHaveValue(firstPlan);
    // Only the plan is reopened: no other answer can be changed here.
    await expect(page.locator("main form textarea, main form input:not([type=hidden]), main form select")).toHaveCount(2);
    await plan.fill(newPlan);
    await page.getByLabel("Câu trả lời của nhóm").fill("Nhóm bán cây giống cho hợp tác xã xã Tả Van, 5.000 đồng một cây. Đã ghi vào kế hoạch.");
    await page.getByRole("button", { name: "Gửi câu trả lời" }).click();
    await expect(page).toHaveURL(clarificationUrl);
    await expect(page.locator("main")).toContainText(/Nhóm đã trả lời ngày \d{2}\/\d{2}\/\d{4}\. Hồ sơ đã quay lại bước sàng lọc\./);
    await expect(page.getByRole("button", { name: "Gửi câu trả lời" })).toHaveCount(0);
    await ready(page);
    await page.goto("/applications");
    await ready(page);
    const mine = page.locator("main article").filter({ hasText: title });
    await expect(mine).toContainText("Tình trạng: Đã nộp, đang được xem xét");
    await expect(mine).toContainText("Nhóm trả lời, hồ sơ được xem lại");
    await logOut(page);

    // 7. The admin is told, finds it back in screening with the new plan, and confirms it eligible.
    await loginAs(page, "admin");
    await ready(page);
    await page.goto("/notifications");
    await ready(page);
    await page.getByRole("link", { name: `Nhóm đã trả lời câu hỏi về hồ sơ “${title}”.` }).click();
    await expect(page).toHaveURL(`/admin/applications/${applicationId}`);
    await expect(page.locator("main")).toContainText("Trạng thái: Chờ sàng lọc");
    await expect(page.locator("main dl")).toContainText(newPlan);
    await expect(page.locator("main dl")).not.toContainText(firstPlan);
    await expect(page.locator("main")).toContainText(/Nhóm trả lời ngày \d{2}\/\d{2}\/\d{4}:/);
    await ready(page);
    await page.getByRole("button", { name: "Đủ điều kiện → chuyển sang chấm điểm" }).click();
    await expect(page).toHaveURL(`/admin/applications/${applicationId}?done=eligible`);
    await expect(page.getByRole("status")).toHaveText("Đã xác nhận đủ điều kiện. Hồ sơ chuyển sang chấm điểm; nhóm đã được báo.");
    await expect(page.locator("main")).toContainText("Trạng thái: Đủ điều kiện — chờ chấm điểm");
    await expect(page.getByRole("button", { name: "Đủ điều kiện → chuyển sang chấm điểm" })).toHaveCount(0);
    await ready(page);

    // The round's list shows it eligible too.
    await page.getByRole("link", { name: "Về danh sách hồ sơ của vòng" }).click();
    await expect(page).toHaveURL(`/admin/rounds/${roundId}/applications`);
    await page.getByLabel("Tìm theo tên dự án hoặc tên nhóm").fill(run);
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page.locator("main tbody tr").filter({ hasText: group.name })).toContainText("Đủ điều kiện — chờ chấm điểm");
    await ready(page);
  });
});
