import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { StatusBadge } from "../components/ui/status-badge";
import { pageNumber } from "../forms/query";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { listGrantsOfRound, roundHeader } from "../modules/grants/grant-reads.server";
import { grantTone } from "../modules/grants/status-tone";

// The admin's view of a round's grants: status, award, whether and how the group accepted, and
// how many tranches have their condition met.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "grants.round.pageTitle");

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
      <DataTable
        rows={grants}
        rowKey={(grant) => grant.id}
        rowAttributes={(grant) => ({ "data-grant": grant.id })}
        empty={t("grants.round.empty")}
        caption={t("grants.list.caption")}
        pager={{ page, hasNext }}
        columns={[
          {
            header: t("grants.col.group"),
            rowHeader: true,
            cell: (grant) => (
              <>
                <Link to={`/grants/${grant.id}`}>{grant.groupName}</Link>
                <br />
                <span className="muted">{grant.applicationTitle}</span>
              </>
            ),
          },
          { header: t("grants.col.award"), numeric: true, cell: (grant) => <Money amount={grant.awardedAmount} /> },
          { header: t("grants.col.status"), cell: (grant) => <StatusBadge tone={grantTone(grant.status)}>{t(`grants.status.${grant.status}`)}</StatusBadge> },
          {
            header: t("grants.col.accepted"),
            cell: (grant) => (
              <>
                {grant.acceptedAt
                  ? t(grant.onBehalf ? "grants.accepted.onBehalf" : "grants.accepted.self", { date: formatDate(grant.acceptedAt) })
                  : t("grants.accepted.no")}
                {grant.acceptedByName ? (
                  <>
                    <br />
                    <span className="muted">{grant.acceptedByName}</span>
                  </>
                ) : null}
              </>
            ),
          },
          { header: t("grants.col.conditionsMet"), cell: (grant) => t("grants.conditionsMet", { met: grant.tranchesMet, total: grant.tranches }) },
        ]}
      />
    </section>
  );
}
