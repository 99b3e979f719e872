import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { activities } from "../i18n/areas/activities";
import { applications } from "../i18n/areas/applications";
import { getLocale } from "../i18n/locale.server";
import type { MessagesHandle } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { OutcomesStep } from "../modules/applications/components/outcomes-step";
import { skipAutosaveRevalidation, StepPage } from "../modules/applications/components/step-page";
import { handleStepPost, loadWizardStep } from "../modules/applications/wizard.server";
import { titleFor } from "../i18n/title";

// Wizard step 3 of 6: the expected results.
export const handle: RouteHandle & MessagesHandle = { access: ["applicant", "facilitator"], messages: [applications, activities] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "applications.step.3");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  return loadWizardStep(user, params.id ?? "", 3, await getLocale(request, user.locale), new URL(request.url));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  return handleStepPost(request, { user, id: params.id ?? "", step: 3, ip: context?.ip ?? "", locale: await getLocale(request, user.locale) });
}

export const shouldRevalidate = skipAutosaveRevalidation;

export default function Step3() {
  return <StepPage>{(props) => <OutcomesStep key={props.page.application.id} {...props} />}</StepPage>;
}
