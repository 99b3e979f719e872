import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "../components/ui/field";
import { readForm } from "../forms/parse-form.server";
import { formatMoney } from "../i18n/format";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { isUuid } from "../kernel/ids";
import { ProposeForm } from "../modules/amendments/components/amendment-views";
import { AMENDMENT_POST_BYTES, handleAmendmentPost } from "../modules/amendments/page-actions.server";
import { loadProposalForm } from "../modules/amendments/read.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";

// An admin proposes a new version of an accepted grant's agreement (issue 14, item 1): the award,
// the tranche plan, the report dates, the end date and the conditions, with a reason; a second
// admin approves it on the amendments page. `?request=` answers a group's request.
const access = ["admin"] as const;
export const handle: RouteHandle = { access };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "amendments.propose.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  const form = await loadProposalForm(params.grantId ?? "", user);
  const requestId = new URL(request.url).searchParams.get("request");
  return { ...form, requestId: isUuid(requestId) ? requestId : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, access);
  const body = await readForm(request, AMENDMENT_POST_BYTES);
  if (!(body instanceof FormData)) return { form: "propose", errors: { "": body } as Record<string, string>, values: {} as Record<string, string | string[]> };
  if (!body.has("intent")) body.set("intent", "propose");
  return handleAmendmentPost(params.grantId ?? "", user, body, { user, ip: context?.ip ?? "" });
}

export default function ProposeAmendment() {
  const t = useT();
  const { grant, terms, tranches, reports, room, openRequests, canPropose, requestId } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer?.form === "propose" || answer?.form === "" ? answer.errors : undefined;
  return (
    <section className="stack">
      <p>
        <Link to={`/grants/${grant.id}/amendments`}>{t("amendments.version.back")}</Link>
      </p>
      <h1>{t("amendments.propose.title", { group: grant.group.name })}</h1>
      <FormError error={answer?.errors[""]} />
      {canPropose ? (
        <>
          <p>{t("amendments.propose.intro")}</p>
          <p className="hint">{t("amendments.propose.awardHint", { amount: formatMoney(grant.awardedAmount, t.locale), room: formatMoney(room, t.locale) })}</p>
          <ProposeForm
            award={terms.awardedAmount}
            conditions={terms.conditions}
            endsOn={terms.endsOn}
            tranches={tranches}
            reports={reports}
            requests={openRequests}
            requestId={requestId}
            errors={errors}
            values={answer?.form === "propose" ? answer.values : undefined}
          />
        </>
      ) : (
        <p>{t("amendments.propose.cannot")}</p>
      )}
    </section>
  );
}
