import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { DataTable } from "../components/ui/data-table";
import { FormError, Notice } from "../components/ui/field";
import { TextAreaField } from "../components/ui/text-area-field";
import { readForm } from "../forms/parse-form.server";
import { formatDate } from "../i18n/format";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { AcceptVersionForm, ReasonForm, VersionInForce, VersionsList, VersionTerms } from "../modules/amendments/components/amendment-views";
import { AMENDMENT_POST_BYTES, amendmentDones, handleAmendmentPost, type AmendmentDone } from "../modules/amendments/page-actions.server";
import { loadAmendmentsPage } from "../modules/amendments/read.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";

// A grant's agreement versions (issue 14, item 1): every version with its printout, the pending
// amendment and the forms of whoever acts on it now (a second admin approves, the group accepts or
// declines, staff withdraw), and the group's requests for a change with staff's answers.
const access = ["applicant", "facilitator", "finance", "admin"] as const;
export const handle: RouteHandle = { access };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "amendments.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  const page = await loadAmendmentsPage(params.grantId ?? "", user);
  const done = new URL(request.url).searchParams.get("done");
  return { ...page, me: { name: user.name }, done: (amendmentDones as readonly string[]).includes(done ?? "") ? (done as AmendmentDone) : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, access);
  const body = await readForm(request, AMENDMENT_POST_BYTES);
  if (!(body instanceof FormData)) return { form: "", errors: { "": body } as Record<string, string>, values: {} as Record<string, string | string[]> };
  return handleAmendmentPost(params.grantId ?? "", user, body, { user, ip: context?.ip ?? "" });
}

const doneKeys = {
  proposed: "amendments.propose.done",
  approved: "amendments.approve.done",
  withdrawn: "amendments.withdraw.done",
  accepted: "amendments.accept.done",
  declined: "amendments.decline.done",
  asked: "amendments.ask.done",
  answered: "amendments.requestDecline.done",
} as const;

export default function GrantAmendments() {
  const t = useT();
  const { grant, reader, versions, requests, inForce, open, canPropose, canApprove, canWithdraw, canAccept, canAsk, canAnswer, me, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errorsFor = (form: string) => (answer && answer.form === form ? answer.errors : undefined);
  const valuesFor = (form: string) => (answer && answer.form === form ? answer.values : undefined);
  return (
    <section className="stack">
      <p>
        <Link to={`/grants/${grant.id}`}>{t("amendments.back")}</Link>
      </p>
      <h1>{t("amendments.title", { group: grant.group.name })}</h1>
      {done ? <Notice>{t(doneKeys[done])}</Notice> : null}
      <FormError error={answer?.errors[""]} />
      <VersionInForce inForce={inForce} grantId={grant.id} />
      <p>{t("amendments.intro")}</p>
      {canPropose ? (
        <p>
          <Link to={`/grants/${grant.id}/amendments/new`}>{t("amendments.propose.link")}</Link>
        </p>
      ) : null}

      {open ? (
        <article className="card stack" aria-labelledby="open-heading">
          <h2 id="open-heading">{t("amendments.open.title", { version: String(open.version) })}</h2>
          <p>
            {t(`amendments.status.${open.status}`)}. {t("amendments.open.reason", { reason: open.reason })}
          </p>
          <VersionTerms terms={open} reports={grant.round.reportSchedule} />
          {canApprove ? (
            <Form method="post" className="stack no-print" aria-labelledby="approve-heading">
              <h3 id="approve-heading">{t("amendments.approve.title")}</h3>
              <p>{t("amendments.approve.intro")}</p>
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="versionId" value={open.id} />
              <div>
                <button type="submit">{t("amendments.approve.submit")}</button>
              </div>
            </Form>
          ) : null}
          {canAccept && (reader === "owner" || reader === "facilitator") ? (
            <AcceptVersionForm versionId={open.id} by={reader} name={reader === "owner" ? me.name : grant.group.leaderName} errors={errorsFor("accept")} values={valuesFor("accept")} />
          ) : null}
          {canAccept ? (
            <ReasonForm
              intent="decline"
              hidden={{ versionId: open.id }}
              title={t("amendments.decline.title")}
              label={t("amendments.closeReason")}
              submit={t("amendments.decline.submit")}
              errors={errorsFor("decline")}
              values={valuesFor("decline")}
            />
          ) : null}
          {canWithdraw ? (
            <ReasonForm
              intent="withdraw"
              hidden={{ versionId: open.id }}
              title={t("amendments.withdraw.title")}
              label={t("amendments.closeReason")}
              submit={t("amendments.withdraw.submit")}
              errors={errorsFor("withdraw")}
              values={valuesFor("withdraw")}
            />
          ) : null}
        </article>
      ) : null}

      <VersionsList grantId={grant.id} versions={versions} />

      <h2 id="requests-heading">{t("amendments.requests")}</h2>
      <DataTable
        labelledBy="requests-heading"
        rows={requests}
        rowKey={(row) => row.id}
        empty={t("amendments.requestsEmpty")}
        columns={[
          { header: t("amendments.col.status"), cell: (row) => t(`amendments.requestStatus.${row.status}`) },
          {
            header: t("amendments.col.reason"),
            className: "pre-wrap",
            cell: (row) => (
              <>
                <div>{row.reason}</div>
                <div className="muted">{t("amendments.request.askedBy", { name: row.askedByName, date: formatDate(row.askedAt) })}</div>
                {row.answer ? <div>{t("amendments.request.answer", { answer: row.answer })}</div> : null}
              </>
            ),
          },
          {
            header: t("amendments.col.people"),
            cell: (row) =>
              canAnswer && row.status === "open" ? (
                <div className="stack">
                  {canPropose ? <Link to={`/grants/${grant.id}/amendments/new?request=${row.id}`}>{t("amendments.request.turn")}</Link> : null}
                  <ReasonForm
                    intent="declineRequest"
                    hidden={{ requestId: row.id }}
                    title={t("amendments.requestDecline.submit")}
                    label={t("amendments.requestDecline.reason")}
                    submit={t("amendments.requestDecline.submit")}
                    errors={answer?.form === "declineRequest" && valuesFor("declineRequest")?.requestId === row.id ? answer.errors : undefined}
                    values={valuesFor("declineRequest")?.requestId === row.id ? valuesFor("declineRequest") : undefined}
                  />
                </div>
              ) : (
                row.answeredByName ?? ""
              ),
          },
        ]}
      />

      {canAsk ? (
        <Form method="post" className="stack no-print" aria-labelledby="ask-heading">
          <h2 id="ask-heading">{t("amendments.ask.title")}</h2>
          <p>{t("amendments.ask.intro")}</p>
          <input type="hidden" name="intent" value="ask" />
          <TextAreaField name="reason" label={t("amendments.ask.reason")} maxLength={1000} rows={4} required defaultValue={typeof valuesFor("ask")?.reason === "string" ? (valuesFor("ask")!.reason as string) : undefined} error={errorsFor("ask")?.reason} />
          <div>
            <button type="submit">{t("amendments.ask.submit")}</button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
