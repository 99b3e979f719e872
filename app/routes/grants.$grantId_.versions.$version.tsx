import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "../i18n/format";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { VersionTerms } from "../modules/amendments/components/amendment-views";
import { loadVersionPage } from "../modules/amendments/read.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";

// One version of a grant's agreement, printable (issue 14, item 1): version 1 is the agreement the
// group accepted, each later one an amendment with its reason and who proposed, approved and accepted it.
const access = ["applicant", "facilitator", "finance", "admin"] as const;
export const handle: RouteHandle = { access };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleFor(matches, "amendments.version.pageTitle", { version: String(data?.version.version ?? "") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  return loadVersionPage(params.grantId ?? "", params.version ?? "", user);
}

export default function GrantVersion() {
  const t = useT();
  const { grant, version } = useLoaderData<typeof loader>();
  const en = t.locale === "en";
  return (
    <section className="stack">
      <p className="no-print">
        <Link to={`/grants/${grant.id}/amendments`}>{t("amendments.version.back")}</Link>
      </p>
      <article className="agreement card stack" aria-labelledby="version-heading">
        <h1 id="version-heading">{t("amendments.version.title", { version: String(version.version) })}</h1>
        <p className="muted">
          {en ? grant.programme.nameEn : grant.programme.nameVi} · {en ? grant.round.titleEn : grant.round.titleVi}
        </p>
        <p>{t("amendments.version.group", { group: grant.group.name })}</p>
        <p>{t("amendments.version.project", { title: grant.applicationTitle })}</p>
        <p>
          <strong>{t(`amendments.status.${version.status}`)}</strong>
          {version.reason ? ` — ${t("amendments.open.reason", { reason: version.reason })}` : version.version === 1 ? ` — ${t("amendments.original")}` : ""}
        </p>
        <VersionTerms terms={version} reports={grant.round.reportSchedule} />
        {version.proposedByName ? <p>{t("amendments.proposedBy", { name: version.proposedByName })}</p> : null}
        {version.approvedByName ? <p>{t("amendments.approvedBy", { name: version.approvedByName })}</p> : null}
        {version.acceptedByName && version.acceptedAt ? <p>{t("amendments.acceptedBy", { name: version.acceptedByName, date: formatDate(version.acceptedAt) })}</p> : null}
        {version.closedByName ? <p>{t("amendments.closedBy", { name: version.closedByName, reason: version.closeReason ?? "" })}</p> : null}
      </article>
      <p className="hint no-print">{t("amendments.version.printHint")}</p>
    </section>
  );
}
