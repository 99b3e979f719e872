import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Fragment, useMemo } from "react";
import { Field, FormError, Notice } from "../components/ui/field";
import { parseForm, readForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDate, formatMoney, formatMoneyWithWords } from "../i18n/format";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { CommitteeReviews } from "../modules/decisions/components/committee-reviews";
import { DecisionFields, ReviewsOverrideField } from "../modules/decisions/components/decision-fields";
import { decisionSchema } from "../modules/decisions/decisions.schema";
import { decideOne, loadAwardLimits, loadDecisionPage } from "../modules/decisions/decisions.server";
import { titleFor } from "../i18n/title";
import { refusal } from "../modules/decisions/refusal.server";
import { formatScore } from "../modules/reviews/scoreboard-format";
import { SelectField } from "../components/ui/select-field";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "decisions.page.title");

const MAX_POST_BYTES = 64 * 1024;

type DecisionValues = Record<"outcome" | "awardedAmount" | "conditions" | "conditionsHold" | "reasonVi" | "reasonEn" | "reviewsOverride", string>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const page = await loadDecisionPage(params.roundId ?? "", params.applicationId ?? "");
  notFoundUnless(page);
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const limits = await loadAwardLimits(params.roundId ?? "", params.applicationId ?? "");
  notFoundUnless(limits);
  const locale = await getLocale(request, admin.locale);
  const body = await readForm(request, MAX_POST_BYTES);
  if (!(body instanceof FormData)) return refusal<DecisionValues>({ "": body }, 400);
  const values: DecisionValues = {
    outcome: String(body.get("outcome") ?? ""),
    awardedAmount: String(body.get("awardedAmount") ?? ""),
    conditions: String(body.get("conditions") ?? ""),
    conditionsHold: String(body.get("conditionsHold") ?? ""),
    reasonVi: String(body.get("reasonVi") ?? ""),
    reasonEn: String(body.get("reasonEn") ?? ""),
    reviewsOverride: String(body.get("reviewsOverride") ?? ""),
  };
  const form = await parseForm(body, decisionSchema(limits, locale));
  if (!form.ok) return refusal<DecisionValues>(form.errors, 400, values);
  const result = await decideOne(limits.roundId, limits.applicationId, form.data, { user: admin, ip: context?.ip ?? "" }, locale);
  if (!result.ok) return refusal<DecisionValues>(result.errors, result.status, values);
  return { notice: "decisions.saved" as const };
}

