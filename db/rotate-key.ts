import { openDatabase } from "../app/infra/db.server";
import { checkEnvOrExit, EnvError, getEnv } from "../app/infra/env.server";
import { countNotCurrent, rotateSealedValues } from "./keys";

// `npm run rotate-key`: re-seals the bank account numbers (and the outbox's one-time links) under
// DATA_ENCRYPTION_KEY, opening them with it or with DATA_ENCRYPTION_KEY_OLD.
//
//   1. Set DATA_ENCRYPTION_KEY to a new key and DATA_ENCRYPTION_KEY_OLD to the previous one, on
//      every server, and restart them: they seal with the new key and still open the old values.
//   2. Run `npm run rotate-key` with the same two variables (safe beside running servers on
//      PostgreSQL; with the embedded database, stop the server first: DECISIONS.md 1).
//   3. When it reports 0 left, remove DATA_ENCRYPTION_KEY_OLD everywhere and restart.

checkEnvOrExit(() => {
  const env = getEnv();
  if (!process.env.DATA_ENCRYPTION_KEY) {
    throw new EnvError("Set DATA_ENCRYPTION_KEY to the new key (and DATA_ENCRYPTION_KEY_OLD to the old one) to rotate.");
  }
  if (env.oldEncryptionKeys.length === 0) console.log("DATA_ENCRYPTION_KEY_OLD is not set: only values in the old unbound format are rewritten.");
});

const database = await openDatabase();
try {
  const report = await rotateSealedValues();
  for (const [column, n] of Object.entries(report.resealed)) console.log(`${column}: ${n} re-sealed`);
  for (const row of report.unreadable) console.log(`not readable with the keys given (left as it is): ${row}`);
  const left = await countNotCurrent();
  console.log(
    left === 0
      ? "Done: every value is sealed by the current key. DATA_ENCRYPTION_KEY_OLD can go."
      : `${left} values are not sealed by the current key: keep DATA_ENCRYPTION_KEY_OLD until they are looked at.`,
  );
  process.exitCode = left === 0 ? 0 : 2;
} finally {
  await database.close();
}
