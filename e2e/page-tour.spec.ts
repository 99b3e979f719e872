import type { Page } from "@playwright/test";
import { expect, loginAs, switchLanguage, test, type DemoRole } from "./fixtures";
import { pageProblems, type PageProblem } from "./page-checks";

// Every page each role can reach from its home, followed link by link as a new user would, read
// at 360 px (a phone) and at 1280 px (a staff laptop): a screenshot of each in both widths, and a
// check that fails on sideways scrolling at 360 px, a page titled only "Gieo", a catalogue key
// or a phrase of the other language on the page. Screenshots go to e2e/.output/screenshots/.

const SHOTS = "e2e/.output/screenshots";
const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

/** How many pages of one kind (same path once ids are set aside) the tour opens. */
const PER_KIND = 1;
/** Enough for every kind of page a role has; a guard against a crawl that never ends. */
const MOST_PAGES = 70;

/** Links the tour does not follow: downloads, files, leaving, and posts dressed as links. */
const SKIPPED = [/^\/logout/, /^\/language/, /^\/webhooks\//, /\.(csv|xlsx|json|pdf|png|jpe?g|webp)$/, /\/download\.html$/, /\/attachments\//, /\/photos\//, /\/scan$/, /^\/healthz/];

/** The kind of a page: its path with every id replaced, so one of each kind is opened. */
function kindOf(path: string): string {
  return path
    .split("/")
    .map((part) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(part) || /^\d+$/.test(part) ? ":id" : part))
    .join("/");
}

async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.locator("header a[href], main a[href]").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  const here = new URL(page.url());
  return hrefs
    .map((href) => new URL(href))
    .filter((u) => u.origin === here.origin && !SKIPPED.some((pattern) => pattern.test(u.pathname)))
    .map((u) => u.pathname + (u.pathname.includes("/step/") ? "" : u.search));
}

/** Visits every kind of page reachable from home; returns the paths in the order opened. */
async function crawl(page: Page, visit: (path: string) => Promise<void>): Promise<string[]> {
  const seenKinds = new Map<string, number>();
  const queue = ["/"];
  const opened: string[] = [];
  const queued = new Set(queue);
  while (queue.length > 0 && opened.length < MOST_PAGES) {
    const path = queue.shift()!;
    const kind = kindOf(path.split("?")[0]);
    if ((seenKinds.get(kind) ?? 0) >= PER_KIND) continue;
    seenKinds.set(kind, (seenKinds.get(kind) ?? 0) + 1);
    const response = await page.goto(path);
    // A page that sends to the log-in form is one this role cannot open.
    const sentToLogin = new URL(page.url()).pathname === "/login" && !path.startsWith("/login");
    if (!response || response.status() >= 400 || sentToLogin) continue;
    opened.push(path);
    await visit(path);
    for (const link of await linksOn(page)) {
      if (!queued.has(link)) {
        queued.add(link);
        queue.push(link);
      }
    }
  }
  return opened;
}

function fileName(path: string): string {
  return kindOf(path).replace(/[/:?=&]+/g, "_").replace(/^_|_$/g, "") || "home";
}

const roles: (DemoRole | "anonymous")[] = ["anonymous", "applicant", "facilitator", "reviewer", "finance", "admin"];

for (const role of roles) {
  test(`every page ${role === "anonymous" ? "a visitor" : `the ${role}`} reaches reads well at 360 and 1280 px, in both languages`, async ({ page }) => {
    const problems: PageProblem[] = [];
    await page.setViewportSize(PHONE);
    if (role !== "anonymous") await loginAs(page, role);

    const opened = await crawl(page, async (path) => {
      problems.push(...(await pageProblems(page, "vi", { checkOverflow: true })));
      const name = `${role}/${fileName(path)}`;
      await page.screenshot({ path: `${SHOTS}/${name}-360.png` });
      await page.setViewportSize(LAPTOP);
      await page.screenshot({ path: `${SHOTS}/${name}-1280.png` });
      await page.setViewportSize(PHONE);
    });
    expect(opened.length, "the tour opened pages").toBeGreaterThan(4);

    // The same pages in English. The language is kept on the account too: put back afterwards,
    // so the other specs meet the demo accounts in Vietnamese.
    await switchLanguage(page, "en");
    try {
      for (const path of opened) {
        await page.goto(path);
        problems.push(...(await pageProblems(page, "en", { checkOverflow: false })));
      }
    } finally {
      await page.goto("/");
      await switchLanguage(page, "vi");
    }

    const report = problems.map((p) => `${p.url}: ${p.problem}`);
    expect([...new Set(report)], `pages of the ${role}`).toEqual([]);
  });
}
