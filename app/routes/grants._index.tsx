import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "../components/ui/pager";
import { pageNumber } from "../forms/query";
import { formatMoneyWithWords } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { useReportLabel } from "../modules/grants/components/agreement-terms";
import { paymentsOfGrants } from "../modules/disbursements/received.server";
import { listGroupGrants, mayHaveReceived, withNextSteps } from "../modules/grants/group-grants.server";
import { StatusBadge } from "../components/ui/status-badge";
import { grantTone } from "../modules/grants/status-tone";

// The group's grants: each agreement, its status and the one thing that comes next.
export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "grants.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const page = pageNumber(new URL(request.url));
  const { grants, hasNext } = await listGroupGrants(user, page);
  // The grants are the grants module's; what has reached each group is the disbursements module's.
  const payments = await paymentsOfGrants(grants.filter((g) => mayHaveReceived(g.status)).map((g) => g.id));
  return { grants: withNextSteps(grants, payments), hasNext, page };
}

type Row = Awaited<ReturnType<typeof loader>>["grants"][number];

function NextStep({ grant }: { grant: Row }) {
  const t = useT();
  const reportLabel = useReportLabel(grant.reportSchedule);
  const text = t(grant.next.key, { ...grant.next.params, ...(grant.next.report ? { report: reportLabel(grant.next.report) } : {}) });
  // Always to the grant's page, where it is done or seen: the agreement, the payments, the reports.
  return <Link to={`/grants/${grant.id}`}>{text}</Link>;
}

export default function GroupGrants() {
  const t = useT();
  const { grants, page, hasNext } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("grants.list.title")}</h1>
      <p>{t("grants.list.intro")}</p>
      {grants.length === 0 ? <p>{t("grants.list.empty")}</p> : null}
      {grants.map((grant) => (
        <article key={grant.id} className="card" data-grant={grant.id}>
          <h2>
            <Link to={`/grants/${grant.id}`}>{grant.applicationTitle}</Link>
          </h2>
          <p>
            {grant.groupName} · {t.locale === "en" ? grant.roundTitleEn : grant.roundTitleVi}
            <br />
            <strong>{t("grants.col.award")}:</strong> {formatMoneyWithWords(grant.awardedAmount, t.locale)}
            <br />
            <strong>{t("grants.col.status")}:</strong> <StatusBadge tone={grantTone(grant.status)}>{t(`grants.status.${grant.status}`)}</StatusBadge>
          </p>
          <p>
            <strong>{t("grants.col.next")}:</strong> <NextStep grant={grant} />
          </p>
        </article>
      ))}
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
