// Where the end-to-end phone providers listen (e2e/phone-fake-server.ts): eSMS on one port, Zalo
// on the next. Shared by playwright.config.ts and the specs, which read what reached a phone and
// steer failures through each fake's /__fake/ endpoints.
export const ESMS_FAKE_PORT = 3131;
export const ZALO_FAKE_PORT = 3132;
export const ESMS_FAKE = `http://127.0.0.1:${ESMS_FAKE_PORT}`;
export const ZALO_FAKE = `http://127.0.0.1:${ZALO_FAKE_PORT}`;

/** The settings the app and the fakes share (the fakes refuse any other key or token). */
export const phoneSettings = {
  ESMS_API_KEY: "esms-e2e-key",
  ESMS_SECRET_KEY: "esms-e2e-secret",
  ESMS_API_URL: ESMS_FAKE,
  ZALO_ACCESS_TOKEN: "zalo-e2e-token",
  ZALO_APP_ID: "3001",
  ZALO_OA_SECRET: "zalo-e2e-oa-secret",
  // Approved ZNS templates for these notices; codes to log in or reset go by SMS.
  ZALO_TEMPLATES: "clarification-asked=7001,money-sent=7002,handover=7003,screening-eligible=7004,agreement-ready=7005",
  ZALO_API_URL: ZALO_FAKE,
  // End-to-end runs happen at any hour.
  PHONE_QUIET_HOURS: "none",
};
