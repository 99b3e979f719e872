import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatMoneyWithWords } from "../i18n/format";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { loadDecisionForReader } from "../modules/decisions/decisions.server";
import { titleFor } from "../i18n/title";

// The group reads the committee's decision and its reason, in its own language.
export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "decisions.read.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  return loadDecisionForReader(params.applicationId ?? "", user, await getLocale(request, user.locale));
}

export default function DecisionForGroup() {
  const t = useT();
  const decision = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("decisions.read.title")}</h1>
      <p>
        <strong>{decision.title}</strong>
        <br />
        {decision.groupName} · {t.locale === "en" ? decision.round.en : decision.round.vi}
      </p>
      <div className={decision.outcome === "rejected" ? "alert alert-error" : "alert alert-success"} role="status">
        <strong>{t(`decisions.read.outcome.${decision.outcome}`)}</strong>
      </div>
      {decision.awardedAmount !== null ? (
        <p>
          {t("decisions.read.amount")} <strong>{formatMoneyWithWords(decision.awardedAmount, t.locale)}</strong>
        </p>
      ) : null}
      {decision.conditions ? (
        <>
          <h2>{t("decisions.read.conditions")}</h2>
          <p>{decision.conditions}</p>
        </>
      ) : null}
      <h2>{t("decisions.read.reason")}</h2>
      <p lang={decision.reasonLocale}>{decision.reason}</p>
      {decision.reasonLocale !== t.locale ? <p className="muted">{t("decisions.read.reasonOnlyVi")}</p> : null}
      <p className="muted">{t("decisions.read.date", { date: formatDate(decision.decidedAt) })}</p>
      {decision.next ? (
        <div className="card">
          <h2>{t("applications.next.title")}</h2>
          <p>
            {decision.next.link ? (
              <Link to={decision.next.link}>{t.dynamic(decision.next.what, decision.next.params)}</Link>
            ) : (
              t.dynamic(decision.next.what, decision.next.params)
            )}
          </p>
        </div>
      ) : null}
    </section>
  );
}
