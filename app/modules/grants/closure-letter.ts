import { formatDate, formatMoneyWithWords } from "../../i18n/format";
import type { Translate } from "../../i18n/i18n";

// The closure letter's words (issue 14, item 6), safe on the client: the page prints them and a
// test reads them in both languages, from the same function.

export interface ClosureLetterView {
  grantId: string;
  programmeVi: string;
  programmeEn: string;
  donor: string;
  groupName: string;
  village: string;
  commune: string;
  applicationTitle: string;
  roundVi: string;
  roundEn: string;
  awardedAmount: bigint;
  closedAt: Date | string;
  paid: bigint;
  returned: bigint;
  spent: bigint;
  refunded: bigint;
  ownCash: bigint;
  ownInKindValue: bigint;
}

/** The letter's reference: the grant's first eight characters and the year it closed, as a register would number it. */
export function closureReference(view: Pick<ClosureLetterView, "grantId" | "closedAt">): string {
  return `${view.grantId.slice(0, 8).toUpperCase()}/KT-${formatDate(view.closedAt).slice(-4)}`;
}

/** The letter as its heading, paragraphs and figures, in the translator's language. */
export function closureLetter(t: Translate, view: ClosureLetterView) {
  const en = t.locale === "en";
  const money = (amount: bigint) => formatMoneyWithWords(amount, t.locale);
  return {
    heading: t("spending.letter.heading"),
    reference: t("spending.letter.reference", { reference: closureReference(view), date: formatDate(view.closedAt) }),
    to: t("spending.letter.to", { group: view.groupName, village: view.village, commune: view.commune }),
    body: [
      t("spending.letter.body", {
        programme: en ? view.programmeEn : view.programmeVi,
        donor: view.donor,
        project: view.applicationTitle,
        round: en ? view.roundEn : view.roundVi,
        date: formatDate(view.closedAt),
      }),
      t("spending.letter.reports"),
      t("spending.letter.settled"),
    ],
    figures: [
      { label: t("spending.letter.awarded"), value: money(view.awardedAmount) },
      { label: t("spending.letter.paid"), value: money(view.paid) },
      { label: t("spending.letter.returned"), value: money(view.returned) },
      { label: t("spending.letter.spent"), value: money(view.spent) },
      { label: t("spending.letter.refunded"), value: money(view.refunded) },
      { label: t("spending.letter.ownCash"), value: money(view.ownCash) },
      { label: t("spending.letter.ownInKind"), value: money(view.ownInKindValue) },
    ],
    thanks: t("spending.letter.thanks"),
    signature: t("spending.letter.signature", { programme: en ? view.programmeEn : view.programmeVi }),
  };
}
