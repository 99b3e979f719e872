import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { CACHE_DIR, ROOT, cached, hashInputs, isTestOnly, prune } from "./cache";

/**
 * Everything `remix vite:build` reads: the app, the database schema it imports, the e-mails, the
 * static files, the build's settings and the installed packages. Tests and their helpers are
 * left out, so editing a test does not rebuild.
 */
function buildHash(): string {
  return hashInputs(
    ["app", "db", "emails", "public", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json"],
    { skip: isTestOnly, extra: [process.version] },
  );
}

/**
 * The production build for the HTTP tests in `.cache/build-<hash>`, made if it is not there yet.
 * It is built into a temporary folder and renamed when complete, so a run that starts meanwhile
 * never serves half a build; a running server's own build/ is never touched.
 */
export async function ensureBuild(): Promise<string> {
  const folder = path.join(CACHE_DIR, `build-${buildHash()}`);
  await cached(folder, async (temporary) => {
    await promisify(execFile)(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build"], {
      cwd: ROOT,
      env: { ...process.env, GIEO_BUILD_DIR: temporary, NODE_ENV: "production" },
      maxBuffer: 64 * 1024 * 1024,
    });
  });
  prune("build-", folder);
  return folder;
}
