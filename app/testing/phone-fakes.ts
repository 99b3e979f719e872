import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

// Local stand-ins for the two phone providers, speaking their real HTTP APIs at the network edge
// (the app reaches them through ESMS_API_URL and ZALO_API_URL only):
//
// - eSMS.vn: POST /MainService.svc/json/SendMultipleMessage_V4_post_json/ with ApiKey, SecretKey,
//   Phone, Content, RequestId, CallbackUrl…; answers {CodeResult:"100", SMSID} or an error code.
//   Like eSMS, a RequestId it has already taken is refused with code 124 and never sent again.
//   After a send it POSTs the delivery receipt {SMSID, SendStatus: 5} to the message's CallbackUrl.
// - Zalo ZNS: POST /message/template with the `access_token` header and {phone, template_id,
//   template_data, tracking_id}; answers {error: 0, data: {msg_id}} or {error: -118, …} for a
//   number with no Zalo account. After a send it POSTs the "user_received_message" event to the
//   OA's webhook, signed as Zalo signs it (X-ZEvent-Signature).
//
// Each can be told to fail the next calls (500, 429, no answer, "not a Zalo user", template refused,
// or "answer-late": take the message, then never answer, as when the app dies before it hears).
// Specs steer them over HTTP: POST /__fake/fail-next (body: a mode), GET /__fake/messages?to=84…

export type PhoneFailure = "500" | "429" | "timeout" | "answer-late" | "not-zalo-user" | "template-refused";

export interface FakeMessage {
  /** The provider's id for it. */
  id: string;
  /** Our id (eSMS RequestId, ZNS tracking_id). */
  ref: string;
  phone: string;
  /** SMS: the text; Zalo: the template id and its filled parameters as JSON. */
  text: string;
  template?: string;
  params?: Record<string, string>;
  at: string;
}

export interface PhoneFake {
  url: string;
  /** Messages the provider took (each at most once per RequestId / tracking_id). */
  messages: FakeMessage[];
  failNext: (mode: PhoneFailure, count?: number) => void;
  /** Phones without a Zalo account (Zalo only). */
  notOnZalo: Set<string>;
  /** Receipts sent back to the app, and their answers. */
  receipts: { ref: string; status: number }[];
  close: () => Promise<void>;
}

export interface PhoneFakeOptions {
  port?: number;
  /** Zalo: where the OA's webhook events go (read at each send, so it may be set later), and the app id and OA secret that sign them. */
  webhookUrl?: string;
  appId?: string;
  oaSecret?: string;
  /** eSMS: the account's key and secret; Zalo: the access token. Anything else is refused. */
  apiKey?: string;
  secretKey?: string;
  accessToken?: string;
  /** How long "timeout" and "answer-late" hold the request before dropping it. */
  holdMs?: number;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  return body;
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
    return response.status;
  } catch {
    return 0;
  }
}

type Handler = (body: Record<string, unknown>, headers: http.IncomingHttpHeaders) => Promise<[number, unknown]>;

