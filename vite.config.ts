import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The message catalogues' chunks are named by their language ("vi-catalogue-….js") rather than
 * after their file (index.ts): a page downloads only its own language's (entry.client.tsx), and
 * the bench (e2e/bench/page-weight.ts) tells the two apart by that name.
 */
function chunkFileNames(chunk: { name: string; facadeModuleId: string | null }): string {
  const catalogue = chunk.facadeModuleId?.match(/[\\/]app[\\/]i18n[\\/](vi|en)[\\/]index\.ts$/);
  return catalogue ? `assets/${catalogue[1]}-catalogue-[hash].js` : "assets/[name]-[hash].js";
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
  build: { target: "es2020", rollupOptions: { output: { chunkFileNames } } },
});
