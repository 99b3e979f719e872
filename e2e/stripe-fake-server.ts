import http from "node:http";
import { StripeFake, type FailureMode } from "../app/testing/stripe-fake";

// The Stripe fake for end-to-end runs (playwright.config.ts starts it beside the app): the app's
// Stripe client reaches it through STRIPE_API_HOST/PORT/PROTOCOL, and it sends its signed webhook
// events to the app, as Stripe would. Settings come from the environment the config gives both.

const port = Number(process.env.STRIPE_API_PORT ?? 12111);
const fake = await StripeFake.start({
  port,
  host: process.env.STRIPE_API_HOST ?? "127.0.0.1",
  secretKey: process.env.STRIPE_SECRET_KEY,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
  webhookUrl: process.env.STRIPE_FAKE_WEBHOOK_URL,
  slowMs: 1500,
});
console.log(`Stripe fake on ${fake.url}${fake.webhookUrl ? `, webhooks to ${fake.webhookUrl}` : ""}`);

// Specs steer the fake on the next port (the API's + 1), never through the app: POST /fail-next
// with a failure mode as the body (e.g. "answer-late") makes the next Stripe call fail that way,
// so a spec can show a webhook settling a payment whose answer came too late.
const modes: readonly FailureMode[] = ["500", "429", "slow", "answer-late", "drop-after-work", "hang-after-work"];
const control = http.createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  const mode = body.trim() as FailureMode;
  if (req.method !== "POST" || req.url !== "/fail-next" || !modes.includes(mode)) {
    res.writeHead(400).end(`POST /fail-next with one of: ${modes.join(", ")}`);
    return;
  }
  fake.failNext(mode);
  res.writeHead(204).end();
});
control.listen(port + 1, fake.host);

async function stop() {
  control.close();
  await fake.close();
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
