import { createDb } from "../../db/client";
import { setDatabase } from "../infra/db.server";
import { payByStripe } from "../modules/disbursements/stripe-payment.server";
import { findUserById } from "../modules/users/users.server";

// A second process that pays one disbursement through Stripe, for the test that kills a process
// after Stripe answered and before our second transaction (stripe-payment.test.ts). It runs our
// real code against the test's PostgreSQL database and the Stripe fake, from the environment.

const [disbursementId, userId] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!url || !disbursementId || !userId) throw new Error("usage: DATABASE_URL=… tsx stripe-pay-child.ts <disbursementId> <userId>");
const database = await createDb({ url, max: 2 });
setDatabase(database);
const user = await findUserById(userId);
if (!user) throw new Error("no such user");
console.log(JSON.stringify(await payByStripe(disbursementId, { user, ip: "127.0.0.1" })));
await database.close();
