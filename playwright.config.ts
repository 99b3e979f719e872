import { defineConfig } from "@playwright/test";
import { ESMS_FAKE, phoneSettings } from "./e2e/phone-fakes";
import { SMTP_FAKE_CONTROL, SMTP_FAKE_PORT } from "./e2e/smtp-fake-ports";

// The field app's worker (e2e/offline-journey.spec.ts): its own requests reach context.route only
// with this on, which is how a spec drops a worker's connection (setOffline does not reach it).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

const PORT = 3100;
const baseURL = `http://localhost:${PORT}`;

// The app pays through a local Stripe fake (app/testing/stripe-fake.ts), which sends its signed
// webhook events back to the app: the same settings go to both.
const STRIPE_FAKE_PORT = PORT + 11;
const stripe = {
  STRIPE_SECRET_KEY: "sk_test_gieoe2e",
  STRIPE_WEBHOOK_SECRET: "whsec_gieoe2e",
  STRIPE_API_HOST: "127.0.0.1",
  STRIPE_API_PORT: String(STRIPE_FAKE_PORT),
  STRIPE_API_PROTOCOL: "http",
};

// The mail server is a local SMTP fake (e2e/smtp-fake-server.ts): one-time links reach only the
// invitee's e-mail, which specs read from its control port.

// The applicants' phones: cheap Android handsets about 360 px wide.
const phone = { width: 360, height: 740 };

export default defineConfig({
  testDir: "e2e",
  // e2e/bench holds the load benchmark (run with `npm run bench`), not Playwright specs.
  testIgnore: ["bench/**"],
  outputDir: "e2e/.output/test-results",
  // One server process owns one embedded PGlite database: keep the load on it sequential.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: "list",
  // Generous: axe takes a second or two per page on a loaded CI machine, and the admin visits many.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: "chromium",
    viewport: phone,
    screen: phone,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    serviceWorkers: "allow",
    launchOptions: {
      // Debian's Chromium, never a downloaded browser; the machine has no internet, so
      // everything that would phone home is off.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    // Every applicant page must work as plain form posts (SPEC: "with JavaScript disabled").
    // The message-areas spec checks what the browser renders with JavaScript; without it, the
    // server's HTML (checked by every other spec) is all there is. The page tour reads each
    // rendered page once, in the js project; the journeys post every form without JavaScript.
    { name: "no-js", use: { javaScriptEnabled: false }, testIgnore: ["bench/**", "message-areas.spec.ts", "page-tour.spec.ts", "offline-journey.spec.ts"] },
  ],
  webServer: [
    {
      command: "npx tsx e2e/smtp-fake-server.ts",
      url: `${SMTP_FAKE_CONTROL}/healthz`,
      env: { SMTP_FAKE_PORT: String(SMTP_FAKE_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npx tsx e2e/stripe-fake-server.ts",
      url: `http://127.0.0.1:${STRIPE_FAKE_PORT}/healthz`,
      env: { ...stripe, STRIPE_FAKE_WEBHOOK_URL: `${baseURL}/webhooks/stripe` },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // SMS (eSMS) and Zalo: local fakes of both providers' HTTP APIs (e2e/phone-fake-server.ts).
      command: "npx tsx e2e/phone-fake-server.ts",
      url: `${ESMS_FAKE}/healthz`,
      env: { PHONE_FAKE_APP_URL: baseURL },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A fresh, empty data folder each run: the server migrates it and seeds the demo accounts.
      // Old folders are removed first; e2e/.output/ is git-ignored. It trusts X-Forwarded-For from
      // this machine, as behind a proxy, so a spec can stand for people at different addresses
      // (the per-address limits would otherwise count every spec's sign-ups as one person's).
      // Warnings and errors only: an access line per request would bury a failure's cause.
      command: [
        "rm -rf e2e/.output/data-*",
        "npm run build",
        `DATABASE_URL= SMTP_URL=smtp://127.0.0.1:${SMTP_FAKE_PORT} APP_URL= SEED_DEMO=true TRUST_PROXY=loopback LOG_LEVEL=warn PORT=${PORT} GIEO_DATA_DIR=e2e/.output/data-$(date +%s%N) npm run serve`,
      ].join(" && "),
      url: `${baseURL}/healthz`,
      env: { ...stripe, ...phoneSettings },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      stderr: "pipe",
      // Let the server close PGlite cleanly instead of being killed mid-write.
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
