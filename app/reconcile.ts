import { openDatabase } from "./infra/db.server";
import { checkEnvOrExit, EnvError, getEnv } from "./infra/env.server";
import { stripeConfigured } from "./infra/stripe.server";
import { reconcileStripe, RECONCILE_GRACE_MS } from "./modules/disbursements/reconcile.server";

// `npm run reconcile [-- --grace-seconds N] [--embedded]`: settles Stripe disbursements left in
// "processing" by looking their transfers up at Stripe (app/modules/disbursements/reconcile.server.ts).
// Safe beside running servers on PostgreSQL: each row is locked and settled once. The embedded
// database (PGlite) belongs to the one server process that opened it (DECISIONS.md 1): there, use
// the button on /finance/reconcile, or stop the server and pass --embedded.

const args = process.argv.slice(2);
const graceArg = args.indexOf("--grace-seconds");
const graceMs = graceArg >= 0 ? Number(args[graceArg + 1]) * 1000 : RECONCILE_GRACE_MS;

checkEnvOrExit(() => {
  const env = getEnv();
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new EnvError("--grace-seconds must be a number of seconds, 0 or more");
  if (!stripeConfigured()) {
    console.log("Stripe is not configured (STRIPE_SECRET_KEY): nothing to reconcile.");
    process.exit(0);
  }
  if (!env.DATABASE_URL && !args.includes("--embedded")) {
    throw new EnvError(
      "With the embedded database the running server owns the data folder: press “Reconcile with Stripe” on /finance/reconcile,\n" +
        "or stop the server and run `npm run reconcile -- --embedded`.",
    );
  }
});

const database = await openDatabase();
try {
  const report = await reconcileStripe({ graceMs });
  console.log(
    `Checked ${report.checked}: ${report.paid} paid, ${report.reversed} reversed, ${report.failed} with nothing paid, ${report.unresolved} unresolved.`,
  );
  process.exitCode = report.unresolved > 0 ? 2 : 0;
} finally {
  await database.close();
}
