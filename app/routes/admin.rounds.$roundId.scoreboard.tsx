import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "../components/ui/field";
import { Pager } from "../components/ui/pager";
import { parseForm, readForm } from "../forms/parse-form.server";
import { pageNumber } from "../forms/query";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { BatchDecisionForm } from "../modules/decisions/components/batch-decision-form";
import { ScoreboardTable } from "../modules/reviews/components/scoreboard-table";
import { RoundBudget, ScoreboardFilters, SpreadThresholdForm } from "../modules/reviews/components/scoreboard-views";
import { batchDecisionSchema } from "../modules/decisions/decisions.schema";
import { decideBatch, isDecidable } from "../modules/decisions/decisions.server";
import { titleFor } from "../i18n/title";
import { refusal } from "../modules/decisions/refusal.server";
import { setSpreadThreshold } from "../modules/programmes/round-commands.server";
import { readView, spreadThresholdSchema, viewQuery } from "../modules/reviews/scoreboard.schema";
import { loadScoreboardRound, SCOREBOARD_PAGE_SIZE, scoreboardRows } from "../modules/reviews/scoreboard.server";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "scoreboard.pageTitle");

// A batch of 100 ids and three long texts fits well within this.
const MAX_POST_BYTES = 64 * 1024;

type PostedValues = Partial<Record<"outcome" | "conditions" | "reasonVi" | "reasonEn" | "reviewsOverride" | "spreadThreshold", string>>;

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
      reviewsOverride: String(body.get("reviewsOverride") ?? ""),
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
  const title = t.locale === "en" ? round.titleEn : round.titleVi;
  return (
    <section>
      <h1>{t("scoreboard.title", { round: title })}</h1>
      <p className="muted">{t.locale === "en" ? round.programmeEn : round.programmeVi}</p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice, { count: actionData.count })}</Notice> : null}
      <FormError error={errors?.[""]} />

      <RoundBudget round={round} />
      <p className="muted">{t("scoreboard.explain")}</p>

      <ScoreboardFilters view={view} />
      <p>
        <a href={`/admin/rounds/${round.id}/scoreboard.csv${viewQuery(view)}`} download>
          {t("scoreboard.csv")}
        </a>{" "}
        · {t("scoreboard.count", { count: total })}
      </p>

      <SpreadThresholdForm current={round.spreadThreshold} errors={errors} />

      {rows.length === 0 ? (
        <p>{t("scoreboard.empty")}</p>
      ) : (
        <BatchDecisionForm errors={errors} posted={posted}>
          {(selectBox) => <ScoreboardTable round={round} rows={rows} view={view} page={page} lastPage={!hasNext} selectBox={selectBox} />}
        </BatchDecisionForm>
      )}
      <Pager page={page} hasNext={hasNext} />
      <p>
        <Link to="/admin/programmes">{t("common.back")}</Link>
      </p>
    </section>
  );
}
