import { customType, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** bytea: postgres-js gives a Buffer, PGlite a Uint8Array; both become a Buffer here. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Uploaded files (attachments, receipt scans, report photos), kept in the database so that every
 * app server reaches every file and a backup of the database is a backup of the files
 * (DECISIONS.md 35). Written and read only by app/infra/storage.server.ts, under server-made keys.
 */
export const storedFiles = pgTable("stored_files", {
  key: text("key").primaryKey(),
  bytes: bytea("bytes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
