import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const wholeCatalogue = path.resolve("app/i18n/areas/all.ts");

/**
 * A route module asks for the message areas it shows by importing them from app/i18n/areas/; one
 * that imports none gets the whole catalogue, so a new page never shows bare keys. Only the
 * browser's build: the server holds every message anyway. DECISIONS.md, "Lighter applicant pages".
 */
function wholeCatalogueByDefault(): Plugin {
  return {
    name: "gieo:whole-catalogue-by-default",
    enforce: "pre",
    transform(code, id, options) {
      if (options?.ssr) return;
      const file = id.split("?")[0];
      if (!/[\\/]app[\\/]routes[\\/][^\\/]+\.tsx?$/.test(file) || /\.server\.tsx?$/.test(file)) return;
      if (/\bfrom\s+["'][^"']*\/i18n\/areas\//.test(code)) return;
      return { code: `import ${JSON.stringify(wholeCatalogue)};\n${code}`, map: null };
    },
  };
}

/**
 * The message catalogues' chunks are named by language and area ("vi-applications-….js", and
 * "vi-catalogue-….js" for the whole) rather than after their files: a page downloads only its own
 * language's (app/i18n/load-catalogue.ts), and the bench (e2e/bench/page-weight.ts) tells the
 * languages apart by that name.
 */
function chunkFileNames(chunk: { name: string; facadeModuleId: string | null }): string {
  const catalogue = chunk.facadeModuleId?.match(/[\\/]app[\\/]i18n[\\/](vi|en)[\\/](\w+)\.ts$/);
  if (!catalogue) return "assets/[name]-[hash].js";
  return `assets/${catalogue[1]}-${catalogue[2] === "index" ? "catalogue" : catalogue[2]}-[hash].js`;
}

/**
 * The field app's service worker (app/modules/offline/service-worker.ts, Serwist; DECISIONS.md 54), bundled on
 * its own into the client folder as /sw.js: it shares no chunk with the pages, and no page
 * downloads it but a facilitator's, after the page is usable.
 */
function serviceWorker(): Plugin {
  const bundle = async (outfile?: string) => {
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: [path.resolve("app/modules/offline/service-worker.ts")],
      bundle: true,
      format: "iife",
      target: "es2020",
      minify: true,
      write: Boolean(outfile),
      outfile: outfile ?? "sw.js",
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      logLevel: "warning",
    });
    return result.outputFiles?.[0]?.text ?? "";
  };
  let clientOutDir = "";
  return {
    name: "gieo:service-worker",
    configResolved(config) {
      if (config.command === "build" && !config.build.ssr) clientOutDir = config.build.outDir;
    },
    configureServer(server) {
      server.middlewares.use("/sw.js", (_req, res, next) => {
        bundle().then((code) => {
          res.setHeader("Content-Type", "text/javascript");
          res.end(code);
        }, next);
      });
    },
    async closeBundle() {
      if (clientOutDir) await bundle(path.join(clientOutDir, "sw.js"));
    },
  };
}

// Remix 2.17's Vite plugin needs Vite 5 or 6 (pinned to 6 in package.json).
export default defineConfig({
  plugins: [
    wholeCatalogueByDefault(),
    serviceWorker(),
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
  // ES2020 for older phones, with top-level await (Chrome 89, Safari 15), which the message areas
  // use to hold a page back until its words are there. A browser without it runs no script at
  // all, and every page still works as plain HTML forms.
  esbuild: { supported: { "top-level-await": true } },
  build: { target: "es2020", rollupOptions: { output: { chunkFileNames } } },
});
