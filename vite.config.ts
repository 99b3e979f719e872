import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Remix 2.17's Vite plugin needs Vite 5 or 6 (pinned to 6 in package.json).
export default defineConfig({
  plugins: [
    remix({
      // Tests build into their own folder so that a running server's build is never replaced.
      buildDirectory: process.env.GIEO_BUILD_DIR ?? "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  build: { target: "es2020" },
});
