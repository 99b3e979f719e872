import { currentDatabase } from "./db.server";

export async function healthCheck() {
  const started = performance.now();
  try {
    const database = currentDatabase();
    await database.exec("select 1");
    return {
      status: "ok" as const,
      database: { status: "ok" as const, driver: database.driver, ms: Math.round(performance.now() - started) },
    };
  } catch (error) {
    return {
      status: "error" as const,
      database: { status: "error" as const, message: error instanceof Error ? error.message : "unknown" },
    };
  }
}
