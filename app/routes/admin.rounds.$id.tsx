import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { formatDateTime } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { isUuid } from "../kernel/ids";
import { nextStates, partiesOf } from "../kernel/machine";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { RoundForm } from "../modules/programmes/components/round-form";
import { RoundPhaseLabel } from "../modules/programmes/components/round-phase-label";
import { roundMachine } from "../modules/programmes/machine";
import { transitionSchema } from "../modules/programmes/programmes.schema";
import { budgetLeft, findProgramme, provinceChoices } from "../modules/programmes/programmes.server";
import { countApplications, transitionRound, updateRound } from "../modules/programmes/round-commands.server";
import { answerRoundPost, readRoundBody } from "../modules/programmes/round-form.server";
import { criteriaOf, findRound, roundFormValues } from "../modules/programmes/rounds.server";
import { rescoreRound } from "../modules/reviews/application-scores.server";
import { titleNamed } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleNamed(matches, data && { vi: data.round.titleVi, en: data.round.titleEn }, "programmes.round.title");

async function roundFrom(params: LoaderFunctionArgs["params"]) {
  const round = isUuid(params.id) ? await findRound(params.id) : null;
  notFoundUnless(round);
  return round;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const round = await roundFrom(params);
  const [programme, criteria, applicationCount, provinces, available] = await Promise.all([
    findProgramme(round.programmeId),
    criteriaOf(round.id),
    countApplications(round.id),
    provinceChoices(),
    budgetLeft(round.programmeId, round.id),
  ]);
  notFoundUnless(programme);
  return {
    round,
    programme,
    applicationCount,
    provinces,
    available,
    values: roundFormValues(round, criteria),
    // The buttons to open or close: what the round's machine lets this admin do from its status.
    allowed: nextStates(roundMachine, round.status, partiesOf(admin)),
    // A new value on every load: after a save the form starts again from what was stored.
    revision: crypto.randomUUID(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const round = await roundFrom(params);
  const actor = actorOf(admin, context?.ip ?? "");
  const form = await readRoundBody(request);
  if (!(form instanceof FormData)) return data({ errors: form, values: null, revision: crypto.randomUUID() }, { status: 400 });

  const intent = form.get("intent");
  if (intent === "open" || intent === "close") {
    const checked = await parseForm(form, transitionSchema);
    if (!checked.ok) return badRequest(checked.errors);
    const outcome = await transitionRound(round.id, intent === "open" ? "open" : "closed", actor);
    // 409: the round's state does not allow it (closing a draft); nothing was written.
    if (!outcome.ok) return data({ errors: outcome.errors }, { status: outcome.status });
    return { notice: intent === "open" ? ("programmes.round.opened" as const) : ("programmes.round.closed" as const) };
  }

  const available = await budgetLeft(round.programmeId, round.id);
  const provinces = await provinceChoices();
  const answer = await answerRoundPost(form, { provinces: provinces.map((p) => p.slug), available }, (input) =>
    updateRound(round.id, input, actor, { afterRubricChange: rescoreRound }),
  );
  if (answer.saved) return redirect(`/admin/rounds/${round.id}?saved=1`);
  return data(answer.body, { status: answer.status });
}

export default function RoundPage() {
  const t = useT();
  const { round, programme, applicationCount, provinces, available, values, revision, allowed } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = answer && "notice" in answer ? answer.notice : null;
  const formAnswer = answer && "revision" in answer ? answer : null;
  const transitionError = answer && !("revision" in answer) && "errors" in answer ? answer.errors[""] : undefined;
  return (
    <section>
      <p>
        <Link to={`/admin/programmes/${programme.id}`}>{t.locale === "vi" ? programme.nameVi : programme.nameEn}</Link>
      </p>
      <h1>{t.locale === "vi" ? round.titleVi : round.titleEn}</h1>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      {params.get("saved") && !answer ? <Notice>{t("programmes.round.saved")}</Notice> : null}
      <FormError error={transitionError} />
      <dl>
        <dt>{t("programmes.round.state")}</dt>
        <dd>
          <RoundPhaseLabel round={round} />
        </dd>
        <dt>{t("programmes.round.dates")}</dt>
        <dd>
          {formatDateTime(round.opensAt, t.locale)} – {formatDateTime(round.closesAt, t.locale)}
        </dd>
        <dt>{t("programmes.round.applications")}</dt>
        <dd>{applicationCount}</dd>
      </dl>
      <nav aria-label={t("programmes.round.work")}>
        <ul className="inline-form">
          <li>
            <Link to={`/admin/rounds/${round.id}/applications`}>{t("programmes.round.screening")}</Link>
          </li>
          <li>
            <Link to={`/admin/rounds/${round.id}/reviewers`}>{t("programmes.round.assignLink")}</Link>
          </li>
          <li>
            <Link to={`/admin/rounds/${round.id}/scoreboard`}>{t("programmes.round.scoreboard")}</Link>
          </li>
          <li>
            <Link to={`/admin/rounds/${round.id}/grants`}>{t("grants.round.link")}</Link>
          </li>
        </ul>
      </nav>
      {allowed.map((to) => (
        <Form method="post" key={to}>
          <input type="hidden" name="intent" value={to === "open" ? "open" : "close"} />
          <p className="hint">{t(to === "open" ? "programmes.round.openHint" : "programmes.round.closeHint")}</p>
          <button type="submit">{t(to === "open" ? "programmes.round.open" : "programmes.round.close")}</button>
        </Form>
      ))}

      <h2>{t("programmes.round.edit")}</h2>
      <RoundForm
        key={formAnswer?.revision ?? revision}
        values={formAnswer?.values ?? values}
        serverErrors={formAnswer?.errors}
        provinces={provinces}
        available={available}
        applicationCount={applicationCount}
        submitLabel="common.save"
      />
    </section>
  );
}
