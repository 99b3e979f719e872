import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { inject } from "vitest";
import type { Access } from "../modules/auth/permissions";

export interface RouteInfo {
  id: string;
  /** The route's path pattern, with its parameters: "/groups/:groupId/edit". */
  pattern: string;
  access: Access | undefined;
  hasLoader: boolean;
  hasAction: boolean;
  /** Whether it renders a page (a default component), not a file, a redirect or a feed. */
  isPage: boolean;
}

/** Every route of the production build but the root, as the HTTP crawls (access, titles) walk them. */
export async function appRoutes(): Promise<RouteInfo[]> {
  const build = (await import(
    /* @vite-ignore */ pathToFileURL(path.join(inject("buildDir"), "server/index.js")).href
  )) as ServerBuild;
  const fullPath = (id: string): string => {
    const route = build.routes[id];
    const own = route.path ?? "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .filter((route) => route.id !== "root")
    .map((route) => {
      const module = route.module as { handle?: { access?: Access }; loader?: unknown; action?: unknown; default?: unknown };
      return {
        id: route.id,
        pattern: `/${fullPath(route.id)}`.replace(/\/+/g, "/"),
        access: module.handle?.access,
        hasLoader: typeof module.loader === "function",
        hasAction: typeof module.action === "function",
        isPage: typeof module.default === "function",
      };
    });
}

/** The pattern with each parameter filled by `fill` (by the parameter's name, without the colon). */
export function urlOf(pattern: string, fill: (name: string) => string): string {
  return pattern
    .split("/")
    .map((segment) => (segment.startsWith(":") ? fill(segment.slice(1)) : segment))
    .join("/");
}
