import { StripeFake } from "../app/testing/stripe-fake";

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

async function stop() {
  await fake.close();
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
