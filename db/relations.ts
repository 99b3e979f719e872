import { relations } from "drizzle-orm";
import {
  applications,
  disbursements,
  grants,
  tranches,
  outcomeReports,
  outcomeMemberIncomes,
  outcomeReportPhotos,
  decisions,
  reviewAssignments,
  reviewerConflicts,
  reviewScores,
  attachments,
  auditLog,
  budgetLines,
  clarifications,
  ethnicGroups,
  groupFacilitators,
  groupMembers,
  groups,
  invitations,
  programmes,
  provinces,
  rounds,
  rubricCriteria,
  notifications,
  passwordResets,
  sessions,
  userRoles,
  users,
} from "./schema";

// Every relation lives here: relations declared beside their tables cause import cycles.

export const usersRelations = relations(users, ({ many }) => ({
  roles: many(userRoles),
  sessions: many(sessions),
  notifications: many(notifications),
}));

export const userRolesRelations = relations(userRoles, ({ one }) => ({
  user: one(users, { fields: [userRoles.userId], references: [users.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  invitedByUser: one(users, { fields: [invitations.invitedBy], references: [users.id] }),
}));

export const passwordResetsRelations = relations(passwordResets, ({ one }) => ({
  user: one(users, { fields: [passwordResets.userId], references: [users.id] }),
}));

export const auditLogRelations = relations(auditLog, ({ one }) => ({
  actor: one(users, { fields: [auditLog.actorId], references: [users.id] }),
}));

export const notificationsRelations = relations(notifications, ({ one }) => ({
  user: one(users, { fields: [notifications.userId], references: [users.id] }),
}));

export const programmesRelations = relations(programmes, ({ many }) => ({
  rounds: many(rounds),
}));

export const roundsRelations = relations(rounds, ({ one, many }) => ({
  programme: one(programmes, { fields: [rounds.programmeId], references: [programmes.id] }),
  criteria: many(rubricCriteria),
  applications: many(applications),
}));

export const rubricCriteriaRelations = relations(rubricCriteria, ({ one }) => ({
  round: one(rounds, { fields: [rubricCriteria.roundId], references: [rounds.id] }),
}));

export const groupsRelations = relations(groups, ({ one, many }) => ({
  province: one(provinces, { fields: [groups.provinceSlug], references: [provinces.slug] }),
  owner: one(users, { fields: [groups.ownerId], references: [users.id] }),
  members: many(groupMembers),
  facilitators: many(groupFacilitators),
  applications: many(applications),
}));

export const groupMembersRelations = relations(groupMembers, ({ one }) => ({
  group: one(groups, { fields: [groupMembers.groupId], references: [groups.id] }),
  ethnicity: one(ethnicGroups, { fields: [groupMembers.ethnicityCode], references: [ethnicGroups.code] }),
}));

export const groupFacilitatorsRelations = relations(groupFacilitators, ({ one }) => ({
  group: one(groups, { fields: [groupFacilitators.groupId], references: [groups.id] }),
  user: one(users, { fields: [groupFacilitators.userId], references: [users.id] }),
}));

export const applicationsRelations = relations(applications, ({ one, many }) => ({
  round: one(rounds, { fields: [applications.roundId], references: [rounds.id] }),
  group: one(groups, { fields: [applications.groupId], references: [groups.id] }),
  budgetLines: many(budgetLines),
  attachments: many(attachments),
  clarifications: many(clarifications),
  reviews: many(reviewAssignments),
  decision: one(decisions, { fields: [applications.id], references: [decisions.applicationId] }),
}));

export const budgetLinesRelations = relations(budgetLines, ({ one }) => ({
  application: one(applications, { fields: [budgetLines.applicationId], references: [applications.id] }),
}));

export const attachmentsRelations = relations(attachments, ({ one }) => ({
  application: one(applications, { fields: [attachments.applicationId], references: [applications.id] }),
}));

export const clarificationsRelations = relations(clarifications, ({ one }) => ({
  application: one(applications, { fields: [clarifications.applicationId], references: [applications.id] }),
}));

export const reviewAssignmentsRelations = relations(reviewAssignments, ({ one, many }) => ({
  application: one(applications, { fields: [reviewAssignments.applicationId], references: [applications.id] }),
  reviewer: one(users, { fields: [reviewAssignments.reviewerId], references: [users.id] }),
  scores: many(reviewScores),
}));

export const reviewScoresRelations = relations(reviewScores, ({ one }) => ({
  assignment: one(reviewAssignments, { fields: [reviewScores.assignmentId], references: [reviewAssignments.id] }),
  criterion: one(rubricCriteria, { fields: [reviewScores.criterionId], references: [rubricCriteria.id] }),
}));

export const reviewerConflictsRelations = relations(reviewerConflicts, ({ one }) => ({
  reviewer: one(users, { fields: [reviewerConflicts.reviewerId], references: [users.id] }),
  group: one(groups, { fields: [reviewerConflicts.groupId], references: [groups.id] }),
}));

export const decisionsRelations = relations(decisions, ({ one }) => ({
  application: one(applications, { fields: [decisions.applicationId], references: [applications.id] }),
  round: one(rounds, { fields: [decisions.roundId], references: [rounds.id] }),
  decider: one(users, { fields: [decisions.decidedBy], references: [users.id] }),
}));

export const grantsRelations = relations(grants, ({ one, many }) => ({
  application: one(applications, { fields: [grants.applicationId], references: [applications.id] }),
  round: one(rounds, { fields: [grants.roundId], references: [rounds.id] }),
  group: one(groups, { fields: [grants.groupId], references: [groups.id] }),
  tranches: many(tranches),
  disbursements: many(disbursements),
  outcomeReports: many(outcomeReports),
}));

export const tranchesRelations = relations(tranches, ({ one, many }) => ({
  grant: one(grants, { fields: [tranches.grantId], references: [grants.id] }),
  disbursements: many(disbursements),
}));

export const disbursementsRelations = relations(disbursements, ({ one }) => ({
  grant: one(grants, { fields: [disbursements.grantId], references: [grants.id] }),
  tranche: one(tranches, { fields: [disbursements.trancheId], references: [tranches.id] }),
}));

export const outcomeReportsRelations = relations(outcomeReports, ({ one, many }) => ({
  grant: one(grants, { fields: [outcomeReports.grantId], references: [grants.id] }),
  memberIncomes: many(outcomeMemberIncomes),
  photos: many(outcomeReportPhotos),
}));

export const outcomeMemberIncomesRelations = relations(outcomeMemberIncomes, ({ one }) => ({
  report: one(outcomeReports, { fields: [outcomeMemberIncomes.reportId], references: [outcomeReports.id] }),
  member: one(groupMembers, { fields: [outcomeMemberIncomes.memberId], references: [groupMembers.id] }),
}));

export const outcomeReportPhotosRelations = relations(outcomeReportPhotos, ({ one }) => ({
  report: one(outcomeReports, { fields: [outcomeReportPhotos.reportId], references: [outcomeReports.id] }),
}));
