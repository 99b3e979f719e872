import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { parseForm, readForm } from "../forms/parse-form.server";
import { useT } from "../i18n/use-t";
import { forbidden, requireAccess } from "../modules/auth/guards.server";
import { hasPermission, type RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { acceptGrant } from "../modules/grants/acceptance.server";
import { cancelGrant, markAwardConditionsMet, markConditionMet } from "../modules/grants/admin-commands.server";
import { resumeGrant, suspendGrant, terminateGrant } from "../modules/grants/stop-commands.server";
import { stopMoneyOfGrant } from "../modules/disbursements/grant-stop.server";
import { StopGrantForm, StopReason } from "../modules/grants/components/stop-forms";
import { paymentsOfGrant } from "../modules/disbursements/received.server";
import { agreementSchedule, loadAgreementForReader } from "../modules/grants/agreement.server";
import { answered, postedValues, refused, type GrantForm } from "../modules/grants/answers.server";
import { FacilitatorAcceptanceForm, LeaderAcceptanceForm } from "../modules/grants/components/acceptance-forms";
import { CancelGrantForm, AwardConditionsMetForm, ConditionMetForm } from "../modules/grants/components/admin-forms";
import { AgreementTerms, useReportLabel } from "../modules/grants/components/agreement-terms";
import agreementStyles from "../modules/grants/components/agreement.css?url";
import { TrancheSchedule } from "../modules/grants/components/tranche-schedule";
import {
  awardConditionsMetSchema,
  cancelGrantSchema,
  conditionMetSchema,
  facilitatorAcceptanceSchema,
  leaderAcceptanceSchema,
  stopGrantSchema,
} from "../modules/grants/grants.schema";
import { reportKeyOf } from "../modules/grants/tranche-status";
import { VersionInForce } from "../modules/amendments/components/amendment-views";
import { pendingVersion, versionInForce } from "../modules/amendments/read.server";
import { closeOutOf } from "../modules/grants/completion.server";
import { spendingPeriods } from "../modules/spending/reports.server";
import { CloseOutPanel } from "../modules/spending/components/closeout-panel";

// The grant agreement: its terms in the reader's language, printable on one A4 page, the tranche
// schedule with what has arrived, and the forms of whoever may act on it. The group's leader and
// its facilitators read and accept; admin and finance read (an admin also marks a report
// condition met by hand, cancels a grant not yet accepted, or suspends, resumes or terminates one).
const access = ["applicant", "facilitator", "finance", "admin"] as const;
export const handle: RouteHandle = { access };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agreementStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "grants.page.title");

const MAX_POST_BYTES = 16 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  const view = await loadAgreementForReader(params.grantId ?? "", user);
  // The grant is the grants module's; what has reached the group is the disbursements module's.
  const schedule = agreementSchedule(view.grant, await paymentsOfGrant(view.grant.id));
  // Which version of the agreement is in force (issue 14, amendments): the amendments module's.
  const accepted = view.grant.status !== "awaiting_acceptance" && view.grant.status !== "cancelled";
  const inForce = accepted ? await versionInForce(view.grant.id, view.grant.acceptance?.at ?? null) : null;
  const pending = accepted ? await pendingVersion(view.grant.id) : null;
  // Issue 14: the spending reports (the spending module's) and, for staff, what close-out waits for.
  const staff = view.reader === "admin" || view.reader === "finance";
  const [spending, closeOut] = await Promise.all([spendingPeriods(view.grant.id), staff ? closeOutOf(view.grant.id) : null]);
  return { ...view, schedule, inForce, pending, spending, closeOut, me: { name: user.name } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, access);
  const { grant, reader } = await loadAgreementForReader(params.grantId ?? "", user);
  const body = await readForm(request, MAX_POST_BYTES);
  if (!(body instanceof FormData)) return refused(null, { "": body }, 400);
  const actor = { user, ip: context?.ip ?? "" };
  const intent = body.get("intent") as GrantForm | null;
  if (intent === "accept") {
    // Staff read the agreement; only the group's own people accept it.
    if (reader === "owner") {
      const form = await parseForm(body, leaderAcceptanceSchema(user.name));
      if (!form.ok) return refused("accept", form.errors, 400, form.values);
      return answered("accept", await acceptGrant(grant, { by: "owner", input: form.data }, actor), postedValues(body));
    }
    if (reader === "facilitator") {
      const form = await parseForm(body, facilitatorAcceptanceSchema);
      if (!form.ok) return refused("accept", form.errors, 400, form.values);
      return answered("accept", await acceptGrant(grant, { by: "facilitator", input: form.data }, actor), postedValues(body));
    }
    throw forbidden();
  }
  if (intent === "condition" || intent === "award-conditions" || intent === "cancel") {
    if (!hasPermission(user.roles, "manage:grants")) throw forbidden();
    if (intent === "award-conditions") {
      const form = await parseForm(body, awardConditionsMetSchema);
      if (!form.ok) return refused("award-conditions", form.errors, 400, form.values);
      return answered("award-conditions", await markAwardConditionsMet(grant, form.data, actor), postedValues(body));
    }
    if (intent === "condition") {
      const form = await parseForm(body, conditionMetSchema);
      if (!form.ok) return refused("condition", form.errors, 400, form.values);
      return answered("condition", await markConditionMet(grant, form.data, actor), postedValues(body));
    }
    const form = await parseForm(body, cancelGrantSchema);
    if (!form.ok) return refused("cancel", form.errors, 400, form.values);
    return answered("cancel", await cancelGrant(grant, form.data, actor), postedValues(body));
  }
  if (intent === "suspend" || intent === "resume" || intent === "terminate") {
    if (!hasPermission(user.roles, "manage:grants")) throw forbidden();
    const form = await parseForm(body, stopGrantSchema);
    if (!form.ok) return refused(intent, form.errors, 400, form.values);
    // Terminating cancels the grant's pending disbursements: the disbursements module's part.
    const result =
      intent === "suspend"
        ? await suspendGrant(grant, form.data, actor)
        : intent === "resume"
          ? await resumeGrant(grant, form.data, actor)
          : await terminateGrant(grant, form.data, actor, stopMoneyOfGrant);
    return answered(intent, result, postedValues(body));
  }
  return refused(null, { "": "grants.errors.unknownAction" }, 400);
}

