import { formatMoney } from "../../i18n/format";
import { useT } from "../../i18n/use-t";

/**
 * An amount in the reader's language ("50.000.000 ₫" / "₫50,000,000"), in tabular figures so a
 * column of amounts lines up; the machine-readable value is the integer in the smallest unit.
 */
export function Money({ amount, currency = "VND" }: { amount: bigint | number; currency?: string }) {
  const t = useT();
  return (
    <data className="money" value={String(amount)}>
      {formatMoney(amount, t.locale, currency)}
    </data>
  );
}
