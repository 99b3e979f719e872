import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { singleton } from "./singleton.server";

const port = z.coerce
  .number({ error: "must be a whole number between 1 and 65535" })
  .int({ error: "must be a whole number between 1 and 65535" })
  .min(1, { error: "must be a whole number between 1 and 65535" })
  .max(65535, { error: "must be a whole number between 1 and 65535" });

function urlWithProtocols(protocols: string[], example: string) {
  return z
    .string()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: `must be a URL such as ${example}` },
    );
}

/** Every setting the server reads. The process refuses to start when one is malformed. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgres://user@127.0.0.1:5432/gieo").optional(),
  // The tables' owner, for the migrations only; DATABASE_URL is then a role that owns nothing
  // (DECISIONS.md 34). Without it, DATABASE_URL's role migrates and runs the app.
  MIGRATION_DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgres://gieo_owner@127.0.0.1:5432/gieo").optional(),
  GIEO_DATA_DIR: z.string().min(1).default(".data"),
  APP_URL: urlWithProtocols(["http:", "https:"], "https://gieo.example.org").optional(),
  SESSION_SECRET: z
    .string()
    .refine((v) => v.split(",").every((s) => s.trim().length >= 32), {
      error: "must be one or more comma-separated secrets of at least 32 characters each",
    })
    .optional(),
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, {
      error: "must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)",
    })
    .optional(),
  // Keys being rotated out: they still open what they sealed until `npm run rotate-key` is done.
  DATA_ENCRYPTION_KEY_OLD: z
    .string()
    .refine((v) => v.split(",").every((k) => Buffer.from(k.trim(), "base64").length === 32), {
      error: "must be one or more comma-separated keys of 32 bytes in base64",
    })
    .optional(),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  SMTP_URL: urlWithProtocols(["smtp:", "smtps:"], "smtp://user:pass@mail.example.org:587").optional(),
  MAIL_FROM: z.string().min(3).default("Gieo <no-reply@gieo.test>"),
  // The organisation that pays, as its cash receipts (phiếu chi) name it; left blank to write by hand.
  ORG_NAME: z.string().max(200).optional(),
  ORG_ADDRESS: z.string().max(300).optional(),
  // Who hosts the servers, keeps the backups and relays the e-mail, and in which country (ISO
  // 3166 two letters): the register of processing lists them (issue 15). Gieo cannot see these.
  HOSTING_PROVIDER: z.string().max(200).optional(),
  HOSTING_COUNTRY: z.string().regex(/^[A-Z]{2}$/, { error: "must be a two-letter country code such as VN" }).optional(),
  BACKUP_PROVIDER: z.string().max(200).optional(),
  BACKUP_COUNTRY: z.string().regex(/^[A-Z]{2}$/, { error: "must be a two-letter country code such as VN" }).optional(),
  SMTP_COUNTRY: z.string().regex(/^[A-Z]{2}$/, { error: "must be a two-letter country code such as VN" }).optional(),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  // Stripe (issue #5). Without a secret key the Stripe method is hidden and nothing calls Stripe.
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, { error: "must be a Stripe secret key such as sk_test_…" })
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_+/=]+$/, { error: "must be the endpoint's signing secret, whsec_…" })
    .optional(),
  // Another address for Stripe's API: the local fake in tests and end-to-end runs.
  STRIPE_API_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, { error: "must be a host name such as api.stripe.com or 127.0.0.1" })
    .optional(),
  STRIPE_API_PORT: port.optional(),
  STRIPE_API_PROTOCOL: z.enum(["https", "http"], { error: "must be https or http" }).optional(),
  // Each try waits at most this long; a finance user waits for all tries, so keep both small.
  STRIPE_TIMEOUT_MS: z.coerce
    .number({ error: "must be a whole number of milliseconds between 100 and 120000" })
    .int({ error: "must be a whole number of milliseconds between 100 and 120000" })
    .min(100, { error: "must be a whole number of milliseconds between 100 and 120000" })
    .max(120_000, { error: "must be a whole number of milliseconds between 100 and 120000" })
    .default(10_000),
  // Retries are safe: every call that moves money carries an idempotency key saved beforehand.
  STRIPE_MAX_NETWORK_RETRIES: z.coerce
    .number({ error: "must be a whole number between 0 and 5" })
    .int({ error: "must be a whole number between 0 and 5" })
    .min(0, { error: "must be a whole number between 0 and 5" })
    .max(5, { error: "must be a whole number between 0 and 5" })
    .default(2),
  // SMS through eSMS.vn (DECISIONS.md 43). Without the key and secret the SMS channel is off.
  ESMS_API_KEY: z.string().min(1).optional(),
  ESMS_SECRET_KEY: z.string().min(1).optional(),
  // The registered sender name ("brandname") the texts go out under.
  ESMS_BRANDNAME: z.string().min(1).max(11).default("Gieo"),
  // Another address for eSMS's API: the local fake in tests and end-to-end runs.
  ESMS_API_URL: urlWithProtocols(["http:", "https:"], "https://rest.esms.vn").default("https://rest.esms.vn"),
  // Zalo Notification Service. Without the token and the templates the Zalo channel is off.
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  // The Zalo app's id and the Official Account's secret key, which sign the delivery callbacks.
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET: z.string().min(1).optional(),
  // Each notice's approved ZNS template: "name=id" pairs, comma-separated (README, "Phones").
  ZALO_TEMPLATES: z
    .string()
    .regex(/^[a-z][A-Za-z0-9-]*=[A-Za-z0-9]+(,[a-z][A-Za-z0-9-]*=[A-Za-z0-9]+)*$/, {
      error: "must be name=templateId pairs separated by commas, such as otp=231455,money-sent=231456",
    })
    .optional(),
  ZALO_API_URL: urlWithProtocols(["http:", "https:"], "https://business.openapi.zalo.me").default(
    "https://business.openapi.zalo.me",
  ),
  // Hours (Viet Nam time) when phone notices wait, as "from-until"; "none" sends at any hour.
  PHONE_QUIET_HOURS: z
    .string()
    .regex(/^(none|([01]?\d|2[0-3])-([01]?\d|2[0-3]))$/, { error: "must be hours such as 21-7, or none" })
    .default("21-7"),
  // Each call to eSMS or Zalo waits at most this long; the outbox retries or falls back after it.
  PHONE_TIMEOUT_MS: z.coerce
    .number({ error: "must be a whole number of milliseconds between 100 and 60000" })
    .int({ error: "must be a whole number of milliseconds between 100 and 60000" })
    .min(100, { error: "must be a whole number of milliseconds between 100 and 60000" })
    .max(60_000, { error: "must be a whole number of milliseconds between 100 and 60000" })
    .default(10_000),
});

export type Env = z.infer<typeof envSchema> & {
  sessionSecrets: string[];
  encryptionKey: Buffer;
  oldEncryptionKeys: Buffer[];
  appUrl: string;
  cookieSecure: boolean;
};

export class EnvError extends Error {}

/** Parses settings; throws an EnvError whose message names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Gieo cannot start: the environment is not valid.\n${lines.join("\n")}`);
  }
  const env = result.data;
  // Several servers on one PostgreSQL database must share these: a key generated by one server
  // cannot read the bank accounts another wrote, and its sessions would not be known elsewhere.
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    const missing = (["DATA_ENCRYPTION_KEY", "SESSION_SECRET"] as const).filter((name) => !env[name]);
    if (missing.length > 0) {
      const lines = missing.map(
        (name) => `  ${name}: must be set in production with DATABASE_URL, the same on every server (README, "Deploying")`,
      );
      throw new EnvError(`Gieo cannot start: the environment is not valid.\n${lines.join("\n")}`);
    }
  }
  return {
    ...env,
    sessionSecrets: env.SESSION_SECRET
      ? env.SESSION_SECRET.split(",").map((s) => s.trim())
      : [localSecret(env.GIEO_DATA_DIR, "session-secret")],
    encryptionKey: Buffer.from(env.DATA_ENCRYPTION_KEY ?? localSecret(env.GIEO_DATA_DIR, "encryption-key", "base64"), "base64"),
    oldEncryptionKeys: (env.DATA_ENCRYPTION_KEY_OLD ?? "")
      .split(",")
      .filter((k) => k.trim())
      .map((k) => Buffer.from(k.trim(), "base64")),
    appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : env.NODE_ENV === "production",
  };
}

/**
 * Without SESSION_SECRET or DATA_ENCRYPTION_KEY, a random one is made once and kept in the data
 * folder, so that a fresh `npm start` needs no configuration and a restart neither logs everybody
 * out nor loses the key to the bank accounts. With several servers, set both in the environment.
 */
function localSecret(dataDir: string, name: string, encoding: "base64url" | "base64" = "base64url"): string {
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString(encoding);
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const envHolder = () => singleton("env", () => ({ current: undefined as Env | undefined }));

export function getEnv(): Env {
  const holder = envHolder();
  holder.current ??= parseEnv(process.env);
  return holder.current;
}

/**
 * Reads `process.env` again at the next `getEnv()`. For tests that start a fake service (the Stripe
 * fake) on a free port only known once the server already runs in the same process.
 */
export function reloadEnv(): void {
  envHolder().current = undefined;
}

/**
 * For command-line entry points (the server, `npm run reconcile`, `rotate-key`): runs their
 * start-up checks, and on a bad setting prints its plain message and exits 1 instead of a stack.
 */
export function checkEnvOrExit<T>(checks: () => T): T {
  try {
    return checks();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
