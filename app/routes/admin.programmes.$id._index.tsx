import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { Notice } from "../components/ui/field";
import { Money } from "../components/ui/money";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { formatDateTime, formatMoneyWithWords } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { isUuid } from "../kernel/ids";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { ProgrammeForm } from "../modules/programmes/components/programme-form";
import { RoundPhaseLabel } from "../modules/programmes/components/round-phase-label";
import { asCurrency, programmeSchema } from "../modules/programmes/programmes.schema";
import { budgetLeft, findProgramme, listRoundsOf, updateProgramme } from "../modules/programmes/programmes.server";
import { moneyInput } from "../modules/programmes/round-values";
import { titleNamed } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleNamed(matches, data && { vi: data.programme.nameVi, en: data.programme.nameEn }, "programmes.title");

async function programmeFrom(params: LoaderFunctionArgs["params"]) {
  const programme = isUuid(params.id) ? await findProgramme(params.id) : null;
  notFoundUnless(programme);
  return programme;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const programme = await programmeFrom(params);
  const [rounds, left] = await Promise.all([listRoundsOf(programme.id), budgetLeft(programme.id, null)]);
  return { programme, rounds, left };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const programme = await programmeFrom(params);
  const form = await parseForm(request, programmeSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await updateProgramme(programme.id, form.data, actorOf(admin, context?.ip ?? ""));
  if (!outcome.ok) return badRequest(outcome.errors);
  return { notice: "programmes.saved" as const };
}

export default function ProgrammePage() {
  const t = useT();
  const { programme, rounds, left } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const name = t.locale === "vi" ? programme.nameVi : programme.nameEn;
  return (
    <section>
      <p>
        <Link to="/admin/programmes">{t("programmes.back")}</Link>
      </p>
      <h1>{name}</h1>
      {actionData && "notice" in actionData ? <Notice>{t(actionData.notice)}</Notice> : null}
      <dl>
        <dt>{t("programmes.donor")}</dt>
        <dd>{programme.donor}</dd>
        <dt>{t("programmes.totalBudget")}</dt>
        <dd>{formatMoneyWithWords(programme.totalBudget, t.locale)}</dd>
        <dt>{t("programmes.left")}</dt>
        <dd>{formatMoneyWithWords(left, t.locale)}</dd>
      </dl>

      <h2>{t("programmes.rounds")}</h2>
      <p>
        <Link className="button" to={`/admin/programmes/${programme.id}/rounds/new`}>
          {t("programmes.newRound")}
        </Link>
      </p>
      <DataTable
        rows={rounds}
        rowKey={({ round }) => round.id}
        empty={t("programmes.noRounds")}
        label={t("programmes.rounds")}
        columns={[
          {
            header: t("programmes.round.title"),
            cell: ({ round }) => <Link to={`/admin/rounds/${round.id}`}>{t.locale === "vi" ? round.titleVi : round.titleEn}</Link>,
          },
          { header: t("programmes.round.state"), cell: ({ round }) => <RoundPhaseLabel round={round} /> },
          {
            header: t("programmes.round.dates"),
            cell: ({ round }) => `${formatDateTime(round.opensAt, t.locale)} – ${formatDateTime(round.closesAt, t.locale)}`,
          },
          { header: t("programmes.round.budget"), numeric: true, cell: ({ round }) => <Money amount={round.budget} currency={programme.currency} /> },
          { header: t("programmes.round.applications"), numeric: true, cell: ({ applicationCount }) => applicationCount },
        ]}
      />

      <h2>{t("programmes.edit")}</h2>
      <ProgrammeForm
        values={{
          nameVi: programme.nameVi,
          nameEn: programme.nameEn,
          donor: programme.donor,
          currency: asCurrency(programme.currency),
          totalBudget: moneyInput(programme.totalBudget),
        }}
        serverErrors={actionData && "errors" in actionData ? actionData.errors : undefined}
        submitLabel="common.save"
      />
    </section>
  );
}
