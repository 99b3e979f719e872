import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";

// Routes are the files in app/routes (Remix's flat-routes naming).
export default flatRoutes() satisfies RouteConfig;
