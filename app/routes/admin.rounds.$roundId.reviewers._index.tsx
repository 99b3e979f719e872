import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, Notice } from "../components/ui/field";
import { Pager } from "../components/ui/pager";
import { badRequest, parseForm, readForm } from "../forms/parse-form.server";
import { pageNumber } from "../forms/query";
import { useZodForm } from "../forms/use-zod-form";
import { formatDate, formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../modules/groups/meta";
import {
  assignByHand,
  autoAssign,
  dueAtFrom,
  loadRoundReviewing,
  requireRound,
  suggestedDueDay,
} from "../modules/reviews/assignment.server";
import { assignSchema, autoAssignSchema } from "../modules/reviews/reviews.schema";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "reviews.admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const round = await requireRound(params.roundId);
  const url = new URL(request.url);
  const page = pageNumber(url);
  const onlyShort = url.searchParams.get("short") === "1";
  const view = await loadRoundReviewing(round, { page, onlyShort });
  return {
    round: { id: round.id, titleVi: round.titleVi, titleEn: round.titleEn, reviewersPerApplication: round.reviewersPerApplication },
    ...view,
    page,
    onlyShort,
    suggestedDue: suggestedDueDay(),
    removed: url.searchParams.get("removed") === "1",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const round = await requireRound(params.roundId);
  const formData = await readForm(request, 256 * 1024);
  if (typeof formData === "string") return badRequest({ "": formData });
  const actor = { user: admin, ip: context?.ip ?? "" };
  const intent = String(formData.get("intent") ?? "");
  if (intent === "auto") {
    const form = await parseForm(formData, autoAssignSchema);
    if (!form.ok) return data({ errors: form.errors, intent, applicationId: null }, { status: 400 });
    const result = await autoAssign(round, dueAtFrom(form.data.dueDate), actor);
    if (!result.ok) return data({ errors: result.errors, intent, applicationId: null }, { status: result.status });
    return { notice: "reviews.admin.autoDone" as const, assigned: result.assigned, short: result.short };
  }
  if (intent === "assign") {
    const applicationId = String(formData.get("applicationId") ?? "");
    const form = await parseForm(formData, assignSchema);
    if (!form.ok) return data({ errors: form.errors, intent, applicationId }, { status: 400 });
    const result = await assignByHand(round, { ...form.data, dueAt: dueAtFrom(form.data.dueDate) }, actor);
    if (!result.ok) return data({ errors: result.errors, intent, applicationId }, { status: result.status });
    return { notice: "reviews.admin.assignedOne" as const, assigned: 1, short: 0 };
  }
  return data({ errors: { "": "errors.invalid" }, intent: null, applicationId: null }, { status: 400 });
}

type Candidate = { id: string; name: string; load: number };

function AssignForm(props: { applicationId: string; candidates: Candidate[]; suggestedDue: string; serverErrors?: Record<string, string> }) {
  const t = useT();
  const form = useZodForm(assignSchema, { serverErrors: props.serverErrors });
  const id = (name: string) => `assign-${props.applicationId}-${name}`;
  const reviewerError = form.errorFor("reviewerId");
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      <FormError error={form.formError} />
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" value={props.applicationId} {...form.register("applicationId")} />
      <div className={reviewerError ? "field field-invalid" : "field"}>
        <label htmlFor={id("reviewer")}>{t("reviews.admin.chooseReviewer")}</label>
        <select id={id("reviewer")} defaultValue="" aria-invalid={reviewerError ? true : undefined} {...form.register("reviewerId")}>
          <option value="">{t("reviews.admin.choose")}</option>
          {props.candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {t("reviews.admin.candidate", { name: c.name, load: c.load })}
            </option>
          ))}
        </select>
        {reviewerError ? <p className="field-error">{t.dynamic(reviewerError)}</p> : null}
      </div>
      <Field
        id={id("due")}
        label={t("reviews.admin.dueDate")}
        hint={t("reviews.admin.dueHint")}
        type="date"
        defaultValue={props.suggestedDue}
        error={form.errorFor("dueDate")}
        {...form.register("dueDate")}
      />
      <div>
        <button type="submit" className="secondary">
          {t("reviews.admin.assign")}
        </button>
      </div>
    </Form>
  );
}

