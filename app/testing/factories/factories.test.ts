import { count, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "../../../db/schema";
import { db } from "../../infra/db.server";
import {
  defaultMembers,
  makeApplication,
  makeAssignment,
  makeAttachment,
  makeClarification,
  makeConflict,
  makeDecision,
  makeDisbursement,
  makeDueGrant,
  makeEligibleApplication,
  makeFacilitator,
  makeGrant,
  makeGroup,
  makeOutcomeReport,
  makeProgramme,
  makeReview,
  makeRound,
  makeRubric,
  makeScoredRound,
  makeSpendingReport,
  makeUser,
} from ".";

// Every table of db/schema either has a maker here, which writes a row into it with its defaults,
// or is listed below with the reason tests do not make its rows. A new table fails this file
// until it gets one or the other.

async function applicationInRound() {
  const round = await makeRound();
  const group = await makeGroup();
  return { round, group, application: await makeApplication({ roundId: round.id, groupId: group.id }) };
}

async function scoredApplication() {
  const { roundId, criterionIds } = await makeScoredRound();
  const application = await makeEligibleApplication(roundId, (await makeGroup()).id);
  return { roundId, criterionIds, application };
}

/** Table name → writing one of its rows with a maker's defaults. */
const MADE_BY: Record<string, () => Promise<unknown>> = {
  users: () => makeUser([]),
  user_roles: () => makeUser(["reviewer"]),
  programmes: () => makeProgramme(),
  rounds: () => makeRound(),
  rubric_criteria: async () => makeRubric((await makeRound()).id),
  groups: () => makeGroup(),
  group_members: async () => makeGroup({ recordedBy: (await makeUser(["facilitator"])).id, members: defaultMembers }),
  group_facilitators: async () => makeFacilitator((await makeGroup()).id, (await makeUser(["facilitator"])).id),
  applications: () => applicationInRound(),
  budget_lines: () => applicationInRound(),
  attachments: async () => makeAttachment((await applicationInRound()).application.id, (await makeUser(["applicant"])).id),
  clarifications: async () => makeClarification((await applicationInRound()).application.id, (await makeUser(["admin"])).id, ["title"]),
  review_assignments: async () => makeAssignment((await scoredApplication()).application.id, (await makeUser(["reviewer"])).id),
  review_scores: async () => {
    const { criterionIds, application } = await scoredApplication();
    return makeReview({ applicationId: application.id, reviewerId: (await makeUser(["reviewer"])).id, criterionIds, scores: [8, 4, 15] });
  },
  // Kept by the reviews module from the submitted reviews; makeReview refreshes it as submitting does.
  application_scores: async () => {
    const { criterionIds, application } = await scoredApplication();
    return makeReview({ applicationId: application.id, reviewerId: (await makeUser(["reviewer"])).id, criterionIds, scores: [8, 4, 15] });
  },
  reviewer_conflicts: async () => makeConflict((await makeUser(["reviewer"])).id, (await makeGroup()).id),
  decisions: async () => {
    const { roundId, application } = await scoredApplication();
    return makeDecision({ applicationId: application.id, roundId, awardedAmount: 10_000_000n, decidedBy: (await makeUser(["admin"])).id });
  },
  grants: () => makeGrant(),
  tranches: () => makeGrant(),
  outcome_reports: async () => makeOutcomeReport({ grantId: (await makeGrant()).grantId, key: "m3", months: 3 }),
  disbursements: async () => {
    const grant = await makeDueGrant();
    return makeDisbursement({ grantId: grant.grantId, trancheId: grant.trancheIds[0], amount: 1_000_000n, preparedBy: (await makeUser(["finance"])).id });
  },
  spending_reports: async () => makeSpendingReport({ grantId: (await makeGrant()).grantId, key: "m6" }),
  spending_lines: async () => makeSpendingReport({ grantId: (await makeGrant()).grantId, key: "m6" }),
  // Kept by the database's triggers from grants, disbursements and reports (migration of impact).
  grant_figures: () => makeGrant(),
};

/** Table name → why no maker writes its rows. */
const NOT_MADE: Record<string, string> = {
  provinces: "reference data, written by the migrations",
  ethnic_groups: "reference data, written by the migrations",
  sessions: "made by logging in through the real form (logInOver)",
  invitations: "made by the invitation flow its tests go through",
  password_resets: "made by the password-reset flow its tests go through",
  sign_ups: "made by the e-mail sign-up flow its tests go through",
  audit_log: "written by commands as their effect; tests read it",
  outbox: "written by commands as their effect; tests read it",
  notifications: "written by commands as their effect; tests read it",
  rate_limits: "the limiter's counters, written by the requests under test",
  one_time_codes: "made by the code log-in and reset flows their tests go through (codes.test.ts)",
  contact_preferences: "made by the sign-up box and the notices settings page their tests post (accounts.test.ts)",
  group_accounts: "made by registering a group or taking a handed-over one, as their tests do (accounts.test.ts)",
  group_handovers: "made by the hand-over form its tests post (accounts.test.ts)",
  stored_files: "file bodies, written by the storage module under test",
  stripe_events: "written by the webhook under test when a signed event arrives",
  money_returns: "recorded by the return commands under test, which need a paid disbursement and a proof file (returns.test.ts)",
  outcome_member_incomes: "written by the report form under test",
  consent_events: "appended by makeMembers and by the consent page and notices settings under test (privacy/consents.test.ts)",
  data_restrictions: "written by the admin's personal-data page under test (privacy/erasure.test.ts)",
  erasures: "written by the erasure commands under test (privacy/erasure.test.ts)",
  data_corrections: "written by the correction form under test (privacy/correction.test.ts)",
  outcome_report_photos: "written by the report form's upload under test",
  outcome_settings: "one settings row; its absence means the defaults, the admin form writes it",
  grant_closures: "written by close-out when a grant's final reports are approved and its money settled (spending/spending.test.ts)",
  grant_versions: "written by the amendment commands under test, from a grant's terms (amendments/amendments.test.ts)",
  grant_change_requests: "written by the group's request form under test (amendments/amendments.test.ts)",
  site_visits: "recorded through the visits page under test, with its photos and follow-ups (visits/visits.test.ts)",
  site_visit_photos: "uploaded with a visit through the visits page under test (visits/visits.test.ts)",
  follow_ups: "given with a visit through the visits page under test (visits/visits.test.ts)",
  internal_notes: "written through the notes page under test (visits/visits.test.ts)",
  retention_rules: "seeded by the migration with the defaults; the retention page under test changes them (privacy/retention.test.ts)",
  retention_runs: "written by the retention job under test (privacy/retention.test.ts)",
  breaches: "recorded through the breach log under test (privacy/register.test.ts)",
  breach_updates: "appended through the breach log under test (privacy/register.test.ts)",
  bank_statements: "made by the statement upload under test, from fixture files (statements/statements.test.ts)",
  bank_statement_lines: "read from an uploaded statement under test (statements/statements.test.ts)",
  idempotency_keys: "claimed by the command kernel when a form's key comes with a post (kernel/idempotency.test.ts)",
};

const tables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));
const byName = new Map(tables.map((table) => [getTableName(table), table]));

async function rows(table: PgTable) {
  return (await db.select({ n: count() }).from(table))[0].n;
}

describe("the factories", () => {
  it("cover every table of the schema: a maker, or a reason for none", () => {
    const made = Object.keys(MADE_BY);
    expect(made.filter((name) => name in NOT_MADE)).toEqual([]);
    expect([...made, ...Object.keys(NOT_MADE)].sort()).toEqual([...byName.keys()].sort());
  });

  it.each(Object.keys(MADE_BY))("write a row into %s with their defaults", async (name) => {
    const table = byName.get(name);
    if (!table) throw new Error(`no table ${name} in db/schema`);
    const before = await rows(table);
    await MADE_BY[name]();
    expect(await rows(table)).toBeGreaterThan(before);
  });
});
