import { currentDatabase } from "./db.server";
import { logger } from "./logger.server";

export async function healthCheck() {
  const started = performance.now();
  try {
    const database = currentDatabase();
    await database.exec("select 1");
    return {
      status: "ok" as const,
      // Not the driver's name (nor its version): a public page tells an attacker nothing to aim at.
      database: { status: "ok" as const, ms: Math.round(performance.now() - started) },
    };
  } catch (error) {
    logger.error("health check failed", { error: error instanceof Error ? error.message : String(error) });
    return {
      status: "error" as const,
      // The cause goes to the log, not to whoever asks.
      database: { status: "error" as const },
    };
  }
}
