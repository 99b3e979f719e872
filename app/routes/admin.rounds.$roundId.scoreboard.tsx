import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, Notice } from "../components/ui/field";
import { Pager } from "../components/ui/pager";
import { parseForm, readForm } from "../forms/parse-form.server";
import { pageNumber } from "../forms/query";
import { useZodForm } from "../forms/use-zod-form";
import { formatMoneyWithWords } from "../i18n/format";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { DecisionFields } from "../modules/decisions/components/decision-fields";
import { ScoreboardTable } from "../modules/reviews/components/scoreboard-table";
import { batchDecisionSchema } from "../modules/decisions/decisions.schema";
import { decideBatch, isDecidable } from "../modules/decisions/decisions.server";
import { pageTitle } from "../modules/decisions/page-title";
import { refusal } from "../modules/decisions/refusal.server";
import { setSpreadThreshold } from "../modules/programmes/round-commands.server";
import { decidedFilters, readView, scoreboardSorts, spreadThresholdSchema, viewQuery } from "../modules/reviews/scoreboard.schema";
import { loadScoreboardRound, SCOREBOARD_PAGE_SIZE, scoreboardRows } from "../modules/reviews/scoreboard.server";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "scoreboard.pageTitle");

// A batch of 100 ids and three long texts fits well within this.
const MAX_POST_BYTES = 64 * 1024;

type PostedValues = Partial<Record<"outcome" | "conditions" | "reasonVi" | "reasonEn" | "spreadThreshold", string>>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const round = await loadScoreboardRound(params.roundId ?? "");
  notFoundUnless(round);
  const url = new URL(request.url);
  const view = readView(url.searchParams);
  const page = pageNumber(url);
  const { rows, total } = await scoreboardRows(round, {
    view,
    page: { limit: SCOREBOARD_PAGE_SIZE, offset: (page - 1) * SCOREBOARD_PAGE_SIZE },
  });
  return {
    round,
    rows: rows.map((row) => ({ ...row, decidable: isDecidable(row.status) })),
    total,
    page,
    hasNext: page * SCOREBOARD_PAGE_SIZE < total,
    view,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const round = await loadScoreboardRound(params.roundId ?? "");
  notFoundUnless(round);
  const body = await readForm(request, MAX_POST_BYTES);
  if (!(body instanceof FormData)) return refusal<PostedValues>({ "": body }, 400);
  const actor = { user: admin, ip: context?.ip ?? "" };
  const intent = body.get("intent");
  if (intent === "threshold") {
    const form = await parseForm(body, spreadThresholdSchema);
    if (!form.ok) return refusal<PostedValues>(form.errors, 400, { spreadThreshold: String(body.get("spreadThreshold") ?? "") });
    await setSpreadThreshold(round.id, form.data.spreadThreshold ?? 0, actor);
    return { notice: "scoreboard.thresholdSaved" as const, count: 0 };
  }
  if (intent === "batch") {
    const values: PostedValues = {
      outcome: String(body.get("outcome") ?? ""),
      conditions: String(body.get("conditions") ?? ""),
      reasonVi: String(body.get("reasonVi") ?? ""),
      reasonEn: String(body.get("reasonEn") ?? ""),
    };
    const form = await parseForm(body, batchDecisionSchema);
    if (!form.ok) return refusal<PostedValues>(form.errors, 400, values);
    const result = await decideBatch(round.id, form.data, actor, await getLocale(request, admin.locale));
    if (!result.ok) return refusal<PostedValues>(result.errors, result.status, values);
    return { notice: "decisions.batchDone" as const, count: result.count };
  }
  return refusal<PostedValues>({ "": "errors.invalid" }, 400);
}

