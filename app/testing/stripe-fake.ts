import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import Stripe from "stripe";

// A small Stripe for tests and end-to-end runs: the endpoints the app uses, with Stripe's own
// semantics where the money depends on them.
//
// - Bodies are form-encoded (`metadata[disbursement_id]=…`), answers JSON, errors in Stripe's shape.
// - Idempotency-Key: the same key with the same parameters replays the first answer (same status
//   and body, `Idempotent-Replayed: true`); with other parameters, a 400 idempotency_error; while
//   the first request with that key is still running, a 409. Like Stripe, results are kept only
//   for requests that ran: a refused validation or an injected 500/429 is not remembered.
// - It can be told to fail: 500, 429, slow answers (before or after doing the work), a dropped
//   connection or an answer that never comes after the transfer was made, on the next calls or
//   a given share of calls at random from a seed.
// - It counts transfers, and sends signed webhook events with the stripe library's own helper.
//
// The app reaches it through STRIPE_API_HOST / _PORT / _PROTOCOL (see `env()`), never by mocking.

export type FailureMode =
  /** Answers 500 without doing anything. */
  | "500"
  /** Answers 429 (rate limited) without doing anything. */
  | "429"
  /** Waits `slowMs` first, then does the work and answers (the client has usually given up). */
  | "slow"
  /** Does the work at once, answers after `slowMs` (the client times out; Stripe did pay). */
  | "answer-late"
  /** Does the work, then closes the connection without an answer. */
  | "drop-after-work"
  /** Does the work, then never answers (until the fake is closed): a process killed meanwhile. */
  | "hang-after-work";

export interface FakeTransfer {
  id: string;
  object: "transfer";
  amount: number;
  amount_reversed: number;
  balance_transaction: string;
  created: number;
  currency: string;
  description: string | null;
  destination: string;
  destination_payment: string;
  livemode: false;
  metadata: Record<string, string>;
  reversals: { object: "list"; data: FakeReversal[]; has_more: false; total_count: number; url: string };
  reversed: boolean;
  source_transaction: null;
  source_type: "card";
  transfer_group: string | null;
}

export interface FakeReversal {
  id: string;
  object: "transfer_reversal";
  amount: number;
  balance_transaction: string;
  created: number;
  currency: string;
  destination_payment_refund: string;
  metadata: Record<string, string>;
  source_refund: null;
  transfer: string;
}

export interface FakeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: FakeTransfer; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  /** The decoded form body of a POST, the query of a GET. */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
  failure: FailureMode | null;
}

interface Answer {
  status: number;
  body: unknown;
}

interface KeyEntry {
  fingerprint: string;
  answer?: Answer;
}

export interface StripeFakeOptions {
  port?: number;
  host?: string;
  secretKey?: string;
  webhookSecret?: string;
  /** When set, every event is sent there as Stripe would (retried a few times on failure). */
  webhookUrl?: string;
  /** How long "slow" and "answer-late" wait, in ms. */
  slowMs?: number;
}

const API_VERSION = "2025-01-01.fake";

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
}

const now = () => Math.floor(Date.now() / 1000);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Stripe's bracket notation (`metadata[a]=1`, `expand[0]=x`) into nested objects. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((part) => part !== "");
    let target = result;
    path.forEach((part, i) => {
      if (i === path.length - 1) target[part] = value;
      else target = (target[part] ??= {}) as Record<string, unknown>;
    });
  }
  return result;
}

