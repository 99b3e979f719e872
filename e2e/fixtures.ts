import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** The password of every seeded demo account (db/seed.ts). */
export const DEMO_PASSWORD = "gieo-demo-2026";

export type DemoRole = "admin" | "finance" | "finance2" | "reviewer" | "facilitator" | "applicant";

export interface DemoAccount {
  role: DemoRole;
  email: string;
  name: string;
  /** The role label the home page lists under "Việc cần làm tiếp" (vi / en). */
  roleLabel: { vi: string; en: string };
  isAdmin: boolean;
}

/** The demo accounts db/seed.ts creates in every fresh database. */
export const accounts: Record<DemoRole, DemoAccount> = {
  admin: {
    role: "admin",
    email: "admin@gieo.test",
    name: "Nguyễn Thu Hà",
    roleLabel: { vi: "Quản trị chương trình", en: "Programme admin" },
    isAdmin: true,
  },
  finance: {
    role: "finance",
    email: "finance@gieo.test",
    name: "Trần Minh Anh",
    roleLabel: { vi: "Tài chính", en: "Finance" },
    isAdmin: false,
  },
  finance2: {
    role: "finance2",
    email: "finance2@gieo.test",
    name: "Phạm Thị Lan",
    roleLabel: { vi: "Tài chính", en: "Finance" },
    isAdmin: false,
  },
  reviewer: {
    role: "reviewer",
    email: "reviewer@gieo.test",
    name: "Lê Văn Bình",
    roleLabel: { vi: "Thành viên hội đồng xét duyệt", en: "Review committee member" },
    isAdmin: false,
  },
  facilitator: {
    role: "facilitator",
    email: "facilitator@gieo.test",
    name: "Lò Thị Hoa",
    roleLabel: { vi: "Cán bộ hỗ trợ", en: "Facilitator" },
    isAdmin: false,
  },
  applicant: {
    role: "applicant",
    email: "group@gieo.test",
    name: "Giàng Thị Mai",
    roleLabel: { vi: "Nhóm phụ nữ", en: "Women's group" },
    isAdmin: false,
  },
};

/** The greeting on the home page (home.welcome), per language. */
export const greeting = {
  vi: (name: string) => `Xin chào, ${name}`,
  en: (name: string) => `Hello, ${name}`,
};

/**
 * Logs in through the real form, as a person would: fill the identifier and password, submit,
 * and wait until the home page greets the account by name. Works with JavaScript on or off,
 * because the form is a plain post either way.
 */
export async function loginAs(
  page: Page,
  role: DemoRole,
  options: { identifier?: string; password?: string; locale?: "vi" | "en" } = {},
): Promise<DemoAccount> {
  const account = accounts[role];
  const locale = options.locale ?? "vi";
  await page.goto("/login");
  await fillLoginForm(page, options.identifier ?? account.email, options.password ?? DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting[locale](account.name));
  return account;
}

/** Fills and submits the log-in form of the current page, whichever language it shows. */
export async function fillLoginForm(page: Page, identifier: string, password: string): Promise<void> {
  const form = page.locator("main form");
  await form.locator('input[name="identifier"]').fill(identifier);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

/** The header's "log out" button (a form post to /logout). */
export function logoutButton(page: Page) {
  return page.locator('header form[action="/logout"] button[type="submit"]');
}

/** The main navigation in the header. */
export function mainNav(page: Page) {
  return page.locator("header nav");
}

/** Clicks one of the footer's language buttons (a plain form post to /language). */
export async function switchLanguage(page: Page, locale: "vi" | "en"): Promise<void> {
  const button = page.locator(`footer form[action="/language"] button[name="locale"][value="${locale}"]`);
  await button.click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(page.locator(`footer button[name="locale"][value="${locale}"]`)).toHaveAttribute("aria-pressed", "true");
}

/**
 * Runs axe-core on the page as it is now and fails on every violation of impact "serious" or
 * "critical", naming each rule and the elements it found, so the report says what to fix.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await analyzeAccessibility(page);
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => {
      const targets = v.nodes.map((n) => {
        const summary = n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : "";
        return `    ${n.target.join(" ")}\n      ${n.html}${summary}`;
      });
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join("\n")}`;
    })
    .join("\n");
  // Compared by rule id, so a failure shows the readable report above rather than a JSON diff.
  expect(serious.map((v) => v.id), `Serious accessibility violations on ${page.url()}:\n${report}`).toEqual([]);
}

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/**
 * axe-core needs JavaScript in the page it checks (it waits on timers), which the "no-js"
 * project switches off: there, the page's current HTML is checked in a throw-away context that
 * has JavaScript but loads none of the app's scripts. It gets the same document at the same
 * address, with the same style sheets from the server, and nothing hydrates it, so axe sees
 * exactly what a phone without JavaScript shows (including pages that answered a form post).
 */
async function analyzeAccessibility(page: Page): Promise<AxeResults> {
  if (test.info().project.use.javaScriptEnabled !== false) {
    return new AxeBuilder({ page }).analyze();
  }
  const browser = page.context().browser();
  if (!browser) throw new Error("axe: the page has no browser to open a checking context in");
  const url = page.url().split("#")[0];
  const html = await page.content();
  const context = await browser.newContext({
    viewport: page.viewportSize(),
    javaScriptEnabled: true,
  });
  try {
    await context.route("**/*", async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === url) {
        await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
      } else if (request.resourceType() === "script" || /\.m?js$/.test(new URL(request.url()).pathname)) {
        await route.abort();
      } else {
        await route.continue();
      }
    });
    const copy = await context.newPage();
    await copy.goto(url);
    return await new AxeBuilder({ page: copy }).analyze();
  } finally {
    await context.close();
  }
}

/**
 * A unique suffix for data a test creates (e-mails, phone numbers), so the same spec can run in
 * both projects against the one database of the run without colliding with itself.
 */
export function uniqueDigits(count: number): string {
  const digits = `${Date.now()}${Math.floor(Math.random() * 1e6)
    .toString()
    .padStart(6, "0")}`;
  return digits.slice(-count);
}

export { expect, test };
