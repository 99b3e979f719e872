import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { formatMoney } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { ProgrammeForm } from "../modules/programmes/components/programme-form";
import { programmeSchema } from "../modules/programmes/programmes.schema";
import { createProgramme, listProgrammes } from "../modules/programmes/programmes.server";

export const handle: RouteHandle = { access: ["admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  return { programmes: await listProgrammes() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAccess(request, ["admin"]);
  const form = await parseForm(request, programmeSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const id = await createProgramme(form.data, actorOf(admin, context?.ip ?? ""));
  return redirect(`/admin/programmes/${id}`);
}

export default function Programmes() {
  const t = useT();
  const { programmes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("programmes.title")}</h1>
      <p>{t("programmes.intro")}</p>
      {programmes.length === 0 ? (
        <p>{t("programmes.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("programmes.name")}</th>
                <th scope="col">{t("programmes.donor")}</th>
                <th scope="col">{t("programmes.totalBudget")}</th>
                <th scope="col">{t("programmes.allocated")}</th>
                <th scope="col">{t("programmes.roundCount")}</th>
              </tr>
            </thead>
            <tbody>
              {programmes.map(({ programme, allocated, roundCount }) => (
                <tr key={programme.id}>
                  <td>
                    <Link to={`/admin/programmes/${programme.id}`}>{t.locale === "vi" ? programme.nameVi : programme.nameEn}</Link>
                  </td>
                  <td>{programme.donor}</td>
                  <td>{formatMoney(programme.totalBudget, t.locale, programme.currency)}</td>
                  <td>{formatMoney(allocated, t.locale, programme.currency)}</td>
                  <td>{roundCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("programmes.create")}</h2>
      <ProgrammeForm serverErrors={actionData?.errors} submitLabel="programmes.createSubmit" />
    </section>
  );
}
