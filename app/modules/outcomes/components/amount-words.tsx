import { formatMoneyWithWords } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";

/** The typed amount in figures and in words, under its input, when it reads as whole đồng. */
export function AmountWords({ value, id }: { value: unknown; id?: string }) {
  const t = useT();
  const typed = typeof value === "string" ? value.trim() : "";
  if (!/^\d{1,3}([.,\s]\d{3})*$|^\d+$/.test(typed)) return null;
  const digits = typed.replace(/[.,\s]/g, "");
  if (digits.length > 15) return null;
  const amount = BigInt(digits);
  return (
    <p className="hint" id={id} aria-live="polite">
      {formatMoneyWithWords(amount, t.locale)}
    </p>
  );
}
