import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("environment", () => {
  it("starts with nothing set: embedded database, port 3000, a generated session secret", () => {
    const env = parseEnv({ GIEO_DATA_DIR: process.env.GIEO_DATA_DIR });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.sessionSecrets[0].length).toBeGreaterThanOrEqual(32);
    expect(env.appUrl).toBe("http://localhost:3000");
    // The same secret on the next start, so nobody is logged out by a restart.
    expect(parseEnv({ GIEO_DATA_DIR: process.env.GIEO_DATA_DIR }).sessionSecrets).toEqual(env.sessionSecrets);
  });

  it("takes rotating secrets and secure cookies in production", () => {
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: `${"a".repeat(32)}, ${"b".repeat(40)}` });
    expect(env.sessionSecrets).toEqual(["a".repeat(32), "b".repeat(40)]);
    expect(env.cookieSecure).toBe(true);
  });

  it.each([
    [{ PORT: "abc" }, "PORT: must be a whole number between 1 and 65535"],
    [{ PORT: "70000" }, "PORT: must be a whole number between 1 and 65535"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must be a URL such as postgres://"],
    [{ SMTP_URL: "not a url" }, "SMTP_URL: must be a URL such as smtp://"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET: must be one or more comma-separated secrets of at least 32"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
  ])("refuses %o with a message naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("refuses production on PostgreSQL without a shared encryption key and session secret", () => {
    const url = "postgres://gieo@127.0.0.1:5432/gieo";
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: url })).toThrow(
      /DATA_ENCRYPTION_KEY: must be set in production with DATABASE_URL[^]*SESSION_SECRET: must be set/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: url, SESSION_SECRET: "s".repeat(32) })).toThrow(
      "DATA_ENCRYPTION_KEY: must be set",
    );
    // One machine with its embedded database keeps its generated secrets in the data folder.
    expect(parseEnv({ NODE_ENV: "production", GIEO_DATA_DIR: process.env.GIEO_DATA_DIR }).sessionSecrets[0].length).toBeGreaterThanOrEqual(32);
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: url, SESSION_SECRET: "s".repeat(32), DATA_ENCRYPTION_KEY: key }).encryptionKey).toHaveLength(32);
  });

  it("a production server on PostgreSQL without them exits with code 1 before touching the database", () => {
    const result = spawnSync("npx", ["tsx", "app/server.ts"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", SESSION_SECRET: "", DATA_ENCRYPTION_KEY: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATA_ENCRYPTION_KEY: must be set in production with DATABASE_URL");
    expect(result.stderr).toContain("SESSION_SECRET: must be set in production with DATABASE_URL");
  });

  it("stops the server process at start with that message and exit code 1", () => {
    const result = spawnSync("npx", ["tsx", "app/server.ts"], {
      env: { ...process.env, NODE_ENV: "production", PORT: "not-a-port", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Gieo cannot start: the environment is not valid.");
    expect(result.stderr).toContain("PORT: must be a whole number between 1 and 65535");
  });
});
