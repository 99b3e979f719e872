import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { DataTable } from "../components/ui/data-table";
import { Money } from "../components/ui/money";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { ProgrammeForm } from "../modules/programmes/components/programme-form";
import { programmeSchema } from "../modules/programmes/programmes.schema";
import { createProgramme, listProgrammes } from "../modules/programmes/programmes.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "programmes.title");

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
      <DataTable
        rows={programmes}
        rowKey={({ programme }) => programme.id}
        empty={t("programmes.empty")}
        columns={[
          {
            header: t("programmes.name"),
            cell: ({ programme }) => (
              <Link to={`/admin/programmes/${programme.id}`}>{t.locale === "vi" ? programme.nameVi : programme.nameEn}</Link>
            ),
          },
          { header: t("programmes.donor"), cell: ({ programme }) => programme.donor },
          { header: t("programmes.totalBudget"), numeric: true, cell: ({ programme }) => <Money amount={programme.totalBudget} currency={programme.currency} /> },
          { header: t("programmes.allocated"), numeric: true, cell: ({ programme, allocated }) => <Money amount={allocated} currency={programme.currency} /> },
          { header: t("programmes.roundCount"), numeric: true, cell: ({ roundCount }) => roundCount },
        ]}
      />
      <h2>{t("programmes.create")}</h2>
      <ProgrammeForm serverErrors={actionData?.errors} submitLabel="programmes.createSubmit" />
    </section>
  );
}
