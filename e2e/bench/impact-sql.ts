import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "../../app/infra/db.server";
import { timeImpact } from "../../app/modules/impact/impact-bench.server";

// Run by e2e/bench/impact.ts in its own process, before the server starts (PGlite's folder takes
// one process at a time): times the impact dashboard's raw SQL aggregate and writes the figures.

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" }, out: { type: "string" } } });
const database = await openDatabase();
try {
  const result = await timeImpact({}, { runs: Number(values.runs), warmup: 3 });
  const text = JSON.stringify({ ...result, driver: database.driver });
  if (values.out) fs.writeFileSync(values.out, text);
  else console.log(text);
} finally {
  await database.close();
}
