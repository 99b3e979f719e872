// Where the end-to-end mail server listens (e2e/smtp-fake-server.ts): SMTP on one port, its
// control (the messages it received) on the next. Shared by playwright.config.ts and the specs.
export const SMTP_FAKE_PORT = 3125;
export const SMTP_FAKE_CONTROL = `http://127.0.0.1:${SMTP_FAKE_PORT + 1}`;