export default function DecisionPage() {
  const t = useT();
  const { round, row, reviews, decision, decidable, reviewsShort, trancheCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const posted = actionData && "values" in actionData ? (actionData.values ?? undefined) : undefined;
  const schema = useMemo(() => decisionSchema({ requested: row.requestedAmount, maxGrant: round.maxGrant }, t.locale), [row.requestedAmount, round.maxGrant, t.locale]);
  const amountDefault = posted?.awardedAmount ?? row.requestedAmount.toString();
  const form = useZodForm(schema, { serverErrors: errors, defaultValues: {
      awardedAmount: amountDefault,
      conditions: posted?.conditions,
      reasonVi: posted?.reasonVi,
      reasonEn: posted?.reasonEn,
      reviewsOverride: posted?.reviewsOverride,
    },
  });
  const money = (amount: bigint) => formatMoneyWithWords(amount, t.locale);
  return (
    <section>
      <p>
        <Link to={`/admin/rounds/${round.id}/scoreboard`}>{t("decisions.page.back")}</Link>
      </p>
      <h1>{row.title}</h1>
      <p>
        <strong>{row.groupName}</strong> · {t.locale === "en" ? round.titleEn : round.titleVi} ·{" "}
        <Link to={`/admin/applications/${row.id}`}>{t("decisions.page.readApplication")}</Link>
      </p>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice)}</Notice> : null}
      <FormError error={errors?.[""]} />

      <div className="side-by-side">
      <dl className="card">
        <dt>{t("decisions.page.rank")}</dt>
        <dd>{row.rank}</dd>
        <dt>{t("scoreboard.col.score")}</dt>
        <dd>{formatScore(row.score, t.locale)}</dd>
        {round.criteria.map((c) => (
          <Fragment key={c.position}>
            <dt>{t.locale === "en" ? c.labelEn : c.labelVi}</dt>
            <dd>
              {formatScore(row.criterionMeans[String(c.position)], t.locale)} / {c.maxScore}
            </dd>
          </Fragment>
        ))}
        <dt>{t("scoreboard.col.spread")}</dt>
        <dd>
          {formatScore(row.spread, t.locale)} {row.flagged ? <strong>{t("scoreboard.flagged")}</strong> : null}
        </dd>
        <dt>{t("scoreboard.col.reviews")}</dt>
        <dd>
          {t("scoreboard.reviewsDone", { done: row.reviewsDone, needed: round.reviewersPerApplication })}
          {row.reviewsOverride ? (
            <>
              <br />
              {t("scoreboard.reviewsOverride", { reason: row.reviewsOverride })}
            </>
          ) : null}
        </dd>
        <dt>{t("scoreboard.col.requested")}</dt>
        <dd>{money(row.requestedAmount)}</dd>
        <dt>{t("decisions.page.maxGrant")}</dt>
        <dd>{money(round.maxGrant)}</dd>
        <dt>{t("scoreboard.left")}</dt>
        <dd>{money(round.left)}</dd>
      </dl>
      <CommitteeReviews reviews={reviews} criteria={round.criteria} />
      </div>

      {decision ? (
        <article className="card">
          <h2>{t("decisions.page.current", { outcome: t(`decisions.outcome.${decision.outcome}`), date: formatDate(decision.decidedAt) })}</h2>
          {decision.awardedAmount !== null ? <p>{money(decision.awardedAmount)}</p> : null}
          {decision.conditions ? <p>{t("decisions.read.conditions")} {decision.conditions}</p> : null}
          <p lang="vi">{decision.reasonVi}</p>
          {decision.reasonEn ? <p lang="en">{decision.reasonEn}</p> : null}
        </article>
      ) : null}

      {decidable ? (
        <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
          <h2>{decision ? t("decisions.page.decideAgain") : t("decisions.page.decide")}</h2>
          {reviewsShort ? (
            <p className="alert">{t("decisions.page.reviewsMissing", { done: row.reviewsDone, needed: round.reviewersPerApplication })}</p>
          ) : null}
          <DecisionFields register={form.register} errorFor={form.errorFor} values={posted}>
            <Field
              label={t("decisions.form.awardedAmount")}
              hint={t("decisions.form.awardedAmountHint", { requested: formatMoney(row.requestedAmount, t.locale), max: formatMoney(round.maxGrant, t.locale) })}
              inputMode="numeric"
              defaultValue={amountDefault}
              error={form.errorFor("awardedAmount")}
              {...form.register("awardedAmount")}
            />
          </DecisionFields>
          <SelectField
            label={t("decisions.form.conditionsHold")}
            hint={t("decisions.form.conditionsHoldHint")}
            defaultValue={posted?.conditionsHold ?? ""}
            error={form.errorFor("conditionsHold")}
            {...form.register("conditionsHold")}
          >
            <option value="">{t("decisions.form.conditionsHoldNone")}</option>
            {Array.from({ length: trancheCount }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                {t("decisions.form.conditionsHoldTranche", { position: i + 1 })}
              </option>
            ))}
          </SelectField>
          {reviewsShort ? (
            <ReviewsOverrideField
              input={form.register("reviewsOverride")}
              error={form.errorFor("reviewsOverride")}
              value={posted?.reviewsOverride}
              hint={t("decisions.form.reviewsOverrideHint")}
            />
          ) : null}
          <div>
            <button type="submit">{t("decisions.form.submit")}</button>
          </div>
        </Form>
      ) : (
        <p>{t("decisions.page.notDecidable")}</p>
      )}
    </section>
  );
}
