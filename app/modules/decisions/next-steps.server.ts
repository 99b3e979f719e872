import type { Locale } from "../../i18n/locales";
import type { ApplicationStatus } from "../applications/machine";
import type { NextThing } from "../applications/timeline.server";
import { paymentsOfGrants } from "../disbursements/received.server";
import { grantsOfApplications, tranchesOf } from "../grants/grant-reads.server";
import { nextStep } from "../grants/next-step";
import { reportsOfGrants } from "../outcomes/reports.server";

// The group's next step through the whole life of an application. Until the decision the
// applications module knows it (continue, submit, answer, wait); once approved the application is
// a grant, and what comes next is the grant's: accept the agreement, wait for a payment, write the
// report a tranche waits for. This module makes the one into the other (SPEC.md steps 6–9), so
// it is here that the two are put together, for every page that shows a next step.

/**
 * Each application's next step from its real state: `own` is what the applications module says
 * (`nextThingFor`); for an approved application with a grant, the grant's next step replaces it,
 * linked to the page where it is done, its report named in the reader's language.
 */
export async function lifeNextSteps<A extends { id: string; status: ApplicationStatus; next: NextThing | null }>(
  applications: readonly A[],
  locale: Locale,
): Promise<A[]> {
  const approved = applications.filter((a) => a.status === "approved" && a.next !== null).map((a) => a.id);
  const grants = await grantsOfApplications(approved);
  if (grants.length === 0) return [...applications];
  const ids = grants.map((g) => g.id);
  const [parts, payments, reports] = await Promise.all([tranchesOf(ids), paymentsOfGrants(ids), reportsOfGrants(ids)]);
  const byApplication = new Map(
    grants.map((grant) => {
      const own = parts
        .filter((t) => t.grantId === grant.id)
        .map((t) => ({
          ...t,
          paid: payments.filter((p) => p.trancheId === t.id && p.status === "paid").reduce((sum, p) => sum + p.amount, 0n),
        }));
      const step = nextStep(grant.status, own);
      const grantPage = `/grants/${grant.id}`;
      if (step.report !== undefined) {
        const report = reports.find((r) => r.grantId === grant.id && r.key === step.report);
        const name = report ? (locale === "en" ? report.labelEn : report.labelVi) : step.report;
        const thing: NextThing = { what: step.key, params: { ...step.params, report: name }, link: report ? `/reports/${report.id}` : grantPage };
        return [grant.applicationId, thing];
      }
      return [grant.applicationId, { what: step.key, params: step.params, link: grantPage } satisfies NextThing];
    }),
  );
  return applications.map((a) => (byApplication.has(a.id) ? { ...a, next: byApplication.get(a.id)! } : a));
}
