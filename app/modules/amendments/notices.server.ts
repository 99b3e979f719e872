import type { DbOrTx } from "../../infra/db.server";
import { groupPeople } from "../groups/audiences.server";
import { tell } from "../notifications/notifications.server";
import { roleHolders } from "../users/audiences.server";

// Who hears of an amendment (issue 14, item 1). The group reads the reasons; admins approve what
// another admin proposed and answer the group's requests; finance pays by the tranches in force.

/** Where everyone reads a grant's versions and its open amendment. */
export function amendmentsLink(grantId: string): string {
  return `/grants/${grantId}/amendments`;
}

export interface NoticeGrant {
  id: string;
  groupId: string;
  groupName: string;
  applicationTitle: string;
}

type GroupKey = "amendments.notice.toAccept" | "amendments.notice.withdrawn" | "amendments.notice.requestDeclined" | "amendments.notice.requestAmended";
type StaffKey = "amendments.notice.proposed" | "amendments.notice.accepted" | "amendments.notice.declined" | "amendments.notice.requested";

export async function tellGroupOfAmendment(tx: DbOrTx, grant: NoticeGrant, messageKey: GroupKey, params: { version?: number; reason?: string }, exceptUserId: string): Promise<void> {
  await tell(tx, {
    to: groupPeople(grant.groupId),
    except: exceptUserId,
    inApp: { messageKey, params: { title: grant.applicationTitle, version: String(params.version ?? ""), reason: params.reason ?? "" }, link: amendmentsLink(grant.id) },
  });
}

/** Every admin (and, once a version is accepted, every finance user), except whoever acted. */
export async function tellStaffOfAmendment(tx: DbOrTx, grant: NoticeGrant, messageKey: StaffKey, params: { version?: number; reason?: string }, exceptUserId: string): Promise<void> {
  const inApp = { messageKey, params: { title: grant.applicationTitle, group: grant.groupName, version: String(params.version ?? ""), reason: params.reason ?? "" }, link: amendmentsLink(grant.id) };
  await tell(tx, { to: roleHolders("admin"), except: exceptUserId, inApp });
  if (messageKey === "amendments.notice.accepted") await tell(tx, { to: roleHolders("finance"), except: exceptUserId, inApp });
}
