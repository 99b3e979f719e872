import { formatDate } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { getEnv } from "../../infra/env.server";
import type { DbOrTx } from "../../infra/db.server";
import { tell, type Recipient } from "../notifications/notifications.server";
import { oneUser, roleHolders } from "../users/audiences.server";

// Who hears about review work, always inside the transaction that makes the change: reviewers
// when work is given to them (or given back), admins when a reviewer recuses herself.

interface RoundTitles {
  titleVi: string;
  titleEn: string;
}

const titleIn = (round: RoundTitles, locale: Locale) => (locale === "en" ? round.titleEn : round.titleVi);

/** One notice and one e-mail per reviewer, however many applications she was given at once. */
export async function tellReviewersAssigned(tx: DbOrTx, round: RoundTitles, counts: ReadonlyMap<string, number>, dueAt: Date | null): Promise<void> {
  for (const [reviewerId, count] of counts) {
    await tell(tx, {
      to: oneUser(reviewerId),
      inApp: {
        messageKey: "reviews.notice.assigned",
        params: (r: Recipient) => ({
          count: String(count),
          round: titleIn(round, r.locale),
        }),
        link: "/reviews",
      },
      email: {
        template: "review-assigned",
        props: (r) => ({
          name: r.name,
          kind: "assigned" as const,
          count,
          roundTitle: titleIn(round, r.locale),
          dueDate: dueAt ? formatDate(dueAt) : "",
          note: "",
          link: `${getEnv().appUrl}/reviews`,
        }),
      },
    });
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
  await tell(tx, {
    to: oneUser(review.reviewerId),
    inApp: {
      messageKey: "reviews.notice.reopened",
      params: { title: applicationTitle },
      link,
    },
    email: {
      template: "review-assigned",
      props: (r) => ({
        name: r.name,
        kind: "reopened" as const,
        count: 1,
        roundTitle: titleIn(round, r.locale),
        dueDate: review.dueAt ? formatDate(review.dueAt) : "",
        note: reason,
        link: `${getEnv().appUrl}${link}`,
      }),
    },
  });
}

/** In the app only: the work was taken off her list, nothing for her to do. */
export async function tellReviewerUnassigned(tx: DbOrTx, reviewerId: string, applicationTitle: string): Promise<void> {
  await tell(tx, {
    to: oneUser(reviewerId),
    inApp: {
      messageKey: "reviews.notice.unassigned",
      params: { title: applicationTitle },
    },
  });
}

/** Every active admin is told to reassign, with the reviewer's reason. */
export async function tellAdminsOfConflict(
  tx: DbOrTx,
  conflict: {
    assignmentId: string;
    roundId: string;
    reviewerName: string;
    groupName: string;
    applicationTitle: string;
    reason: string;
  },
): Promise<void> {
  const link = `/admin/rounds/${conflict.roundId}/reviewers/${conflict.assignmentId}`;
  await tell(tx, {
    to: roleHolders("admin"),
    inApp: {
      messageKey: "reviews.notice.conflict",
      params: {
        reviewer: conflict.reviewerName,
        title: conflict.applicationTitle,
      },
      link,
    },
    email: {
      template: "review-conflict",
      props: (r) => ({
        name: r.name,
        reviewerName: conflict.reviewerName,
        groupName: conflict.groupName,
        applicationTitle: conflict.applicationTitle,
        reason: conflict.reason,
        link: `${getEnv().appUrl}${link}`,
      }),
    },
  });
}
