import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { setDatabase } from "../infra/db.server";
import "../i18n/catalogues.server";
import { openCopy } from "./template";

// Each test file runs in its own process with its own copy of the migrated template (on PGlite,
// opened on the file's first query: files that never query pay nothing).
process.env.GIEO_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "gieo-test-data-"));
const database = await openCopy(inject("template"), inject("copyPrefix"));
setDatabase(database);

afterAll(async () => {
  await database.dropCopy();
});
