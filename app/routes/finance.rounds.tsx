import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import financeStyles from "../modules/disbursements/components/finance.css?url";
import { roundTotals } from "../modules/disbursements/totals.server";
import { titleFor } from "../i18n/title";

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
            <DataTable
              rows={p.rounds}
              rowKey={(r) => r.id}
              labelledBy={headingId}
              columns={[
                { header: t("finance.csv.round"), rowHeader: true, cell: (r) => (t.locale === "en" ? r.titleEn : r.titleVi) },
                { header: t("finance.totals.grants"), numeric: true, cell: (r) => r.grantCount },
                { header: t("finance.totals.committed"), numeric: true, cell: (r) => <Money amount={r.totals.committed} /> },
                { header: t("finance.totals.paid"), numeric: true, cell: (r) => <Money amount={r.totals.paid} /> },
                { header: t("finance.totals.left"), numeric: true, cell: (r) => <Money amount={r.totals.left} /> },
                {
                  header: t("finance.totals.export"),
                  cell: (r) => (
                    <a href={`/finance/disbursements.csv?round=${r.id}`} download>
                      CSV
                    </a>
                  ),
                },
              ]}
              footer={
                <tr>
                  <th scope="row">{t("finance.totals.programme")}</th>
                  <td />
                  {[p.totals.committed, p.totals.paid, p.totals.left].map((amount, i) => (
                    <td key={i} className="num">
                      <strong>
                        <Money amount={amount} />
                      </strong>
                    </td>
                  ))}
                  <td />
                </tr>
              }
            />
          </div>
        );
      })}
    </section>
  );
}