export default function RoundReviewers() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const autoForm = useZodForm(autoAssignSchema, { serverErrors: actionData && "intent" in actionData && actionData.intent === "auto" ? errors : undefined });
  const { round } = view;
  const roundTitle = t.locale === "en" ? round.titleEn : round.titleVi;
  return (
    <section>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>{roundTitle}</Link>
      </p>
      <h1>{t("reviews.admin.title")}</h1>
      <p>{t("reviews.admin.summary", { eligible: view.counts.eligible, short: view.counts.short, per: round.reviewersPerApplication })}</p>
      {actionData && "notice" in actionData ? (
        <Notice>{t(actionData.notice, { assigned: actionData.assigned, short: actionData.short })}</Notice>
      ) : null}
      {view.removed ? <Notice>{t("reviews.admin.removed")}</Notice> : null}
      <FormError error={errors ? Object.values(errors)[0] : undefined} />

      <section className="card" aria-labelledby="auto">
        <h2 id="auto">{t("reviews.admin.autoTitle")}</h2>
        <p>{t("reviews.admin.autoIntro", { per: round.reviewersPerApplication })}</p>
        <Form method="post" className="stack" noValidate onSubmit={autoForm.onSubmit}>
          <input type="hidden" name="intent" value="auto" />
          <Field
            id="auto-due"
            label={t("reviews.admin.dueDate")}
            hint={t("reviews.admin.dueHint")}
            type="date"
            defaultValue={view.suggestedDue}
            error={autoForm.errorFor("dueDate")}
            {...autoForm.register("dueDate")}
          />
          <div>
            <button type="submit">{t("reviews.admin.autoButton")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="workload">
        <h2 id="workload">{t("reviews.admin.workload")}</h2>
        {view.workload.length === 0 ? (
          <p>{t("reviews.admin.noReviewers")}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("reviews.title")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("reviews.admin.reviewer")}</th>
                  <th scope="col">{t("reviews.admin.assignedCol")}</th>
                  <th scope="col">{t("reviews.admin.doneCol")}</th>
                  <th scope="col">{t("reviews.admin.overdueCol")}</th>
                  <th scope="col">{t("reviews.admin.conflictsCol")}</th>
                  <th scope="col">{t("reviews.admin.openEverywhere")}</th>
                </tr>
              </thead>
              <tbody>
                {view.workload.map((w) => (
                  <tr key={w.id}>
                    <td>{w.name}</td>
                    <td>{w.assigned}</td>
                    <td>{w.done}</td>
                    <td>{w.overdue > 0 ? <strong className="field-error">{w.overdue}</strong> : 0}</td>
                    <td>{w.conflicts}</td>
                    <td>{w.openEverywhere ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="applications">
        <h2 id="applications">{t("reviews.admin.applications")}</h2>
        <Form method="get" className="inline-form">
          <label className="checks">
            <input type="checkbox" name="short" value="1" defaultChecked={view.onlyShort} /> {t("reviews.admin.onlyShort")}
          </label>
          <button type="submit" className="secondary">
            {t("reviews.admin.filter")}
          </button>
        </Form>
        {view.applications.length === 0 ? <p>{t("reviews.admin.noApplications")}</p> : null}
        {view.applications.map((a) => (
          <article key={a.id} className="card">
            <h3>
              <Link to={`/admin/applications/${a.id}`}>{a.title || a.groupName}</Link>
            </h3>
            <p className="muted">
              {a.groupName} · {formatMoney(a.requestedAmount, t.locale)} · {t.dynamic(`reviews.applicationStatus.${a.status}`)}
            </p>
            <p>
              <strong>{t("reviews.admin.reviewersCount", { active: a.active, per: round.reviewersPerApplication })}</strong>
            </p>
            {a.assignments.length > 0 ? (
              <ul>
                {a.assignments.map((s) => (
                  <li key={s.id}>
                    <Link to={`/admin/rounds/${round.id}/reviewers/${s.id}`}>{s.reviewerName}</Link> — {t.dynamic(`reviews.status.${s.status}`)}
                    {s.dueAt ? <> · {t("reviews.due", { date: formatDate(s.dueAt) })}</> : null}
                    {s.overdue ? (
                      <>
                        {" "}
                        <strong className="field-error">{t("reviews.overdue")}</strong>
                      </>
                    ) : null}
                    {s.status === "conflict" ? (
                      <>
                        <br />
                        <span className="muted">{t("reviews.admin.conflictReason", { reason: s.conflictReason ?? "" })}</span>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {a.status === "eligible" && a.candidates.length > 0 ? (
              <details open={actionData && "applicationId" in actionData && actionData.applicationId === a.id ? true : undefined}>
                <summary>{t("reviews.admin.assignByHand")}</summary>
                <AssignForm
                  applicationId={a.id}
                  candidates={a.candidates}
                  suggestedDue={view.suggestedDue}
                  serverErrors={actionData && "applicationId" in actionData && actionData.applicationId === a.id ? errors : undefined}
                />
              </details>
            ) : null}
          </article>
        ))}
        <Pager page={view.page} hasNext={view.hasNext} />
      </section>
    </section>
  );
}
