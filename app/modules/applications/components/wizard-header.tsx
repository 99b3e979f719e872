import { Link } from "@remix-run/react";
import { Notice } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";
import type { WizardPage } from "../wizard.server";
import { WizardProgress } from "./wizard-progress";

const notices: Record<string, string> = {
  saved: "applications.done.saved",
  uploaded: "applications.done.uploaded",
  removed: "applications.done.removed",
};

/** Whose application, which round, how far, and what the last post did. */
export function WizardHeader({ page }: { page: WizardPage }) {
  const t = useT();
  const { application, round, group, clarification } = page;
  return (
    <>
      <p className="muted">
        <Link to={`/applications/${application.id}`}>{t("applications.wizard.overview")}</Link>
      </p>
      <h1>{t.dynamic(`applications.step.${page.step}`)}</h1>
      <p>
        {t("applications.wizard.for", { group: group.name, round: round.title })}{" "}
        {t("applications.wizard.closes", { date: round.closes })}
      </p>
      {group.asFacilitator ? (
        <p className="alert">{t("applications.wizard.onBehalf", { group: group.name })}</p>
      ) : null}
      {application.status === "clarification_requested" ? (
        <div className="alert" role="note">
          <p>{t("applications.clarification.intro")}</p>
          {clarification ? <p>“{clarification.question}”</p> : null}
          <p>
            {t("applications.clarification.fields", {
              fields: application.reopenedFields.map((f) => t.dynamic(`applications.field.${f}`)).join(", "),
            })}
          </p>
          {clarification ? <Link to={`/clarifications/${clarification.id}`}>{t("applications.clarification.answer")}</Link> : null}
        </div>
      ) : null}
      {page.done && notices[page.done] ? <Notice>{t.dynamic(notices[page.done])}</Notice> : null}
      <WizardProgress applicationId={application.id} current={page.step} reached={application.reached} />
    </>
  );
}
