import type { Page } from "@playwright/test";
import { expect, loginAs, test, type DemoRole } from "./fixtures";

// No page breaks its own Content-Security-Policy (issue 18, item 11): `style-src 'self'` refused
// the app's inline `style=` attributes, and multi-line answers collapsed onto one line on admin
// and reviewer pages. Each role opens its pages and follows its lists down to the detail pages of
// the demo data; any violation, reported as a `securitypolicyviolation` event or in the console,
// fails the walk.

const ID = "[0-9a-f-]{36}";
const link = (pattern: string) => new RegExp(`^${pattern}$`);

/** A journey: a path to open, then links to follow (the first one in main matching each pattern). */
interface Journey {
  steps: [string, ...RegExp[]];
  /** The demo data has what it takes: the journey must reach its last step. */
  required?: boolean;
}

const round = [link(`/admin/programmes/${ID}`), link(`/admin/rounds/${ID}`)];
const journeys: Record<Exclude<DemoRole, "finance2">, Journey[]> = {
  admin: [
    { steps: ["/"] },
    { steps: ["/admin/users"] },
    { steps: ["/admin/audit"] },
    { steps: ["/admin/impact"] },
    // The application page (answers, screening note) and a reviewer's assignment (the conflict
    // reason): two of the pages where multi-line text collapsed.
    { steps: ["/admin/programmes", ...round, link(`/admin/rounds/${ID}/applications`), link(`/admin/applications/${ID}`)], required: true },
    { steps: ["/admin/programmes", ...round, link(`/admin/rounds/${ID}/reviewers`), link(`/admin/rounds/${ID}/reviewers/${ID}`)], required: true },
    { steps: ["/admin/programmes", ...round, link(`/admin/rounds/${ID}/scoreboard`), link(`/admin/rounds/${ID}/decisions/${ID}`)] },
    { steps: ["/admin/programmes", ...round, link(`/admin/rounds/${ID}/grants`)] },
    { steps: ["/admin/reports", link(`/admin/reports/${ID}`)] },
    { steps: ["/admin/outbox", link(`/admin/outbox/${ID}`)] },
  ],
  // The reviewer's assignment: the redacted application and her scores' comments.
  reviewer: [{ steps: ["/"] }, { steps: ["/reviews", link(`/reviews/${ID}`)], required: true }],
  finance: [
    { steps: ["/"] },
    { steps: ["/finance", link(`/finance/disbursements/${ID}`)] },
    { steps: ["/finance", link(`/finance/grants/${ID}`)] },
    { steps: ["/finance/rounds"] },
  ],
  facilitator: [{ steps: ["/"] }, { steps: ["/groups", link(`/groups/${ID}`), link(`/groups/${ID}/members`)] }],
  applicant: [
    { steps: ["/"] },
    { steps: ["/applications", link(`/applications/${ID}`)] },
    { steps: ["/grants", link(`/grants/${ID}`)] },
    { steps: ["/reports", link(`/reports/${ID}`)] },
  ],
};

async function listenForViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (apply|load|execute|connect|frame)/i.test(message.text())) {
      found.push(`${page.url()}: ${message.text()}`);
    }
  });
  // Without JavaScript (the no-js project) this does not run; the console still reports.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const all = ((window as unknown as { __csp?: string[] }).__csp ??= []);
      all.push(`${event.violatedDirective} ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return found;
}

async function open(page: Page, path: string, violations: string[]) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[]);
  violations.push(...events.map((e) => `${path}: ${e}`));
}

/**
 * Follows `patterns` from the page open now, trying up to five matching links at each step (the
 * first programme may have no round with reviews yet). True when the last step was reached.
 */
async function follow(page: Page, patterns: RegExp[], visited: string[], violations: string[]): Promise<boolean> {
  if (patterns.length === 0) return true;
  const [pattern, ...rest] = patterns;
  const hrefs = await page.locator("main a[href^='/']").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
  const candidates = [...new Set(hrefs.map((h) => h.split(/[?#]/)[0]).filter((h) => pattern.test(h)))].slice(0, 5);
  for (const next of candidates) {
    await open(page, next, violations);
    visited.push(next);
    if (await follow(page, rest, visited, violations)) return true;
  }
  return false;
}

for (const role of Object.keys(journeys) as (keyof typeof journeys)[]) {
  test(`no CSP violation on the ${role}'s pages`, async ({ page }) => {
    const violations = await listenForViolations(page);
    await loginAs(page, role);
    const visited: string[] = [];
    for (const { steps, required } of journeys[role]) {
      const [start, ...patterns] = steps;
      await open(page, start, violations);
      visited.push(start);
      const reached = await follow(page, patterns, visited, violations);
      if (required) expect(reached, `${steps.join(" → ")} not reached; visited:\n${visited.join("\n")}`).toBe(true);
    }
    expect(violations, `visited:\n${visited.join("\n")}`).toEqual([]);
  });
}
