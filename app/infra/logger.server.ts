import { scrubLogData } from "./log-scrub.server";
import { pino } from "pino";
import { currentRequestId } from "./request-context.server";
import { singleton } from "./singleton.server";

// One line of JSON per event, written by pino: easy to grep on one machine and to ship to a
// collector on many. Every line written while a request is being answered carries that request's
// id (the access log's `requestId` and the X-Request-Id response header), so an error can be
// traced to the request that caused it. Lines say what happened, never to whom: no bodies, no
// query strings, no cookies, no names (DECISIONS.md, "Access log").

export const rootLogger = singleton("logger", () =>
  pino(
    {
      // Tests keep their output for warnings and errors; LOG_LEVEL overrides either default.
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
      messageKey: "message",
      base: undefined,
      timestamp: () => `,"at":"${new Date().toISOString()}"`,
      // Scrubbed here, so no caller can log a failed query's parameters (log-scrub.server.ts).
      formatters: { level: (label) => ({ level: label }), log: (object) => scrubLogData(object) as Record<string, unknown> },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
    },
    },
    // Through process.stdout (not pino's own file descriptor writer): one place where every line
    // goes, which a test can read and a supervisor already collects.
    process.stdout,
  ),
);

type Data = Record<string, unknown>;

export const logger = {
  info: (message: string, data?: Data) => rootLogger.info(data ?? {}, scrubLogData(message) as string),
  warn: (message: string, data?: Data) => rootLogger.warn(data ?? {}, scrubLogData(message) as string),
  error: (message: string, data?: Data) => rootLogger.error(data ?? {}, scrubLogData(message) as string),
};