/** Same parameters in any order give the same fingerprint. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** A small seeded generator (mulberry32): the same seed gives the same failures. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stripeError = (status: number, error: Record<string, unknown>): Answer => ({ status, body: { error } });

export class StripeFake {
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly host: string;
  port = 0;
  slowMs: number;
  webhookUrl: string | undefined;
  /** Every transfer made, oldest first. */
  readonly transfers: FakeTransfer[] = [];
  /** Every event, oldest first. */
  readonly events: FakeEvent[] = [];
  readonly requests: RequestRecord[] = [];
  /** The platform's available balance; null for unlimited. */
  balance: number | null = null;

  private server: http.Server;
  private sockets = new Set<Socket>();
  private keys = new Map<string, KeyEntry>();
  private failures: FailureMode[] = [];
  private random: { rate: number; modes: FailureMode[]; next: () => number; only?: "create" } | null = null;
  private refused = new Map<string, string>();
  private deliveries = new Set<Promise<unknown>>();
  private timers = new Map<NodeJS.Timeout, () => void>();
  private closing = false;
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  private constructor(options: StripeFakeOptions) {
    this.secretKey = options.secretKey ?? "sk_test_gieofake";
    this.webhookSecret = options.webhookSecret ?? "whsec_gieofake";
    this.host = options.host ?? "127.0.0.1";
    this.webhookUrl = options.webhookUrl;
    this.slowMs = options.slowMs ?? 1500;
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  static async start(options: StripeFakeOptions = {}): Promise<StripeFake> {
    const fake = new StripeFake(options);
    fake.server.listen(options.port ?? 0, fake.host);
    await new Promise<void>((resolve, reject) => {
      fake.server.once("listening", resolve);
      fake.server.once("error", reject);
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** The app's settings to reach this fake (STRIPE_*), with a short time-out for tests. */
  env(options: { timeoutMs?: number; retries?: number } = {}): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: this.secretKey,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_API_HOST: this.host,
      STRIPE_API_PORT: String(this.port),
      STRIPE_API_PROTOCOL: "http",
      STRIPE_TIMEOUT_MS: String(options.timeoutMs ?? 1000),
      STRIPE_MAX_NETWORK_RETRIES: String(options.retries ?? 2),
    };
  }

  /** The next calls fail in these ways, one each, in order. */
  failNext(...modes: FailureMode[]): void {
    this.failures.push(...modes);
  }

  /** A share of calls (0–1) fail, each in one of `modes`, chosen from `seed`. */
  failRandomly(options: { rate: number; seed: number; modes: FailureMode[]; only?: "create" }): void {
    this.random = { rate: options.rate, modes: options.modes, next: seeded(options.seed), only: options.only };
  }

  stopFailing(): void {
    this.failures = [];
    this.random = null;
  }

  /** Transfers to this account are refused, as Stripe refuses an account that cannot receive them. */
  refuseDestination(account: string, message: string): void {
    this.refused.set(account, message);
  }

  transfersFor(disbursementId: string): FakeTransfer[] {
    return this.transfers.filter((t) => t.metadata.disbursement_id === disbursementId);
  }

  /** The create calls that reached this fake (answered, replayed or failed), for one disbursement if given. */
  createCalls(disbursementId?: string): RequestRecord[] {
    return this.requests.filter(
      (r) =>
        r.method === "POST" &&
        r.path === "/v1/transfers" &&
        (disbursementId === undefined || (r.params.metadata as Record<string, string> | undefined)?.disbursement_id === disbursementId),
    );
  }

  /** Reverses a transfer (all of it unless `amount`), as the platform would from its dashboard. */
  reverse(transferId: string, amount?: number): FakeReversal {
    const answer = this.createReversal(transferId, amount === undefined ? {} : { amount: String(amount) }, null);
    if (answer.status !== 200) throw new Error(`reversal refused: ${JSON.stringify(answer.body)}`);
    return answer.body as FakeReversal;
  }

  /** A Stripe-Signature header for `payload`, made by the stripe library's own test helper. */
  sign(payload: string, options: { timestamp?: number; secret?: string } = {}): string {
    return Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
      timestamp: options.timestamp ?? now(),
    });
  }

  /** Sends one event to the app, signed (or as told), and answers the app's response. */
  async deliver(
    event: FakeEvent,
    options: { url?: string; timestamp?: number; secret?: string; signature?: string | null; body?: string } = {},
  ): Promise<Response> {
    const url = options.url ?? this.webhookUrl;
    if (!url) throw new Error("no webhook URL: pass { url } or set webhookUrl");
    const payload = options.body ?? JSON.stringify(event, null, 2);
    const signature = options.signature === undefined ? this.sign(payload, options) : options.signature;
    return fetch(url, {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)", ...(signature === null ? {} : { "Stripe-Signature": signature }) },
    });
  }

  /** Waits until no request is being worked on or answered (slow and late ones included). */
  async idle(): Promise<void> {
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Waits until every automatic delivery so far has been answered. */
  async settled(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries]);
  }

  async close(): Promise<void> {
    this.closing = true;
    // Every wait ends now: slow answers go out (to closed sockets), deliveries stop retrying.
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
    await this.settled();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ——— the server ———

  private nextFailure(method: string, path: string): FailureMode | null {
    if (path === "/healthz") return null;
    if (this.failures.length > 0) return this.failures.shift()!;
    if (!this.random) return null;
    if (this.random.only === "create" && !(method === "POST" && path === "/v1/transfers")) return null;
    if (this.random.next() >= this.random.rate) return null;
    return this.random.modes[Math.floor(this.random.next() * this.random.modes.length)];
  }

  private wait(ms: number): Promise<void> {
    if (this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.active++;
    try {
      await this.serve(req, res);
    } finally {
      this.active--;
      if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    const path = url.pathname;
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const params = method === "POST" ? parseStripeForm(body) : Object.fromEntries(url.searchParams);
    const record: RequestRecord = { method, path, params, idempotencyKey: key, status: 0, replayed: false, failure: null };
    this.requests.push(record);
    const send = (answer: Answer, headers: Record<string, string> = {}) => {
      record.status = answer.status;
      if (res.destroyed) return;
      res.writeHead(answer.status, {
        "Content-Type": "application/json",
        "Request-Id": id("req"),
        "Stripe-Version": API_VERSION,
        ...headers,
      });
      res.end(JSON.stringify(answer.body));
    };

    if (method === "GET" && path === "/healthz") return send({ status: 200, body: { ok: true } });
    // Stripe takes the key as a bearer token or as the user name of basic authentication.
    const basic = `Basic ${Buffer.from(`${this.secretKey}:`).toString("base64")}`;
    if (req.headers.authorization !== `Bearer ${this.secretKey}` && req.headers.authorization !== basic) {
      return send(stripeError(401, { type: "invalid_request_error", message: "Invalid API Key provided." }));
    }

    const failure = this.nextFailure(method, path);
    record.failure = failure;
    if (failure === "500") return send(stripeError(500, { type: "api_error", message: "An unknown error occurred (fake)." }));
    if (failure === "429") {
      return send(stripeError(429, { type: "invalid_request_error", code: "rate_limit", message: "Too many requests hit the API too quickly (fake)." }));
    }

    const run = (): Answer => this.route(method, path, params, key);

    let answer: Answer;
    let replayed = false;
    if (method === "POST" && key) {
      const fingerprint = `${method} ${path} ${canonical(params)}`;
      const entry = this.keys.get(key);
      if (entry && entry.fingerprint !== fingerprint) {
        return send(
          stripeError(400, {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          }),
        );
      }
      if (entry && !entry.answer) {
        return send(stripeError(409, { type: "idempotency_error", message: "There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later." }));
      }
      if (entry?.answer) {
        answer = entry.answer;
        replayed = true;
      } else {
        const fresh: KeyEntry = { fingerprint };
        this.keys.set(key, fresh);
        if (failure === "slow") await this.wait(this.slowMs);
        answer = run();
        // Like Stripe: a request that failed validation is not remembered; one that ran is.
        if (answer.status === 200 || (answer.body as { error?: { ran?: boolean } }).error?.ran) fresh.answer = answer;
        else this.keys.delete(key);
      }
    } else {
      if (failure === "slow") await this.wait(this.slowMs);
      answer = run();
    }
    const error = (answer.body as { error?: Record<string, unknown> }).error;
    if (error && "ran" in error) {
      const { ran: _ran, ...shown } = error;
      void _ran;
      answer = { status: answer.status, body: { error: shown } };
    }
    record.replayed = replayed;

    if (failure === "drop-after-work") {
      record.status = -1;
      req.socket.destroy();
      return;
    }
    if (failure === "hang-after-work") {
      record.status = -1;
      return;
    }
    if (failure === "answer-late") await this.wait(this.slowMs);
    send(answer, replayed ? { "Idempotent-Replayed": "true" } : {});
  }

  private route(method: string, path: string, params: Record<string, unknown>, key: string | null): Answer {
    if (method === "POST" && path === "/v1/transfers") return this.createTransfer(params, key);
    if (method === "GET" && path === "/v1/transfers") return this.listTransfers(params as Record<string, string>);
    const one = /^\/v1\/transfers\/([^/]+)$/.exec(path);
    if (method === "GET" && one) {
      const transfer = this.transfers.find((t) => t.id === one[1]);
      return transfer
        ? { status: 200, body: transfer }
        : stripeError(404, { type: "invalid_request_error", code: "resource_missing", param: "id", message: `No such transfer: '${one[1]}'` });
    }
    const reversals = /^\/v1\/transfers\/([^/]+)\/reversals$/.exec(path);
    if (method === "POST" && reversals) return this.createReversal(reversals[1], params, key);
    return stripeError(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` });
  }

  private createTransfer(params: Record<string, unknown>, key: string | null): Answer {
    const amount = String(params.amount ?? "");
    if (!/^[1-9]\d*$/.test(amount) || !Number.isSafeInteger(Number(amount))) {
      return stripeError(400, { type: "invalid_request_error", param: "amount", message: "Invalid positive integer" });
    }
    const currency = String(params.currency ?? "");
    if (!/^[a-z]{3}$/.test(currency)) return stripeError(400, { type: "invalid_request_error", param: "currency", message: "Invalid currency" });
    const destination = String(params.destination ?? "");
    if (!/^acct_[A-Za-z0-9]+$/.test(destination)) {
      return stripeError(400, { type: "invalid_request_error", param: "destination", message: `No such destination: '${destination}'` });
    }
    const refusal = this.refused.get(destination);
    if (refusal) return stripeError(400, { type: "invalid_request_error", param: "destination", message: refusal, ran: true });
    if (this.balance !== null && Number(amount) > this.balance) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "balance_insufficient",
        message: "You have insufficient available funds in your Stripe account.",
        ran: true,
      });
    }
    if (this.balance !== null) this.balance -= Number(amount);
    const transfer: FakeTransfer = {
      id: id("tr"),
      object: "transfer",
      amount: Number(amount),
      amount_reversed: 0,
      balance_transaction: id("txn"),
      created: now(),
      currency,
      description: typeof params.description === "string" ? params.description : null,
      destination,
      destination_payment: id("py"),
      livemode: false,
      metadata: Object.fromEntries(Object.entries((params.metadata as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k, String(v)])),
      reversals: { object: "list", data: [], has_more: false, total_count: 0, url: "" },
      reversed: false,
      source_transaction: null,
      source_type: "card",
      transfer_group: typeof params.transfer_group === "string" ? params.transfer_group : null,
    };
    transfer.reversals.url = `/v1/transfers/${transfer.id}/reversals`;
    this.transfers.push(transfer);
    this.emit("transfer.created", transfer, key);
    return { status: 200, body: clone(transfer) };
  }

  private listTransfers(query: Record<string, string>): Answer {
    const limit = Math.min(Math.max(Number(query.limit ?? 10) || 10, 1), 100);
    // Newest first, as Stripe lists.
    let all = [...this.transfers].reverse();
    if (query.transfer_group) all = all.filter((t) => t.transfer_group === query.transfer_group);
    if (query.destination) all = all.filter((t) => t.destination === query.destination);
    if (query.starting_after) {
      const at = all.findIndex((t) => t.id === query.starting_after);
      all = at === -1 ? [] : all.slice(at + 1);
    }
    const page = all.slice(0, limit);
    return { status: 200, body: { object: "list", data: clone(page), has_more: all.length > limit, url: "/v1/transfers" } };
  }

  private createReversal(transferId: string, params: Record<string, unknown>, key: string | null): Answer {
    const transfer = this.transfers.find((t) => t.id === transferId);
    if (!transfer) return stripeError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such transfer: '${transferId}'` });
    const left = transfer.amount - transfer.amount_reversed;
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > left) {
      return stripeError(400, { type: "invalid_request_error", param: "amount", message: "Amount must be no more than what remains of the transfer." });
    }
    const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
    const reversal: FakeReversal = {
      id: id("trr"),
      object: "transfer_reversal",
      amount,
      balance_transaction: id("txn"),
      created: now(),
      currency: transfer.currency,
      destination_payment_refund: id("pyr"),
      metadata: {},
      source_refund: null,
      transfer: transfer.id,
    };
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed >= transfer.amount;
    transfer.reversals.data.unshift(reversal);
    transfer.reversals.total_count++;
    if (this.balance !== null) this.balance += amount;
    this.emit("transfer.reversed", transfer, key);
    this.emit("transfer.updated", transfer, key, previous);
    return { status: 200, body: clone(reversal) };
  }

  private emit(type: string, transfer: FakeTransfer, key: string | null, previous?: Record<string, unknown>): void {
    const event: FakeEvent = {
      id: id("evt"),
      object: "event",
      api_version: API_VERSION,
      created: now(),
      data: { object: clone(transfer), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: this.webhookUrl ? 1 : 0,
      request: { id: key ? id("req") : null, idempotency_key: key },
      type,
    };
    this.events.push(event);
    if (this.webhookUrl) {
      const delivery = this.deliverWithRetries(event).finally(() => this.deliveries.delete(delivery));
      this.deliveries.add(delivery);
    }
  }

  /** Like Stripe, keeps sending until the app answers 2xx (here: a few quick tries). */
  private async deliverWithRetries(event: FakeEvent): Promise<void> {
    for (let attempt = 0; attempt < 5 && !this.closing; attempt++) {
      await this.wait(attempt === 0 ? 50 : 200 * 2 ** attempt);
      if (this.closing) return;
      try {
        const response = await this.deliver(event);
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // The app is not reachable right now: try again.
      }
    }
  }
}
