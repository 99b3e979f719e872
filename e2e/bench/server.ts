import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";

// Building, starting and stopping the production server the bench measures. The server runs
// exactly as `npm run serve` runs it, on its own port, data folder and (on PostgreSQL) database.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

/** Runs `npm run build` quietly; prints its output only when it fails. */
export async function buildApp(root: string): Promise<void> {
  const output: Buffer[] = [];
  const child = spawn("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) {
    process.stderr.write(Buffer.concat(output));
    throw new Error(`npm run build failed (exit code ${code})`);
  }
}

/** A port nobody listens on right now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Makes an empty database for the bench on the PostgreSQL server `DATABASE_URL` names, and
 * returns the URL of that new database. Only a server on this machine is accepted: the bench
 * drops and creates databases.
 */
export async function freshPostgresDatabase(databaseUrl: string, name: string): Promise<string> {
  const url = new URL(databaseUrl);
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`The bench only uses a PostgreSQL server on this machine, not ${url.hostname}.`);
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  // Connect to the maintenance database: the one in DATABASE_URL may not exist, or may be `name`.
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.href, { max: 1, onnotice: () => {} });
  try {
    // WITH (FORCE) ends a session a crashed earlier run may have left open (PostgreSQL 13+).
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  const bench = new URL(url);
  bench.pathname = `/${name}`;
  return bench.href;
}

export interface StartOptions {
  root: string;
  port: number;
  dataDir: string;
  /** PostgreSQL URL, or undefined for the embedded PGlite database in dataDir. */
  databaseUrl?: string;
  logFile: string;
  /** V8 old-space limit in MB instead of the serve script's; 0 for Node's default. */
  heapMb?: number;
}

export interface RunningServer {
  origin: string;
  logFile: string;
  stop(): Promise<void>;
  /** Last resort from a synchronous `exit` handler: ask the server to shut down. */
  stopNow(): void;
  /** The server's process id (its memory is read from /proc by the impact bench). */
  pid?: number;
  /** The node flags it runs with. */
  nodeFlags: string[];
}

/**
 * The production server's command line as package.json's `serve` script has it (`node`, its
 * flags, `build/start.js`), so the benches measure the memory limit production runs with. Run
 * here without npm in between, so that the process we read from /proc is the server itself.
 */
export function serveArguments(root: string): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const match = /\bnode((?:\s+--\S+)*)\s+(build\/start\.js)\b/.exec(scripts.serve ?? "");
  if (!match) throw new Error(`package.json's serve script does not run node … build/start.js: ${scripts.serve}`);
  return [...match[1].trim().split(/\s+/).filter(Boolean), match[2]];
}

// Production on PostgreSQL refuses to start without shared secrets (issue 18): the bench's own,
// the same for the seeding process and the server.
const benchSecrets = {
  SESSION_SECRET: "bench-session-secret-bench-session-secret",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
};

/**
 * Starts the production server as `npm run serve` does (the bundle `npm run build` makes of
 * app/server.ts) and waits until /healthz answers 200.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing may leave this machine, and nothing from the caller's shell may change what is measured.
  for (const name of ["DATABASE_URL", "APP_URL", "SMTP_URL", "TRUST_PROXY", "SESSION_SECRET", "PORT"]) {
    delete env[name];
  }
  Object.assign(env, {
    NODE_ENV: "production",
    GIEO_DATA_DIR: options.dataDir,
    PORT: String(options.port),
    SEED_DEMO: "true",
  });
  if (options.databaseUrl) Object.assign(env, { DATABASE_URL: options.databaseUrl, ...benchSecrets });

  const log = fs.openSync(options.logFile, "w");
  const serve = serveArguments(options.root);
  const heapFlag = "--max-old-space-size=";
  const nodeFlags = serve.slice(0, -1).filter((flag) => options.heapMb === undefined || !flag.startsWith(heapFlag));
  if (options.heapMb) nodeFlags.push(`${heapFlag}${options.heapMb}`);
  // Its own process group lets us stop it and anything it starts with one signal.
  const child = spawn(process.execPath, [...nodeFlags, serve[serve.length - 1]], {
    cwd: options.root,
    env,
    detached: true,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const signal = (name: NodeJS.Signals) => {
    if (!running || child.pid === undefined) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  const server: RunningServer = {
    origin: `http://127.0.0.1:${options.port}`,
    logFile: options.logFile,
    pid: child.pid,
    nodeFlags,
    stopNow: () => signal("SIGTERM"),
    async stop() {
      signal("SIGTERM");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
      if ((await Promise.race([exited, timeout])) === "timeout") {
        signal("SIGKILL");
        await exited;
      }
    },
  };

  try {
    await waitForHealth(server.origin, exited);
  } catch (error) {
    await server.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\n\nLast lines of the server log (${options.logFile}):\n${logTail(options.logFile)}`);
  }
  return server;
}

async function waitForHealth(origin: string, exited: Promise<number | null>) {
  const deadline = Date.now() + 90_000;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The server exited (code ${exitCode}) before it was ready.`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("The server did not answer /healthz within 90 s.");
}

/** The last lines of the server's log, for error messages. */
export function logTail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export function resetFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
}

/**
 * Runs db/scale.ts in its own process on the bench database (migrate, demo data, the scale round)
 * and waits for it: done before the server starts, never while it holds the database.
 */
export async function seedScale(options: { root: string; dataDir: string; databaseUrl?: string; count: number; grants?: number; out: string }) {
  const env: NodeJS.ProcessEnv = { ...process.env, GIEO_DATA_DIR: options.dataDir, NODE_ENV: "production" };
  delete env.DATABASE_URL;
  if (options.databaseUrl) Object.assign(env, { DATABASE_URL: options.databaseUrl, ...benchSecrets });
  const child = spawn(process.execPath, ["--import", "tsx", "db/scale.ts", "--applications", String(options.count), "--grants", String(options.grants ?? 0), "--out", options.out], {
    cwd: options.root,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`db/scale.ts failed (exit ${code}):\n${stderr.slice(-2000)}`);
}
