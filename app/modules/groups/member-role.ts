import type { Translate } from "../../i18n/i18n";
import { memberRoles, type MemberRole } from "./groups.schema";

function isMemberRole(role: string): role is MemberRole {
  return (memberRoles as readonly string[]).includes(role);
}

/** A member's role in her group in the reader's words ("Trưởng nhóm"); null for none or an unknown one. */
export function memberRoleLabel(t: Translate, role: string | null | undefined): string | null {
  return role && isMemberRole(role) ? t(`groups.role.${role}`) : null;
}
