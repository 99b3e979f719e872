// Reviewers read the group's own words (problem, plan, budget items) but must not learn phone
// numbers, bank accounts or members' names from them (SPEC.md step 5). Those fields are simply
// not sent; this scrubs the free text the group typed, where they can still turn up, written in
// whatever way people write them.

export const REDACTED = "[…]";

export interface Secrets {
  /** Names of the group's members and its leader, as stored. */
  names: readonly string[];
  /** The last four digits of the group's bank account, when it has one. */
  accountLast4: string | null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// An e-mail address as people type it, also to dodge filters: "mai@gmail.com", "mai @ gmail.com",
// "mai(at)gmail.com", "mai [at] gmail [dot] com", the full-width "＠".
const at = String.raw`\s*(?:@|＠|\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\})\s*`;
const dot = String.raw`\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\{\s*dot\s*\})\s*`;
const emailPattern = new RegExp(
  String.raw`[\p{L}\p{N}._%+-]+${at}[\p{L}\p{N}-]+(?:${dot}[\p{L}\p{N}-]+)*${dot}\p{L}{2,}(?![\p{L}\p{N}])`,
  "giu",
);

// Between the digits of a number people put spaces, dots, dashes, slashes and brackets, one or two
// at a time: "(091) 234-5678", "0912/345/678", "091.234.5678", "+84 - 912 345 678".
const gap = String.raw`[\s.\-/()]{0,3}`;

// A Vietnamese phone number: a country code (+84, 84, (+84)) or a leading 0, possibly in brackets
// with the area code ("(024) 3825 1234"), then 8 to 10 more digits. Not preceded by a digit, so the
// "0.000.000" inside "100.000.000" is not read as one, nor followed by one, so that a longer
// number (an ID card's 12 digits) is left whole to the next pattern.
const phonePattern = new RegExp(
  String.raw`(?<!\d[\s.,\-/]?)(?:\(\s*\+?\s*84\s*\)|\+\s*84|\b84|\(\s*0|0)(?:${gap}\d){8,10}(?![\s.\-/]?\d)`,
  "g",
);

// Any other run of eight or more digits, separators allowed: bank accounts ("1903 4567 890 537",
// "1903-4567-890537"), ID card numbers, a phone written without its 0.
const digitRunPattern = /(?<!\d)\d(?:[\s.\-/]?\d){7,}(?!\d)/g;

// An amount is a run that groups its digits by three with one mark, as Vietnamese and English
// write money ("100.000.000", "1,500,000"); it stays, unless it ends with the group's account digits.
const amountShape = /^[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*$/;
// A date ("12/03/2027", "12-3-2027", "2027.03.12") is no one's number either.
const dateShape = /^(?:\d{1,2}([/.-])\d{1,2}\1\d{4}|\d{4}([/.-])\d{1,2}\2\d{1,2})$/;

/** The text with members' names, e-mail addresses, phone and account numbers taken out. */
export function redactFreeText(text: string, secrets: Secrets): string {
  let out = text.normalize("NFC");
  const names = secrets.names
    .map((n) => n.normalize("NFC").trim())
    .filter((n) => n.length >= 3)
    // Longest first, so "Lò Thị Hoa" goes before a shorter name inside it.
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{M}])${escape(name)}(?![\\p{L}\\p{M}])`, "giu"), REDACTED);
  }
  out = out.replace(emailPattern, REDACTED);
  out = out.replace(phonePattern, REDACTED);
  const last4 = secrets.accountLast4;
  out = out.replace(digitRunPattern, (run) => {
    if (last4 && run.replace(/\D/g, "").endsWith(last4)) return REDACTED;
    return amountShape.test(run) || dateShape.test(run) ? run : REDACTED;
  });
  return out;
}
