import { Link } from "@remix-run/react";
import { formatMoney } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";

/**
 * A notice's words in the reader's language, now: its parameters are stored as plain values (an
 * amount in đồng as digits), and formatted when it is read, so a notice written while she read
 * Vietnamese shows "₫50,000,000" once she reads English. Notices stored already formatted show
 * as they were.
 */
export function NoticeText({ notice }: { notice: { messageKey: string; params: Record<string, string>; link: string | null } }) {
  const t = useT();
  const params = Object.fromEntries(
    Object.entries(notice.params).map(([name, value]) => [name, name === "amount" && /^-?\d+$/.test(value) ? formatMoney(BigInt(value), t.locale) : value]),
  );
  const text = t.dynamic(notice.messageKey, params);
  return notice.link ? <Link to={notice.link}>{text}</Link> : <>{text}</>;
}
