import { isMessageKey, type Translate } from "../../i18n/i18n";

// An audit row as a sentence in the reader's language: "Lò Thị Hoa, for Nhóm dệt Tả Van, moved
// the outcome report to «Approved»". Safe on the client. An action with words of its own
// (audit.action.<action>) says them; a change of state names the entity and its new state in the
// words its module's pages use; anything else names the entity and keeps the code for the record.

/** The kinds of record the log can be filtered by (its rows' entity types). */
export const AUDIT_KINDS = [
  "application",
  "disbursement",
  "grant",
  "grant_version",
  "change_request",
  "group",
  "group_member",
  "outcome_report",
  "spending_report",
  "programme",
  "review",
  "round",
  "tranche",
  "user",
  "invitation",
  "account",
  "outcome_settings",
] as const;

/** Where each entity's states are named in the catalogue. */
const stateWords: Record<string, string> = {
  application: "applications.status",
  disbursement: "disbursements.status",
  grant: "grants.status",
  outcome_report: "outcomes.status",
  spending_report: "spending.status",
  review: "reviews.status",
  money_return: "finance.returns.status",
  round: "round.status",
  grant_version: "amendments.status",
  change_request: "amendments.requestStatus",
};

function entityWord(t: Translate, entityType: string): string {
  const key = `audit.entity.${entityType}`;
  return isMessageKey(key) ? t.dynamic(key) : entityType;
}

/** What was done, without who: "approved the disbursement", "logged in". */
export function auditWhat(t: Translate, action: string, entityType: string): string {
  const own = `audit.action.${action}`;
  if (isMessageKey(own)) return t.dynamic(own);
  const state = action.slice(action.indexOf(".") + 1);
  const stateKey = stateWords[entityType] ? `${stateWords[entityType]}.${state}` : "";
  if (stateKey && isMessageKey(stateKey)) return t("audit.action.moved", { entity: entityWord(t, entityType), state: t.dynamic(stateKey) });
  return t("audit.action.other", { entity: entityWord(t, entityType), code: action });
}

export function auditSentence(t: Translate, row: { actorName: string | null; action: string; entityType: string; groupName: string | null }): string {
  const who = row.actorName ?? t("audit.system");
  const what = auditWhat(t, row.action, row.entityType);
  return row.groupName ? t("audit.sentence.forGroup", { who, group: row.groupName, what }) : t("audit.sentence", { who, what });
}

/** Where a request came from, in words for the loopback (the server itself, a script on it). */
export function auditPlace(t: Translate, ip: string | null): string {
  if (!ip) return "";
  return ip === "::1" || ip === "127.0.0.1" || ip === "::ffff:127.0.0.1" ? t("audit.ipLocal") : ip;
}
