import type { Page } from "@playwright/test";
import { expect, loginAs, test, type DemoRole } from "./fixtures";

// No page breaks its own Content-Security-Policy (issue 18, item 11): `style-src 'self'` refused
// the app's inline `style=` attributes, and multi-line answers collapsed onto one line on admin
// and reviewer pages. Every role walks its pages (the start pages and the links found on them,
// which reach the detail pages of the demo data) and any violation, reported as a
// `securitypolicyviolation` event or in the console, fails the walk.

const startPages: Record<DemoRole, string[]> = {
  admin: ["/", "/admin/programmes", "/admin/users", "/admin/outbox", "/admin/audit", "/admin/reports", "/admin/impact"],
  reviewer: ["/", "/reviews"],
  finance: ["/", "/finance", "/finance/rounds"],
  finance2: ["/finance"],
  facilitator: ["/", "/groups"],
  applicant: ["/", "/applications", "/grants", "/reports"],
};

// Downloads, exports and state changes are not pages to look at.
const notPages = /\/logout$|\.csv|\.xlsx|\/attachments\/|\/photos\/|\/receipt$|\/scan$|\/export/;
const MAX_PAGES = 45;

async function collectViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (apply|load|execute|connect|frame)/i.test(message.text())) {
      found.push(`${page.url()}: ${message.text()}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const all = ((window as unknown as { __csp?: string[] }).__csp ??= []);
      all.push(`${event.violatedDirective} ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return found;
}

async function walk(page: Page, role: DemoRole): Promise<{ visited: string[]; violations: string[] }> {
  const violations = await collectViolations(page);
  await loginAs(page, role);
  const queue = startPages[role].map((path) => ({ path, depth: 0 }));
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < MAX_PAGES) {
    const { path, depth } = queue.shift()!;
    if (visited.includes(path)) continue;
    visited.push(path);
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(500);
    const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []);
    violations.push(...events.map((e) => `${path}: ${e}`));
    // Three levels down (a programme, its round, the round's applications, one application),
    // a few links from each page so that every kind of page is reached within the budget.
    if (depth < 4) {
      const links = await page.locator("main a[href^='/']").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
      const fresh = links
        .map((link) => link.split("#")[0])
        .filter((target) => !notPages.test(target) && !visited.includes(target) && !queue.some((q) => q.path === target));
      for (const target of [...new Set(fresh)].slice(0, 6)) queue.push({ path: target, depth: depth + 1 });
    }
  }
  return { visited, violations };
}

for (const role of ["admin", "reviewer", "finance", "facilitator", "applicant"] as const) {
  test(`no CSP violation on the ${role}'s pages`, async ({ page }) => {
    const { visited, violations } = await walk(page, role);
    expect(visited.length).toBeGreaterThan(startPages[role].length);
    expect(violations, `visited:\n${visited.join("\n")}`).toEqual([]);
  });
}
