import http from "node:http";
import { startSmtpFake } from "../app/testing/smtp-fake";

// The mail server of end-to-end runs (playwright.config.ts starts it beside the app, which sends
// to it through SMTP_URL like to any mail server). One-time links (invitations, password resets)
// are in the sent e-mail only, never in the outbox page an admin reads (DECISIONS.md 36), so a
// spec reads the invitee's mail here: GET /messages?to=<address> on the next port answers the
// messages that address received, as JSON, newest last.

const port = Number(process.env.SMTP_FAKE_PORT ?? 3125);
const fake = await startSmtpFake({ port });
console.log(`SMTP fake on ${fake.url}`);

const control = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/healthz") {
    res.writeHead(200).end("ok");
    return;
  }
  if (req.method !== "GET" || url.pathname !== "/messages") {
    res.writeHead(400).end("GET /messages?to=<address>");
    return;
  }
  const to = url.searchParams.get("to")?.toLowerCase();
  const messages = fake.received.filter((m) => !to || m.to.some((r) => r.toLowerCase() === to)).map((m) => ({ to: m.to, text: m.decoded }));
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(messages));
});
control.listen(port + 1, "127.0.0.1");

async function stop() {
  control.close();
  await fake.close();
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
