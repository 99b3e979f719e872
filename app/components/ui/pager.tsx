import { Link, useLocation } from "@remix-run/react";
import { useT } from "../../i18n/use-t";

/** Previous / next links that keep the page's other query parameters. */
export function Pager({ page, hasNext }: { page: number; hasNext: boolean }) {
  const t = useT();
  const location = useLocation();
  const to = (n: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(n));
    return `?${params}`;
  };
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      {page > 1 ? <Link to={to(page - 1)}>{t("pager.prev")}</Link> : null}
      {hasNext ? <Link to={to(page + 1)}>{t("pager.next")}</Link> : null}
    </nav>
  );
}
