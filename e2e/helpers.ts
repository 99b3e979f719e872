import type { Page, TestInfo } from "@playwright/test";
import { expect, greeting, uniqueDigits } from "./fixtures";

export interface GroupLeader {
  name: string;
  /** As she types it on the form: "0987 654 321". */
  phone: string;
  /** The same number without spaces. */
  phoneDigits: string;
  password: string;
}

/** A new mobile number in the usual Vietnamese writing, unique within the run. */
export function newPhone(): { phone: string; phoneDigits: string } {
  const rest = uniqueDigits(6);
  const phone = `0987 ${rest.slice(0, 3)} ${rest.slice(3)}`;
  return { phone, phoneDigits: phone.replace(/\s/g, "") };
}

/**
 * Registers a new group leader through /register (in Vietnamese) and waits until home greets
 * her, signed in.
 */
export async function registerGroupLeader(page: Page, testInfo: TestInfo, name: string): Promise<GroupLeader> {
  const leader: GroupLeader = { name, ...newPhone(), password: `mat-khau-${testInfo.project.name}-2026` };
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký cho nhóm phụ nữ");
  await page.getByLabel("Họ và tên của bạn").fill(leader.name);
  await page.getByLabel("Số điện thoại").fill(leader.phone);
  await page.getByLabel("Mật khẩu").fill(leader.password);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(leader.name));
  return leader;
}
