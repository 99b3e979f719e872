import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Notice } from "../components/ui/field";
import { useT } from "../i18n/use-t";
import { stripeConfigured } from "../infra/stripe.server";
import { requirePermission } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { processingCount, reconcileStripe, RECONCILE_GRACE_MS } from "../modules/disbursements/reconcile.server";
import { titleFor } from "../i18n/title";

// Finance's button for reconciliation (also `npm run reconcile` and a periodic job): it only
// looks transfers up at Stripe, so pressing it twice, or with the job running, is harmless.
export const handle: RouteHandle = { access: ["finance"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "payments.reconcile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "pay:disbursement");
  return { configured: stripeConfigured(), waiting: await processingCount(), graceMinutes: RECONCILE_GRACE_MS / 60_000 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "pay:disbursement");
  const report = await reconcileStripe({ actor: { user, ip: context?.ip ?? "" } });
  return { report, waiting: await processingCount() };
}

export default function Reconcile() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const waiting = done?.waiting ?? data.waiting;
  return (
    <section>
      <p>
        <Link to="/finance">{t("payments.reconcile.back")}</Link>
      </p>
      <h1>{t("payments.reconcile.title")}</h1>
      {done ? <Notice>{t("payments.reconcile.done", { ...done.report })}</Notice> : null}
      {data.configured ? (
        <>
          <p>{t("payments.reconcile.intro")}</p>
          <p>
            {t("payments.reconcile.waiting", { count: waiting })} {t("payments.reconcile.grace", { minutes: data.graceMinutes })}
          </p>
          <Form method="post">
            <button type="submit">{t("payments.reconcile.submit")}</button>
          </Form>
        </>
      ) : (
        <p>{t("payments.reconcile.notConfigured")}</p>
      )}
    </section>
  );
}
