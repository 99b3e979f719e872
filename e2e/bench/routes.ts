// What `npm run bench` measures. Add a route here and the harness loads it, compares it with the
// baseline and (when it answers HTML) weighs the page; nothing else needs to change.

/** Who the harness logs in as for a route: one seeded demo account per role (db/seed.ts). */
export type BenchRole = "admin" | "finance" | "finance2" | "reviewer" | "facilitator" | "applicant";

export interface BenchRoute {
  /** Path and query, always on the bench's own local server. */
  path: string;
  /** Logged in as this role, or anonymous with null. */
  role: BenchRole | null;
  /** Page-weight budget in kB (1 kB = 1000 bytes, as Vite prints), compressed HTML + CSS + JS. */
  budgetKb?: number;
}

/** The password of every seeded demo account (db/seed.ts). */
export const DEMO_PASSWORD = "gieo-demo-2026";

/** The demo account that stands for each role. */
export const benchAccounts: Record<BenchRole, string> = {
  admin: "admin@gieo.test",
  finance: "finance@gieo.test",
  finance2: "finance2@gieo.test",
  reviewer: "reviewer@gieo.test",
  facilitator: "facilitator@gieo.test",
  applicant: "group@gieo.test",
};

/**
 * Applicants open Gieo on cheap phones over mobile data; what they download is held to a budget.
 * Staff pages are weighed too, without a budget.
 */
export const APPLICANT_BUDGET_KB = 150;

/**
 * The yardstick: a route that does almost nothing (one `select 1`), measured on the same server
 * in the same run, so the other routes read as "n times the cost of the cheapest request" and
 * figures from different machines stay comparable.
 */
export const baseline: BenchRoute = { path: "/healthz", role: null };

export const routes: BenchRoute[] = [
  { path: "/", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/admin/users", role: "admin" },
  { path: "/admin/audit", role: "admin" },
  { path: "/notifications", role: "reviewer" },
  { path: "/login", role: null, budgetKb: APPLICANT_BUDGET_KB },
  { path: "/register", role: null, budgetKb: APPLICANT_BUDGET_KB },
  // Applicant pages (the demo leader's draft) and the lists and aggregates over the scale round:
  // {demoDraft} and {scaleRound} are filled in from db/scale.ts's output.
  { path: "/applications", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/applications/{demoDraft}/step/1", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/applications/{demoDraft}/step/2", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/applications/{demoDraft}/step/3", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/applications/{demoDraft}/step/4", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/applications/{demoDraft}/step/5", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/applications/{demoDraft}/step/6", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/groups", role: "applicant", budgetKb: APPLICANT_BUDGET_KB },
  { path: "/admin/rounds/{scaleRound}/applications", role: "admin" },
  { path: "/admin/rounds/{scaleRound}/applications?q=du+an+so+42", role: "admin" },
  { path: "/admin/rounds/{scaleRound}/scoreboard", role: "admin" },
  // The impact dashboard over whatever the bench seeded; its figures at scale (20,000 groups,
  // 200,000 outcome reports) come from `npm run bench:impact` (e2e/bench/impact.ts).
  { path: "/admin/impact", role: "admin" },
  // Finance over the --grants scale round (20,000 grants by default): the queue and one grant's
  // ledger ({scaleGrant}: a completed grant with its three tranches paid).
  { path: "/finance", role: "finance" },
  { path: "/finance?section=due&page=40", role: "finance" },
  { path: "/finance/grants/{scaleGrant}", role: "finance" },
  { path: "/finance/rounds", role: "finance" },
];
