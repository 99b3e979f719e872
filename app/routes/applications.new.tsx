import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { startSchema } from "../modules/applications/applications.schema";
import { startApplication } from "../modules/applications/applications.server";
import { Select } from "../modules/applications/components/fields";
import { useCheckedForm } from "../modules/applications/components/use-checked-form";
import { loadRounds } from "../modules/applications/overview.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "applications.new.title");

// Opening a page changes nothing: the draft is made by the post, which the rounds page sends too.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const { groups, rounds } = await loadRounds(user, await getLocale(request, user.locale));
  const url = new URL(request.url);
  return {
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    rounds: rounds.map((r) => ({ id: r.id, title: r.title })),
    chosen: { round: url.searchParams.get("round") ?? "", group: url.searchParams.get("group") ?? "" },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  const form = await parseForm(request, startSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await startApplication(user, form.data, context?.ip ?? "");
  if (!outcome.ok) return data({ errors: outcome.errors }, { status: outcome.status });
  return redirect(`/applications/${outcome.id}/step/${outcome.step}`);
}

export default function NewApplication() {
  const t = useT();
  const { groups, rounds, chosen } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const form = useCheckedForm(() => import("../modules/applications/applications.schema").then((s) => s.startSchema), {
    serverErrors: answer?.errors,
  });
  return (
    <section>
      <h1>{t("applications.new.title")}</h1>
      {groups.length === 0 ? (
        <p>
          {t("applications.new.noGroup")} <Link to="/groups/new">{t("applications.new.registerGroup")}</Link>
        </p>
      ) : null}
      {rounds.length === 0 ? <p>{t("applications.rounds.none")}</p> : null}
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <Select name="group" label={t("applications.new.group")} defaultValue={chosen.group} error={form.errorFor("group")}>
          <option value="">{t("applications.choose")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
        <Select name="round" label={t("applications.new.round")} defaultValue={chosen.round} error={form.errorFor("round")}>
          <option value="">{t("applications.choose")}</option>
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </Select>
        <div>
          <button type="submit">{t("applications.new.start")}</button>
        </div>
      </Form>
    </section>
  );
}
