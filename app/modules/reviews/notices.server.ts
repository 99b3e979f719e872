import { and, eq, inArray, isNull } from "drizzle-orm";
import { userRoles, users } from "../../../db/schema";
import { formatDate } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { getEnv } from "../../infra/env.server";
import type { DbOrTx } from "../../infra/db.server";
import { notify, queueEmail } from "../notifications/notifications.server";

// Who hears about review work, always inside the transaction that makes the change: reviewers
// when work is given to them (or given back), admins when a reviewer recuses herself.

interface RoundTitles {
  titleVi: string;
  titleEn: string;
}

const titleIn = (round: RoundTitles, locale: Locale) => (locale === "en" ? round.titleEn : round.titleVi);

async function people(tx: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, [...ids]), isNull(users.disabledAt)));
}

/** One notice and one e-mail per reviewer, however many applications she was given at once. */
export async function tellReviewersAssigned(
  tx: DbOrTx,
  round: RoundTitles,
  counts: ReadonlyMap<string, number>,
  dueAt: Date | null,
): Promise<void> {
  for (const person of await people(tx, [...counts.keys()])) {
    const count = counts.get(person.id) ?? 0;
    await notify(tx, {
      userId: person.id,
      messageKey: "reviews.notice.assigned",
      params: { count: String(count), round: titleIn(round, person.locale) },
      link: "/reviews",
    });
    if (person.email) {
      await queueEmail(tx, {
        to: person.email,
        locale: person.locale,
        template: "review-assigned",
        props: {
          name: person.name,
          kind: "assigned",
          count,
          roundTitle: titleIn(round, person.locale),
          dueDate: dueAt ? formatDate(dueAt) : "",
          note: "",
          link: `${getEnv().appUrl}/reviews`,
        },
      });
    }
  }
}

/** The admin opened a submitted review again: the reviewer has work to do, and reads why. */
export async function tellReviewerReopened(
  tx: DbOrTx,
  review: { id: string; reviewerId: string; dueAt: Date | null },
  round: RoundTitles,
  applicationTitle: string,
  reason: string,
): Promise<void> {
  const link = `/reviews/${review.id}`;
  for (const person of await people(tx, [review.reviewerId])) {
    await notify(tx, { userId: person.id, messageKey: "reviews.notice.reopened", params: { title: applicationTitle }, link });
    if (person.email) {
      await queueEmail(tx, {
        to: person.email,
        locale: person.locale,
        template: "review-assigned",
        props: {
          name: person.name,
          kind: "reopened",
          count: 1,
          roundTitle: titleIn(round, person.locale),
          dueDate: review.dueAt ? formatDate(review.dueAt) : "",
          note: reason,
          link: `${getEnv().appUrl}${link}`,
        },
      });
    }
  }
}

/** In the app only: the work was taken off her list, nothing for her to do. */
export async function tellReviewerUnassigned(tx: DbOrTx, reviewerId: string, applicationTitle: string): Promise<void> {
  await notify(tx, { userId: reviewerId, messageKey: "reviews.notice.unassigned", params: { title: applicationTitle } });
}

/** Every active admin is told to reassign, with the reviewer's reason. */
export async function tellAdminsOfConflict(
  tx: DbOrTx,
  conflict: { assignmentId: string; roundId: string; reviewerName: string; groupName: string; applicationTitle: string; reason: string },
): Promise<void> {
  const admins = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, "admin"), isNull(users.disabledAt)));
  const link = `/admin/rounds/${conflict.roundId}/reviewers/${conflict.assignmentId}`;
  for (const admin of admins) {
    await notify(tx, {
      userId: admin.id,
      messageKey: "reviews.notice.conflict",
      params: { reviewer: conflict.reviewerName, title: conflict.applicationTitle },
      link,
    });
    if (admin.email) {
      await queueEmail(tx, {
        to: admin.email,
        locale: admin.locale,
        template: "review-conflict",
        props: {
          name: admin.name,
          reviewerName: conflict.reviewerName,
          groupName: conflict.groupName,
          applicationTitle: conflict.applicationTitle,
          reason: conflict.reason,
          link: `${getEnv().appUrl}${link}`,
        },
      });
    }
  }
}
