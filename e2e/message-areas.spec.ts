import type { Page } from "@playwright/test";
import { expect, loginAs, switchLanguage, test } from "./fixtures";
import { waitForHydration } from "./helpers";

// The wizard's pages load only their areas of the message catalogue (DECISIONS.md, "Lighter
// applicant pages"). The server checks what it renders; this checks what the browser renders on
// its own: a message shown after typing, a navigation into a page with other areas, and a change
// of language. A message of an area the page lacks would show as its bare key.

const bareKey = /\b(?:activity|app|applications|auth|common|error|errors|groups|home|lang|login|nav|pager|programmes|register|screening)\.[a-zA-Z][\w.]*/;

async function expectNoBareKeys(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text.match(bareKey)?.[0] ?? null).toBeNull();
}

test("the wizard's messages are all there, while typing, navigating and changing language", async ({ page }) => {
  const hydrationErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|did not match/i.test(message.text())) hydrationErrors.push(message.text());
  });

  await loginAs(page, "applicant");
  await page.goto("/applications");
  const id = /\/applications\/([^/]+)\/step\//.exec((await page.locator('a[href*="/step/"]').first().getAttribute("href")) ?? "")?.[1];
  expect(id).toBeTruthy();

  await page.goto(`/applications/${id}/step/1`);
  await waitForHydration(page);
  await expectNoBareKeys(page);

  // A message the browser finds by itself, from the form's schema.
  const title = page.locator('input[name="title"]');
  const saved = await title.inputValue();
  await title.fill("x".repeat(300));
  await title.blur();
  await expect(page.locator(".field-error").first()).toContainText("150");
  await expectNoBareKeys(page);
  // Put back what was there (the draft saves itself as one types).
  await title.fill(saved);

  // Into another step, then into a page that loads the whole catalogue.
  await page.locator(`a[href="/applications/${id}/step/3"]`).first().click();
  await expect(page).toHaveURL(/\/step\/3$/);
  await expectNoBareKeys(page);
  await page.locator('header a[href="/applications"]').first().click();
  await expect(page).toHaveURL(/\/applications$/);
  await expectNoBareKeys(page);

  // The same areas, fetched again in English.
  await page.goto(`/applications/${id}/step/1`);
  await waitForHydration(page);
  await switchLanguage(page, "en");
  await expectNoBareKeys(page);
  await page.locator(`a[href="/applications/${id}/step/2"]`).first().click();
  await expect(page).toHaveURL(/\/step\/2$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectNoBareKeys(page);
  await switchLanguage(page, "vi");

  expect(hydrationErrors).toEqual([]);
});

test("leaving a wrong field by pressing the form's button still sends the form: every field's message shows", async ({ page }) => {
  // Issue 16: the wrong phone's message, appearing as she left the field, moved the button from
  // under her finger; the press was lost and the empty required fields said nothing.
  await loginAs(page, "facilitator");
  await page.goto("/groups/new");
  await waitForHydration(page);
  await page.getByLabel("Số điện thoại của nhóm").fill("123");
  await page.locator("main form.stack").last().getByRole("button", { name: "Đăng ký nhóm" }).click();
  const messages = page.locator("main .field-error");
  await expect(messages.filter({ hasText: "Cần số di động Việt Nam" })).toHaveCount(1);
  await expect(messages.filter({ hasText: "Vui lòng điền mục này." })).toHaveCount(7);
});

test("text typed on a wizard step and left at once by the step list is saved, not lost", async ({ page }) => {
  // Issue 16: leaving a step by its step list within the autosave's pause lost what was typed.
  await loginAs(page, "applicant");
  await page.goto("/applications");
  const id = /\/applications\/([^/]+)\/step\//.exec((await page.locator('a[href*="/step/"]').first().getAttribute("href")) ?? "")?.[1];
  expect(id).toBeTruthy();
  await page.goto(`/applications/${id}/step/1`);
  await waitForHydration(page);
  const title = page.locator('input[name="title"]');
  const saved = await title.inputValue();
  const typed = `${saved} (đã sửa)`;
  await title.fill(typed);
  // At once, well before the autosave's pause: by the step list.
  await page.locator(`a[href="/applications/${id}/step/2"]`).first().click();
  await expect(page).toHaveURL(/\/step\/2$/);
  await page.goto(`/applications/${id}/step/1`);
  await waitForHydration(page);
  await expect(page.locator('input[name="title"]')).toHaveValue(typed);
  // Put back what was there, the same way.
  await page.locator('input[name="title"]').fill(saved);
  await page.locator(`a[href="/applications/${id}/step/2"]`).first().click();
  await expect(page).toHaveURL(/\/step\/2$/);
});
