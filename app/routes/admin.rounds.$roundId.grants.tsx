import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "../components/ui/pager";
import { pageNumber } from "../forms/query";
import { formatDate, formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { pageTitle } from "../modules/decisions/page-title";
import { listGrantsOfRound, roundHeader } from "../modules/grants/grant-reads.server";

// The admin's view of a round's grants: status, award, whether and how the group accepted, and
// how many tranches have their condition met.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "grants.round.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const round = await roundHeader(params.roundId ?? "");
  notFoundUnless(round);
  const page = pageNumber(new URL(request.url));
  const { grants, hasNext } = await listGrantsOfRound(round.id, page);
  return {
    round,
    grants: grants.map(({ acceptanceConsent: _consent, reportSchedule: _reports, ...grant }) => grant),
    page,
    hasNext,
  };
}

export default function RoundGrants() {
  const t = useT();
  const { round, grants, page, hasNext } = useLoaderData<typeof loader>();
  const title = t.locale === "en" ? round.titleEn : round.titleVi;
  return (
    <section>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>{t("grants.round.back")}</Link>
      </p>
      <h1>{t("grants.round.title", { round: title })}</h1>
      {grants.length === 0 ? (
        <p>{t("grants.round.empty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="round-grants-caption">
          <table>
            <caption id="round-grants-caption">{t("grants.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grants.col.group")}</th>
                <th scope="col">{t("grants.col.award")}</th>
                <th scope="col">{t("grants.col.status")}</th>
                <th scope="col">{t("grants.col.accepted")}</th>
                <th scope="col">{t("grants.col.conditionsMet")}</th>
              </tr>
            </thead>
            <tbody>
              {grants.map((grant) => (
                <tr key={grant.id} data-grant={grant.id}>
                  <th scope="row">
                    <Link to={`/grants/${grant.id}`}>{grant.groupName}</Link>
                    <br />
                    <span className="muted">{grant.applicationTitle}</span>
                  </th>
                  <td>{formatMoney(grant.awardedAmount, t.locale)}</td>
                  <td>{t(`grants.status.${grant.status}`)}</td>
                  <td>
                    {grant.acceptedAt
                      ? t(grant.onBehalf ? "grants.accepted.onBehalf" : "grants.accepted.self", { date: formatDate(grant.acceptedAt) })
                      : t("grants.accepted.no")}
                    {grant.acceptedByName ? (
                      <>
                        <br />
                        <span className="muted">{grant.acceptedByName}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{t("grants.conditionsMet", { met: grant.tranchesMet, total: grant.tranches })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
