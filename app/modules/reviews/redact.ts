// Reviewers read the group's own words (problem, plan, budget items) but must not learn phone
// numbers, bank accounts or members' names from them (SPEC.md step 5). Those fields are simply
// not sent; this scrubs the free text the group typed, where they can still turn up.

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

// A Vietnamese phone number in any usual writing: 0912 345 678, 0912.345.678, +84 912 345 678,
// 84912345678, 024 3825 1234. Not preceded by a digit, so "100.000.000" is not read as one.
const phonePattern = /(?<!\d[\s.,-]?)(?:\+\s?84|84|0)(?:[\s.-]?\d){8,10}(?![\d])/g;

// Runs of eight or more digits, separators allowed, as bank account numbers are written.
const digitRunPattern = /(?<!\d)\d(?:[\s.-]?\d){7,}(?!\d)/g;

/** The text with members' names, phone numbers and the group's account number taken out. */
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
  out = out.replace(phonePattern, REDACTED);
  const last4 = secrets.accountLast4;
  if (last4) {
    out = out.replace(digitRunPattern, (run) => (run.replace(/\D/g, "").endsWith(last4) ? REDACTED : run));
  }
  return out;
}
