// Every list that a `pgEnum` shares with the app, in one plain file with no imports: the enums of
// db/schema and the code that reads them (the state machines, the roles, which the browser loads
// too) use the same list, so a value added here reaches both and the types follow.

/** The five roles of SPEC.md. A person may hold several staff roles at once. */
export const roles = ["applicant", "facilitator", "reviewer", "finance", "admin"] as const;

export const applicationStatuses = [
  "draft",
  "submitted",
  "clarification_requested",
  "eligible",
  "ineligible",
  "approved",
  "waitlisted",
  "rejected",
  // The group took it back (before a grant): nothing more happens to it.
  "withdrawn",
] as const;

export const roundStatuses = ["draft", "open", "closed"] as const;

export const reviewStatuses = ["assigned", "conflict", "in_progress", "submitted"] as const;

export const grantStatuses = [
  "awaiting_acceptance",
  "active",
  "completed",
  "cancelled",
  // Payments stopped until an admin resumes it (the database refuses new disbursements).
  "suspended",
  // Stopped for good: undisbursed tranches cancelled, the unspent award given back to the round.
  "terminated",
] as const;

export const disbursementStatuses = [
  "prepared",
  "approved",
  "processing",
  "paid",
  "failed",
  "cancelled",
  "reversed",
] as const;

/** Money coming back (issue 14): prepared by one finance user, approved by another, or withdrawn. */
export const moneyReturnStatuses = ["prepared", "approved", "cancelled"] as const;

export const outcomeReportStatuses = ["pending", "draft", "submitted", "changes_requested", "approved"] as const;

/** A spending report (issue 14): the group's draft, submitted to staff, approved or returned for changes. */
export const spendingReportStatuses = ["draft", "submitted", "changes_requested", "approved"] as const;

/** What a person consents to, one purpose at a time (issue 15; the consent ledger in privacy.ts). */
export const consentPurposes = ["application", "monitoring", "notices", "photos", "donor_figures"] as const;

/** A follow-up action from a site visit (issue 14, item 7): open until its owner marks it done. */
export const followUpStatuses = ["open", "done"] as const;

/** What an internal note is about: an application or a grant. */
export const noteSubjects = ["application", "grant"] as const;

/** Kinds of personal data with a retention period set by an admin (issue 15, item 5). */
export const retentionKinds = ["bank_account", "unfunded_group", "correction_reason"] as const;

/** What an update of a personal-data breach says (issue 15, item 6): appended, never changed. */
export const breachUpdateKinds = ["note", "action", "authority_notified", "people_notified", "closed"] as const;
