import type { Locator, Page, TestInfo } from "@playwright/test";
import { expect, fillLoginForm, greeting, logoutButton, test, uniqueDigits } from "./fixtures";

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

/**
 * With JavaScript on, waits until React has hydrated the page: the forms' libraries set the
 * inputs to their saved values when they attach, so text typed before that would be replaced.
 * The footer is the last part of the page React claims. Without JavaScript there is nothing to wait for.
 */
export async function waitForHydration(page: Page): Promise<void> {
  if (test.info().project.use.javaScriptEnabled === false) return;
  await page.waitForFunction(() => {
    const footer = document.querySelector("footer");
    return footer !== null && Object.keys(footer).some((key) => key.startsWith("__reactProps$"));
  });
}

/** Logs in through the real form with any account and waits until home greets it by name. */
export async function logInWith(page: Page, identifier: string, password: string, name: string): Promise<void> {
  await page.goto("/login");
  await fillLoginForm(page, identifier, password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting.vi(name));
}

/** Logs out with the header's button and waits until the page shows nobody signed in. */
export async function logOut(page: Page): Promise<void> {
  await logoutButton(page).click();
  await expect(logoutButton(page)).toHaveCount(0);
}

/** The id at the end of an address such as /admin/rounds/<id>, read from a link on the page. */
export async function idFromLink(link: Locator, pattern: RegExp): Promise<string> {
  const href = await link.getAttribute("href");
  const id = href?.match(pattern)?.[1];
  if (!id) throw new Error(`no id in ${href ?? "(no href)"} for ${pattern}`);
  return id;
}

/**
 * Makes the Stripe fake's next call fail in the given way (app/testing/stripe-fake.ts, FailureMode),
 * through the control port e2e/stripe-fake-server.ts opens beside its API: the API listens on the
 * app's port + 11 (playwright.config.ts), the control on the port after it.
 */
export async function stripeFakeFailsNext(mode: "500" | "429" | "slow" | "answer-late" | "drop-after-work" | "hang-after-work"): Promise<void> {
  const appPort = Number(new URL(test.info().project.use.baseURL ?? "").port);
  const response = await fetch(`http://127.0.0.1:${appPort + 12}/fail-next`, { method: "POST", body: mode });
  expect(response.status, `the Stripe fake's control answered ${response.status}`).toBe(204);
}
