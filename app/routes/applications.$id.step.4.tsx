import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { activities } from "../i18n/areas/activities";
import { applications } from "../i18n/areas/applications";
import { getLocale } from "../i18n/locale.server";
import type { MessagesHandle } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { EnvironmentStep } from "../modules/applications/components/environment-step";
import { skipAutosaveRevalidation, StepPage } from "../modules/applications/components/step-page";
import { handleStepPost, loadWizardStep } from "../modules/applications/wizard.server";
import { titleFor } from "../i18n/title";

// Wizard step 4 of 6: caring for the environment.
export const handle: RouteHandle & MessagesHandle = { access: ["applicant", "facilitator"], messages: [applications, activities] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "applications.step.4");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  return loadWizardStep(user, params.id ?? "", 4, await getLocale(request, user.locale), new URL(request.url));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  return handleStepPost(request, { user, id: params.id ?? "", step: 4, ip: context?.ip ?? "", locale: await getLocale(request, user.locale) });
}

export const shouldRevalidate = skipAutosaveRevalidation;

export default function Step4() {
  return <StepPage>{(props) => <EnvironmentStep key={props.page.application.id} {...props} />}</StepPage>;
}