export default function Scoreboard() {
  const t = useT();
  const { round, rows, total, page, hasNext, view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const posted = actionData && "values" in actionData ? (actionData.values ?? undefined) : undefined;
  // An array by default, so one ticked box on a page still reads as a list of one.
  const batch = useZodForm(batchDecisionSchema, { serverErrors: errors, defaultValues: { applicationIds: [] } });
  const threshold = useZodForm(spreadThresholdSchema, { serverErrors: errors, defaultValues: { spreadThreshold: String(round.spreadThreshold) } });
  const selectError = batch.errorFor("applicationIds");
  const title = t.locale === "en" ? round.titleEn : round.titleVi;
  return (
    <section>
      <h1>{t("scoreboard.title", { round: title })}</h1>
      <p className="muted">{t.locale === "en" ? round.programmeEn : round.programmeVi}</p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice, { count: actionData.count })}</Notice> : null}
      <FormError error={errors?.[""]} />

      <dl className="card">
        <dt>{t("scoreboard.budget")}</dt>
        <dd>{formatMoneyWithWords(round.budget, t.locale)}</dd>
        <dt>{t("scoreboard.awarded")}</dt>
        <dd>{formatMoneyWithWords(round.awarded, t.locale)}</dd>
        <dt>{t("scoreboard.left")}</dt>
        <dd>{formatMoneyWithWords(round.left, t.locale)}</dd>
      </dl>
      <p className="muted">{t("scoreboard.explain")}</p>

      <Form method="get" className="inline-form" aria-label={t("scoreboard.viewLabel")}>
        <label htmlFor="sort">{t("scoreboard.sort")}</label>
        <select id="sort" name="sort" defaultValue={view.sort}>
          {scoreboardSorts.map((sort) => (
            <option key={sort} value={sort}>
              {t(`scoreboard.sort.${sort}`)}
            </option>
          ))}
        </select>
        <label htmlFor="dir">{t("scoreboard.dir")}</label>
        <select id="dir" name="dir" defaultValue={view.dir}>
          <option value="desc">{t("scoreboard.dir.desc")}</option>
          <option value="asc">{t("scoreboard.dir.asc")}</option>
        </select>
        <label htmlFor="decided">{t("scoreboard.decidedFilter")}</label>
        <select id="decided" name="decided" defaultValue={view.decided}>
          {decidedFilters.map((filter) => (
            <option key={filter} value={filter}>
              {t(`scoreboard.decided.${filter}`)}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" name="flagged" value="1" defaultChecked={view.flagged} /> {t("scoreboard.flaggedOnly")}
        </label>
        <button type="submit" className="secondary">
          {t("scoreboard.show")}
        </button>
      </Form>
      <p>
        <a href={`/admin/rounds/${round.id}/scoreboard.csv${viewQuery(view)}`} download>
          {t("scoreboard.csv")}
        </a>{" "}
        · {t("scoreboard.count", { count: total })}
      </p>

      <Form method="post" className="inline-form" noValidate onSubmit={threshold.onSubmit}>
        <input type="hidden" name="intent" value="threshold" />
        <Field
          label={t("scoreboard.threshold")}
          hint={t("scoreboard.thresholdHint")}
          inputMode="numeric"
          defaultValue={String(round.spreadThreshold)}
          error={threshold.errorFor("spreadThreshold")}
          {...threshold.register("spreadThreshold")}
        />
        <button type="submit" className="secondary">
          {t("scoreboard.thresholdSave")}
        </button>
      </Form>

      {rows.length === 0 ? (
        <p>{t("scoreboard.empty")}</p>
      ) : (
        <Form method="post" noValidate onSubmit={batch.onSubmit}>
          <input type="hidden" name="intent" value="batch" />
          <ScoreboardTable
            round={round}
            rows={rows}
            view={view}
            page={page}
            lastPage={!hasNext}
            selectBox={batch.register("applicationIds")}
          />
          {selectError ? (
            <p className="field-error" role="alert">
              {t.dynamic(selectError)}
            </p>
          ) : null}
          <fieldset className="stack">
            <legend>{t("decisions.batch.title")}</legend>
            <p className="hint">{t("decisions.batch.intro")}</p>
            <DecisionFields register={batch.register} errorFor={batch.errorFor} values={posted} />
            <div>
              <button type="submit">{t("decisions.batch.submit")}</button>
            </div>
          </fieldset>
        </Form>
      )}
      <Pager page={page} hasNext={hasNext} />
      <p>
        <Link to="/admin/programmes">{t("common.back")}</Link>
      </p>
    </section>
  );
}
