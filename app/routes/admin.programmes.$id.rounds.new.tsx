import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { isUuid } from "../kernel/ids";
import { notFoundUnless, requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { RoundForm } from "../modules/programmes/components/round-form";
import { budgetLeft, findProgramme, provinceChoices } from "../modules/programmes/programmes.server";
import { createRound } from "../modules/programmes/round-commands.server";
import { answerRoundPost, readRoundBody } from "../modules/programmes/round-form.server";
import { newRoundValues } from "../modules/programmes/rounds.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "programmes.newRound");

async function programmeFrom(params: LoaderFunctionArgs["params"]) {
  const programme = isUuid(params.id) ? await findProgramme(params.id) : null;
  notFoundUnless(programme);
  return programme;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  const programme = await programmeFrom(params);
  const [provinces, available] = await Promise.all([provinceChoices(), budgetLeft(programme.id, null)]);
  return { programme, provinces, available, values: newRoundValues() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const programme = await programmeFrom(params);
  const form = await readRoundBody(request);
  if (!(form instanceof FormData)) return data({ errors: form, values: null, revision: crypto.randomUUID() }, { status: 400 });
  const [provinces, available] = await Promise.all([provinceChoices(), budgetLeft(programme.id, null)]);
  const answer = await answerRoundPost(form, { provinces: provinces.map((p) => p.slug), available }, (input) =>
    createRound(programme.id, input, actorOf(admin, context?.ip ?? "")),
  );
  if (answer.saved) return redirect(`/admin/rounds/${answer.id}?saved=1`);
  return data(answer.body, { status: answer.status });
}

export default function NewRound() {
  const t = useT();
  const { programme, provinces, available, values } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/admin/programmes/${programme.id}`}>{t.locale === "vi" ? programme.nameVi : programme.nameEn}</Link>
      </p>
      <h1>{t("programmes.newRound")}</h1>
      <RoundForm
        key={answer?.revision ?? "new"}
        values={answer?.values ?? values}
        serverErrors={answer?.errors}
        provinces={provinces}
        available={available}
        applicationCount={0}
        submitLabel="programmes.round.create"
      />
    </section>
  );
}
