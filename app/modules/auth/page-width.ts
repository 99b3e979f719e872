import type { Role } from "../../kernel/actor";
import type { RouteHandle } from "./permissions";

// Staff work at desks on laptops, with tables of many columns (the scoreboard has fourteen);
// groups and facilitators read on phones. A page is laid out wide when only staff may open it,
// which each route already declares in its handle: no second list of pages to keep in step.

const groupSide: readonly Role[] = ["applicant", "facilitator"];

/** Whether the deepest route that declares its access is for staff only. */
export function isStaffPage(handles: readonly unknown[]): boolean {
  const declared = handles.filter((handle): handle is RouteHandle => typeof handle === "object" && handle !== null && "access" in handle);
  const access = declared.at(-1)?.access;
  if (access === undefined || access === "public" || access === "signed-in") return false;
  return !access.some((role) => groupSide.includes(role));
}
