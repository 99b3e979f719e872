import { and, inArray, isNull } from "drizzle-orm";
import { clarifications } from "../../../db/schema";
import { formatDate, formatDateTime, formatMoneyWithWords } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { db } from "../../infra/db.server";
import { acceptsSubmissions } from "../programmes/rounds.server";
import type { User } from "../users/users.server";
import { contextOf, isEditable, listApplicationsFor, requireReadableApplication, roundsForApplicant } from "./applications.server";
import { nextThingFor, openClarification, timelinesOf, type TimelineEntry } from "./timeline.server";
import { answersOf } from "./wizard.server";
import { can } from "../../kernel/machine";
import { applicationMachine } from "./machine";

/** Timeline entries with their time written out, so that the page needs no date code. */
function shown(entries: TimelineEntry[] | undefined, locale: Locale) {
  return (entries ?? []).map(({ at, ...entry }) => ({ ...entry, when: formatDateTime(at, locale) }));
}

/** One application: every answer, its timeline, and (for the group) the next thing to do. */
export async function loadOverview(user: User, id: string, locale: Locale, url: URL) {
  const { application, relation } = await requireReadableApplication(user, id);
  const context = await contextOf(application);
  const clarification = application.status === "clarification_requested" ? await openClarification(id) : null;
  const groupSide = relation === "owner" || relation === "facilitator";
  return {
    application: {
      id: application.id,
      status: application.status,
      title: application.title,
      screeningNote: application.screeningNote,
      submittedAt: application.submittedAt,
    },
    round: { title: locale === "vi" ? context.round.titleVi : context.round.titleEn },
    group: { name: context.group.name },
    ...(await answersOf(application, locale)),
    timeline: shown((await timelinesOf([id])).get(id), locale),
    next: groupSide ? nextThingFor(application, context.acceptsSubmissions, clarification?.id ?? null) : null,
    canEdit: groupSide && isEditable(application.status),
    // The group's people may take it back while its machine allows it.
    canWithdraw: groupSide && can(applicationMachine, application.status, "withdrawn", ["owner"]),
    clarification,
    done: url.searchParams.get("done"),
  };
}

/** The person's groups' applications, each with its timeline and the next thing to do. */
export async function loadMyApplications(user: User, locale: Locale) {
  const rows = await listApplicationsFor(user);
  const ids = rows.map((r) => r.id);
  const timelines = await timelinesOf(ids);
  const waiting = rows.filter((r) => r.status === "clarification_requested").map((r) => r.id);
  const open = waiting.length
    ? await db
        .select({ id: clarifications.id, applicationId: clarifications.applicationId })
        .from(clarifications)
        .where(and(inArray(clarifications.applicationId, waiting), isNull(clarifications.answeredAt)))
    : [];
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    title: row.title,
    groupId: row.groupId,
    groupName: row.groupName,
    roundTitle: locale === "vi" ? row.round.titleVi : row.round.titleEn,
    requested: formatMoneyWithWords(row.requestedAmount, locale),
    screeningNote: row.screeningNote,
    timeline: shown(timelines.get(row.id), locale),
    next: nextThingFor(row, acceptsSubmissions(row.round), open.find((c) => c.applicationId === row.id)?.id ?? null),
  }));
}

/** Open rounds for the person's groups: apply, or continue what was started. */
export async function loadRounds(user: User, locale: Locale) {
  const { open, groups, existing, provinceNames } = await roundsForApplicant(user);
  return {
    groups,
    rounds: open.map(({ round, programme }) => ({
      id: round.id,
      title: locale === "vi" ? round.titleVi : round.titleEn,
      description: locale === "vi" ? round.descriptionVi : round.descriptionEn,
      programme: locale === "vi" ? programme.nameVi : programme.nameEn,
      closes: formatDate(round.closesAt, locale),
      minGrant: formatMoneyWithWords(round.minGrant, locale),
      maxGrant: formatMoneyWithWords(round.maxGrant, locale),
      activities: round.eligibleActivities,
      provinces: round.eligibleProvinces.map((slug) => {
        const found = provinceNames.find((p) => p.slug === slug);
        return found ? (locale === "vi" ? found.nameVi : found.nameEn) : slug;
      }),
      applications: existing.filter((a) => a.roundId === round.id),
    })),
  };
}