export default function GrantAgreement() {
  const t = useT();
  const { grant, reader, schedule, awaitingAcceptance, accepted, canAccept, canManage, canCancel, stopForms, inForce, pending, me, spending, closeOut } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const reportLabel = useReportLabel(grant.round.reportSchedule);
  const refusal = answer && "errors" in answer ? answer : null;
  const errorsFor = (form: GrantForm) => (refusal?.form === form ? refusal.errors : {});
  const valuesFor = (form: GrantForm) => (refusal?.form === form ? refusal.values : undefined);
  const back =
    reader === "owner" || reader === "facilitator" ? "/grants" : reader === "admin" ? `/admin/rounds/${grant.round.id}/grants` : `/finance/grants/${grant.id}`;
  const openReports = schedule
    .filter((row) => row.waitsFor !== "signing" && row.conditionMetAt === null)
    .map((row) => ({ id: row.id, position: row.position, report: reportLabel(reportKeyOf(row.waitsFor) ?? row.waitsFor) }));
  return (
    <section>
      <p className="no-print">
        <Link to={back}>{reader === "admin" ? t("grants.round.back") : reader === "finance" ? t("grants.page.financeLink") : t("grants.page.back")}</Link>
        {reader !== "owner" ? (
          <>
            {" · "}
            <Link to={`/grants/${grant.id}/visits`}>{t("grants.page.visitsLink")}</Link>
          </>
        ) : null}
        {reader === "admin" || reader === "finance" ? (
          <>
            {" · "}
            <Link to={`/notes/grant/${grant.id}`}>{t("grants.page.notesLink")}</Link>
          </>
        ) : null}
      </p>
      {answer && "notice" in answer ? <Notice>{t(answer.notice)}</Notice> : null}
      {/* A refusal of the whole request (the grant's state changed, an unknown form) is shown at
          the top: the form it came from may no longer be on the page. */}
      <FormError error={refusal?.errors[""]} />
      <p className="hint no-print">{t("grants.page.printHint")}</p>
      <StopReason grant={grant} />
      {inForce ? <VersionInForce inForce={inForce} grantId={grant.id} pending={pending} /> : null}
      <AgreementTerms grant={grant} schedule={schedule} />
      <TrancheSchedule schedule={schedule} reports={grant.round.reportSchedule} />
      {accepted || grant.status === "suspended" ? <CloseOutPanel grantId={grant.id} periods={spending} closed={grant.status === "completed"} closeOut={closeOut} /> : null}

      {canAccept && reader === "owner" ? <LeaderAcceptanceForm accountName={me.name} errors={errorsFor("accept")} values={valuesFor("accept")} /> : null}
      {canAccept && reader === "facilitator" ? (
        <FacilitatorAcceptanceForm leaderName={grant.group.leaderName} errors={errorsFor("accept")} values={valuesFor("accept")} />
      ) : null}
      {!canAccept && awaitingAcceptance && (reader === "admin" || reader === "finance") ? (
        <p className="no-print muted">{t("grants.page.readOnly")}</p>
      ) : null}

      {canManage && !grant.conditionsMetAt && schedule.some((row) => row.heldByConditions) && grant.status !== "cancelled" ? (
        <AwardConditionsMetForm conditions={grant.conditions} errors={errorsFor("award-conditions")} values={valuesFor("award-conditions")} />
      ) : null}
      {canManage && accepted && openReports.length > 0 ? (
        <ConditionMetForm open={openReports} errors={errorsFor("condition")} values={valuesFor("condition")} />
      ) : null}
      {canManage && accepted && openReports.length === 0 ? <p className="no-print muted">{t("grants.condition.none")}</p> : null}
      {canManage && canCancel ? (
        <>
          <p className="no-print muted">{t("grants.condition.notYet")}</p>
          <CancelGrantForm errors={errorsFor("cancel")} values={valuesFor("cancel")} />
        </>
      ) : null}
      {canManage
        ? stopForms.map((intent) => (
            <StopGrantForm
              key={intent}
              intent={intent}
              unpaid={grant.awardedAmount - schedule.reduce((sum, row) => sum + row.paid, 0n)}
              errors={errorsFor(intent)}
              values={valuesFor(intent)}
            />
          ))
        : null}
    </section>
  );
}
