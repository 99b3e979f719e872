import type { Page } from "@playwright/test";
import { en } from "../app/i18n/en";
import { vi } from "../app/i18n/vi";

// What every page must be, whoever opens it (issue 16): no sideways scrolling at 360 px, a title
// of its own, and nothing of the other language or of the catalogue's machinery in its text.

type Locale = "vi" | "en";

const keys = new Set(Object.keys(vi));

/**
 * The catalogue's phrases that can only come from the other language: several words, nothing to
 * fill in, and different from this language's text for the same key. Finding one on a page means
 * a string was not translated (or was hard-coded).
 */
function foreignPhrases(locale: Locale): string[] {
  const ours = locale === "vi" ? (vi as Record<string, string>) : (en as Record<string, string>);
  const theirs = locale === "vi" ? (en as Record<string, string>) : (vi as Record<string, string>);
  const ownText = new Set(Object.values(ours));
  const phrases = new Set<string>();
  for (const [key, text] of Object.entries(theirs)) {
    if (key.startsWith("sms.") || key.startsWith("email.")) continue;
    if (/[{}<]/.test(text) || text.trim().split(/\s+/).length < 3) continue;
    if (text === ours[key] || ownText.has(text)) continue;
    phrases.add(text.trim());
  }
  return [...phrases];
}

const phrases: Record<Locale, string[]> = { vi: foreignPhrases("vi"), en: foreignPhrases("en") };

/**
 * English words a Vietnamese page never needs: none of them is a Vietnamese word, and the demo
 * data is written in Vietnamese, so each one found is an untranslated string.
 */
const ENGLISH_WORDS = /\b(the|and|your|with|from|this|that|please|submit|save|cancel|applications?|grants?|reports?|rounds?|members?|amount|status|payment|review|reviewer|pending|approved|rejected|draft|member|group|total|none|yes|no)\b/i;

export interface PageProblem {
  url: string;
  problem: string;
}

/** The problems of the page as it is now, read in `locale`. */
export async function pageProblems(page: Page, locale: Locale, options: { checkOverflow: boolean }): Promise<PageProblem[]> {
  const url = new URL(page.url()).pathname + new URL(page.url()).search;
  const found: PageProblem[] = [];
  const title = (await page.title()).trim();
  if (title === "" || title === "Gieo") found.push({ url, problem: `title is only "${title}"` });

  if (options.checkOverflow) {
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return null;
      // Name the outermost element that sticks out, so the report says what to fix.
      const culprits = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
      const outermost = culprits.find((el) => !culprits.includes(el.parentElement as Element)) ?? culprits[0];
      const name = outermost ? `${outermost.tagName.toLowerCase()}${outermost.className ? `.${String(outermost.className).split(" ").join(".")}` : ""}` : "?";
      return `${document.documentElement.scrollWidth} px wide (${name})`;
    });
    if (overflow) found.push({ url, problem: `scrolls sideways at 360 px: ${overflow}` });
  }

  // The text people read, without what they typed into forms (their own words may be anything).
  const text = await page.evaluate(() => {
    const skipped = "script, style, textarea, input, select, code, pre, .pre-wrap, [lang]:not(html)";
    const lines: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.textContent?.trim();
      if (value && !node.parentElement?.closest(skipped)) lines.push(value);
    }
    return lines.join("\n");
  });
  for (const match of text.matchAll(/\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+\b/g)) {
    if (keys.has(match[0])) found.push({ url, problem: `shows the catalogue key "${match[0]}"` });
  }
  for (const phrase of phrases[locale]) {
    if (text.includes(phrase)) found.push({ url, problem: `shows the ${locale === "vi" ? "English" : "Vietnamese"} phrase "${phrase}"` });
  }
  if (locale === "vi") {
    for (const line of text.split("\n")) {
      // E-mail addresses and web addresses are not words of either language.
      const words = line.replace(/\S+@\S+|https?:\/\/\S+/g, "");
      const english = ENGLISH_WORDS.exec(words);
      if (english) found.push({ url, problem: `shows the English word "${english[0]}" in "${line.trim().slice(0, 80)}"` });
    }
  }
  return found;
}
