import type { MessageKey } from "../../i18n/i18n";
import { allows, type Access, type Role } from "./permissions";

interface NavItem {
  to: string;
  label: MessageKey;
  access: Access;
}

// The header's links; each is shown only to the roles its page allows.
const items: NavItem[] = [
  { to: "/", label: "nav.home", access: "public" },
  { to: "/notifications", label: "nav.notifications", access: "signed-in" },
  { to: "/groups", label: "nav.groups", access: ["applicant", "facilitator", "admin"] },
  { to: "/applications", label: "nav.applications", access: ["applicant", "facilitator"] },
  { to: "/grants", label: "nav.grants", access: ["applicant", "facilitator"] },
  { to: "/reports", label: "nav.reports", access: ["applicant", "facilitator"] },
  { to: "/impact/groups", label: "nav.income", access: ["applicant", "facilitator"] },
  { to: "/reviews", label: "nav.reviews", access: ["reviewer"] },
  { to: "/finance", label: "nav.finance", access: ["finance", "admin"] },
  { to: "/admin/impact", label: "nav.impact", access: ["admin", "finance"] },
  { to: "/admin/programmes", label: "nav.programmes", access: ["admin"] },
  { to: "/admin/reports", label: "nav.adminReports", access: ["admin"] },
  { to: "/admin/users", label: "nav.users", access: ["admin"] },
  { to: "/admin/users/invite", label: "nav.invite", access: ["admin"] },
  { to: "/admin/outbox", label: "nav.outbox", access: ["admin"] },
  { to: "/admin/audit", label: "nav.audit", access: ["admin"] },
  { to: "/admin/privacy", label: "nav.privacy", access: ["admin"] },
  { to: "/settings/notices", label: "notices.link", access: "signed-in" },
];

const anonymous: NavItem[] = [
  { to: "/login", label: "nav.login", access: "public" },
  { to: "/register", label: "nav.register", access: "public" },
];

export function navigationFor(roles: readonly Role[] | null): NavItem[] {
  if (!roles) return [items[0], ...anonymous];
  return items.filter((item) => allows(item.access, roles));
}