async function startFake(
  name: string,
  apiPath: string,
  handle: (fake: PhoneFake, mode: PhoneFailure | undefined) => Handler,
  options: PhoneFakeOptions,
): Promise<PhoneFake> {
  const failures: PhoneFailure[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<http.ServerResponse>();
  const fake: PhoneFake = {
    url: "",
    messages: [],
    receipts: [],
    notOnZalo: new Set(),
    failNext: (mode, count = 1) => failures.push(...Array<PhoneFailure>(count).fill(mode)),
    close: async () => {
      held.forEach((res) => res.destroy());
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const raw = await readBody(req);
    if (url.pathname === "/healthz") return void res.writeHead(200).end("ok");
    if (url.pathname === "/__fake/messages") {
      const to = url.searchParams.get("to");
      return json(res, 200, fake.messages.filter((m) => !to || m.phone === to));
    }
    if (url.pathname === "/__fake/fail-next" && req.method === "POST") {
      fake.failNext(raw.trim() as PhoneFailure);
      return void res.writeHead(204).end();
    }
    if (url.pathname !== apiPath || req.method !== "POST") return json(res, 404, { error: `${name}: no such endpoint` });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: "body is not JSON" });
    }
    const mode = failures.shift();
    if (mode === "500") return json(res, 500, { error: "internal error" });
    if (mode === "429") return json(res, 429, { error: "too many requests" });
    if (mode === "timeout") {
      held.add(res);
      setTimeout(() => res.destroy(), options.holdMs ?? 30_000).unref();
      return;
    }
    const [status, answer] = await handle(fake, mode)(body, req.headers);
    if (mode === "answer-late") {
      held.add(res);
      setTimeout(() => res.destroy(), options.holdMs ?? 30_000).unref();
      return;
    }
    json(res, status, answer);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

const newId = () => randomBytes(8).toString("hex");

/** eSMS.vn's JSON API. */
export function startEsmsFake(options: PhoneFakeOptions = {}): Promise<PhoneFake> {
  return startFake(
    "eSMS",
    "/MainService.svc/json/SendMultipleMessage_V4_post_json/",
    (fake) => async (body) => {
      if ((options.apiKey && body.ApiKey !== options.apiKey) || (options.secretKey && body.SecretKey !== options.secretKey)) {
        return [200, { CodeResult: "101", ErrorMessage: "Authorize Failed" }];
      }
      const phone = String(body.Phone ?? "");
      if (!/^84[35789]\d{8}$/.test(phone)) return [200, { CodeResult: "99", ErrorMessage: "Phone invalid" }];
      const ref = String(body.RequestId ?? "");
      const earlier = ref ? fake.messages.find((m) => m.ref === ref) : undefined;
      if (earlier) return [200, { CodeResult: "124", SMSID: earlier.id, ErrorMessage: "RequestId already exists" }];
      const message: FakeMessage = { id: newId(), ref, phone, text: String(body.Content ?? ""), at: new Date().toISOString() };
      fake.messages.push(message);
      const callback = typeof body.CallbackUrl === "string" ? body.CallbackUrl : null;
      if (callback) {
        // The receipt comes a moment after the answer, as the handset reports back.
        setTimeout(async () => {
          const status = await postJson(callback, JSON.stringify({ SMSID: message.id, SendStatus: 5, Phone: phone }));
          fake.receipts.push({ ref, status });
        }, 50).unref();
      }
      return [200, { CodeResult: "100", CountRegenerate: 0, SMSID: message.id }];
    },
    options,
  );
}

/** Zalo Notification Service's template API. */
export function startZaloFake(options: PhoneFakeOptions = {}): Promise<PhoneFake> {
  return startFake(
    "Zalo",
    "/message/template",
    (fake, mode) => async (body, headers) => {
      if (options.accessToken && headers.access_token !== options.accessToken) {
        return [200, { error: -124, message: "Access token is invalid" }];
      }
      const phone = String(body.phone ?? "");
      if (mode === "not-zalo-user" || fake.notOnZalo.has(phone)) {
        return [200, { error: -118, message: "Zalo account not existed" }];
      }
      if (mode === "template-refused") return [200, { error: -131, message: "Template is not approved" }];
      if (!/^84[35789]\d{8}$/.test(phone)) return [200, { error: -108, message: "Phone number is invalid" }];
      const params = (body.template_data ?? {}) as Record<string, string>;
      const tooLong = Object.values(params).some((v) => String(v).length > 400);
      if (tooLong) return [200, { error: -1123, message: "template_data value is too long" }];
      const ref = String(body.tracking_id ?? "");
      const message: FakeMessage = {
        id: newId(),
        ref,
        phone,
        template: String(body.template_id ?? ""),
        params,
        text: JSON.stringify(params),
        at: new Date().toISOString(),
      };
      fake.messages.push(message);
      if (options.webhookUrl && options.appId && options.oaSecret) {
        const timestamp = String(Date.now());
        const event = JSON.stringify({
          app_id: options.appId,
          event_name: "user_received_message",
          timestamp,
          message: { msg_id: message.id, delivery_time: timestamp, tracking_id: ref },
        });
        const mac = createHash("sha256").update(`${options.appId}${event}${timestamp}${options.oaSecret}`).digest("hex");
        setTimeout(async () => {
          const status = await postJson(options.webhookUrl!, event, { "X-ZEvent-Signature": `mac=${mac}` });
          fake.receipts.push({ ref, status });
        }, 50).unref();
      }
      return [200, { error: 0, message: "Success", data: { msg_id: message.id, sent_time: String(Date.now()), quota: { dailyQuota: "500", remainingQuota: "499" } } }];
    },
    options,
  );
}
