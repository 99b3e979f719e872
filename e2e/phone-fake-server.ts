import { startEsmsFake, startZaloFake } from "../app/testing/phone-fakes";
import { ESMS_FAKE_PORT, phoneSettings, ZALO_FAKE_PORT } from "./phone-fakes";

// The eSMS and Zalo fakes of end-to-end runs (playwright.config.ts starts this beside the app). The
// app reaches them through ESMS_API_URL and ZALO_API_URL; they send their delivery receipts back
// to the app, as the providers would. Specs read GET /__fake/messages?to=84… and steer failures
// with POST /__fake/fail-next on either port.

const appUrl = process.env.PHONE_FAKE_APP_URL ?? "http://localhost:3100";
const sms = await startEsmsFake({ port: ESMS_FAKE_PORT, apiKey: phoneSettings.ESMS_API_KEY, secretKey: phoneSettings.ESMS_SECRET_KEY });
const zalo = await startZaloFake({
  port: ZALO_FAKE_PORT,
  accessToken: phoneSettings.ZALO_ACCESS_TOKEN,
  appId: phoneSettings.ZALO_APP_ID,
  oaSecret: phoneSettings.ZALO_OA_SECRET,
  webhookUrl: `${appUrl}/webhooks/zalo`,
});
console.log(`eSMS fake on ${sms.url}, Zalo fake on ${zalo.url}`);

async function stop() {
  await Promise.all([sms.close(), zalo.close()]);
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
