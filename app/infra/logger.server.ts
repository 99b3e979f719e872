import { scrubLogData } from "./log-scrub.server";

/** One line of JSON per event: easy to grep on one machine and to ship to a collector on many. */
function write(level: "info" | "warn" | "error", message: string, data?: Record<string, unknown>) {
  if (process.env.NODE_ENV === "test" && level === "info") return;
  // Scrubbed here, so no caller can log a failed query's parameters (log-scrub.server.ts).
  const line = JSON.stringify({ at: new Date().toISOString(), level, message: scrubLogData(message), ...(scrubLogData(data) as object) });
  (level === "error" ? console.error : console.log)(line);
}

export const logger = {
  info: (message: string, data?: Record<string, unknown>) => write("info", message, data),
  warn: (message: string, data?: Record<string, unknown>) => write("warn", message, data),
  error: (message: string, data?: Record<string, unknown>) => write("error", message, data),
};
