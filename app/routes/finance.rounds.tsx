import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { roundTotals } from "../modules/disbursements/totals.server";
import { titleFor } from "../modules/groups/meta";

export const handle: RouteHandle = { access: ["finance", "admin"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "finance.totals.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["finance", "admin"]);
  return { programmes: await roundTotals() };
}

export default function FinanceTotals() {
  const t = useT();
  const { programmes } = useLoaderData<typeof loader>();
  const money = (amount: bigint) => formatMoney(amount, t.locale);
  return (
    <section>
      <p>
        <Link to="/finance">{t("finance.back")}</Link>
      </p>
      <h1>{t("finance.totals.title")}</h1>
      <p className="hint">{t("finance.totals.intro")}</p>
      {programmes.length === 0 ? <p>{t("finance.totals.empty")}</p> : null}
      {programmes.map((p) => {
        const headingId = `programme-${p.id}`;
        return (
          <div key={p.id} className="totals-programme">
            <h2 id={headingId}>{t.locale === "en" ? p.nameEn : p.nameVi}</h2>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={headingId}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("finance.csv.round")}</th>
                    <th scope="col">{t("finance.totals.grants")}</th>
                    <th scope="col">{t("finance.totals.committed")}</th>
                    <th scope="col">{t("finance.totals.paid")}</th>
                    <th scope="col">{t("finance.totals.left")}</th>
                    <th scope="col">{t("finance.totals.export")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.rounds.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{t.locale === "en" ? r.titleEn : r.titleVi}</th>
                      <td>{r.grantCount}</td>
                      <td>{money(r.totals.committed)}</td>
                      <td>{money(r.totals.paid)}</td>
                      <td>{money(r.totals.left)}</td>
                      <td>
                        <a href={`/finance/disbursements.csv?round=${r.id}`} download>
                          CSV
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("finance.totals.programme")}</th>
                    <td />
                    <td>
                      <strong>{money(p.totals.committed)}</strong>
                    </td>
                    <td>
                      <strong>{money(p.totals.paid)}</strong>
                    </td>
                    <td>
                      <strong>{money(p.totals.left)}</strong>
                    </td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}
