import { healthCheck } from "../infra/health.server";
import type { RouteHandle } from "../modules/auth/permissions";

export const handle: RouteHandle = { access: "public" };

/** For load balancers and monitors: 200 with the database's state, 503 when it is unreachable. */
export async function loader() {
  const health = await healthCheck();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
