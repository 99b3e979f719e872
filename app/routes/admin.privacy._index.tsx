import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/ui/data-table";
import { useT } from "../i18n/use-t";
import { titleFor } from "../i18n/title";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { processingRegister } from "../modules/privacy/register.server";

// The register of processing (issue 15, item 6): purposes, data, legal basis, retention and every
// recipient with its country, from the configuration; its CSV and JSON are the dossiers' inputs.
export const handle: RouteHandle = { access: ["admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "privacyRegister.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, ["admin"]);
  return processingRegister();
}

export default function ProcessingRegisterPage() {
  const t = useT();
  const register = useLoaderData<typeof loader>();
  const recipientName = (key: string) => t.dynamic(`privacyRegister.recipientName.${key}`);
  return (
    <section>
      <h1>{t("privacyRegister.title")}</h1>
      <p>{t("privacyRegister.intro")}</p>
      <p>{register.controller.name ? t("privacyRegister.controller", { name: register.controller.name }) : t("privacyRegister.controllerUnknown")}</p>
      <ul className="inline-list">
        <li>
          <a href="/admin/privacy/register.csv" download>
            {t("privacyRegister.exportCsv")}
          </a>
        </li>
        <li>
          <a href="/admin/privacy/register.json" download>
            {t("privacyRegister.exportJson")}
          </a>
        </li>
        <li>
          <Link to="/admin/privacy/retention">{t("privacyRegister.retentionLink")}</Link>
        </li>
        <li>
          <Link to="/admin/privacy/breaches">{t("privacyRegister.breachesLink")}</Link>
        </li>
      </ul>
      <h2 id="purposes">{t("privacyRegister.purposes")}</h2>
      <DataTable
        labelledBy="purposes"
        rows={register.purposes}
        rowKey={(p) => p.purpose}
        columns={[
          { header: t("privacyRegister.purpose"), rowHeader: true, cell: (p) => t.dynamic(`privacyRegister.purposeName.${p.purpose}`) },
          {
            header: t("privacyRegister.kinds"),
            cell: (p) =>
              p.kinds.map((k, i) => (
                <span key={k.kind}>
                  {i > 0 ? ", " : ""}
                  {k.sensitive ? (
                    <strong>{`${t.dynamic(`privacyRegister.kind.${k.kind}`)} ${t("privacyRegister.sensitiveMark")}`}</strong>
                  ) : (
                    t.dynamic(`privacyRegister.kind.${k.kind}`)
                  )}
                </span>
              )),
          },
          { header: t("privacyRegister.basis"), cell: (p) => t.dynamic(`privacyRegister.basisName.${p.basis}`) },
          {
            header: t("privacyRegister.retention"),
            cell: (p) => (p.retentionMonths !== null ? t("privacyRegister.months", { months: p.retentionMonths }) : t.dynamic(`privacyRegister.retentionName.${p.retention}`)),
          },
          { header: t("privacyRegister.recipients"), cell: (p) => p.recipients.map(recipientName).join(", ") },
        ]}
      />
      <h2 id="recipients">{t("privacyRegister.recipients")}</h2>
      <DataTable
        labelledBy="recipients"
        rows={register.recipients}
        rowKey={(r) => r.key}
        columns={[
          { header: t("privacyRegister.recipient"), rowHeader: true, cell: (r) => recipientName(r.key) },
          { header: t("privacyRegister.processor"), cell: (r) => r.name ?? t("privacyRegister.notDeclared") },
          { header: t("privacyRegister.country"), cell: (r) => r.country ?? t("privacyRegister.notDeclared") },
          { header: t("privacyRegister.crossBorder"), cell: (r) => (r.crossBorder ? t("privacyRegister.yes") : t("privacyRegister.no")) },
          { header: t("privacyRegister.inUse"), cell: (r) => (r.inUse ? t("privacyRegister.yes") : t("privacyRegister.no")) },
          { header: t("privacyRegister.usedFor"), cell: (r) => r.purposes.map((p) => t.dynamic(`privacyRegister.purposeName.${p}`)).join(", ") },
        ]}
      />
    </section>
  );
}
