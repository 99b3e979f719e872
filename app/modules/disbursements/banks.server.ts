import { Banks } from "vietnam-qr-pay";
import { compareText } from "../../i18n/collate";

// The banks a VietQR code can name, from the maintained NAPAS list the QR package ships. A group
// writes its bank as free text ("Agribank chi nhánh Sa Pa"), so finance picks the bank itself;
// the page pre-selects the likeliest one.

export interface BankOption {
  bin: string;
  shortName: string;
  name: string;
}

/** Strips marks and everything but letters and digits: "Ngân hàng Á Châu" → "nganhangachau". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const usable = Banks.filter((b) => !b.deprecated && b.vietQRStatus >= 0);

/** One option per BIN (the list names a few BINs twice), sorted by the name people use. */
export const bankOptions: readonly BankOption[] = [...new Map(usable.map((b) => [b.bin, { bin: b.bin, shortName: b.shortName, name: b.name }])).values()].sort(
  (a, b) => compareText(a.shortName, b.shortName),
);

const byBin = new Map(bankOptions.map((b) => [b.bin, b]));

export function findBank(bin: string | null | undefined): BankOption | null {
  return (bin && byBin.get(bin)) || null;
}

/** Words that name each bank, folded: its short name, code, key, keywords and full name. */
const tokens = usable.map((b) => ({
  bin: b.bin,
  words: [b.shortName, b.code, b.key, ...(b.keywords ?? "").split(","), b.name].map(fold).filter((w) => w.length >= 3),
  name: fold(b.name),
}));

/**
 * The BIN of the bank a group's free-text bank name most likely means, or null. The longest
 * bank word found in the text wins ("vietinbank" over "vietin"); a text that is the start of a
 * bank's full name ("Ngân hàng Nông nghiệp và Phát triển Nông thôn") matches it too.
 */
export function guessBankBin(freeText: string | null | undefined): string | null {
  const text = fold(freeText ?? "");
  if (text.length < 3) return null;
  let best: { bin: string; score: number } | null = null;
  for (const bank of tokens) {
    let score = 0;
    for (const word of bank.words) if (text.includes(word)) score = Math.max(score, word.length);
    if (text.length >= 12 && bank.name.startsWith(text)) score = Math.max(score, text.length);
    if (score > 0 && (!best || score > best.score)) best = { bin: bank.bin, score };
  }
  return best?.bin ?? null;
}
