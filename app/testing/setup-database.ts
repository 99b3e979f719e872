import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { setDatabase } from "../infra/db.server";
import "../i18n/catalogues.server";
import { openCopy } from "./template";

// Each test file runs in its own process with its own copy of the migrated template.
process.env.GIEO_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "gieo-test-data-"));
const database = await openCopy(inject("template"));
setDatabase(database);

afterAll(async () => {
  await database.dropCopy();
});
