import { deleteExpiredSignUps } from "./modules/auth/auth.server";
import { reconcileStripe } from "./modules/disbursements/reconcile.server";
import { dispatchOutbox } from "./modules/notifications/dispatch.server";
import { runReportReminders } from "./modules/outcomes/reminders.server";
import { applyRetention } from "./modules/privacy/retention.server";
import { logger } from "./infra/logger.server";
import { deleteExpiredKeys } from "./kernel/idempotency.server";
import { mailTransport } from "./infra/mail.server";
import { deleteExpiredSessions } from "./infra/session.server";
import { stripeConfigured } from "./infra/stripe.server";

/**
 * Periodic work of one server process. Each job is safe to run on several servers at once
 * (the outbox claims rows with SKIP LOCKED; deleting expired sessions is idempotent; Stripe
 * reconciliation only looks transfers up and settles each locked row once).
 */
export function startJobs(): () => void {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, name: string, job: () => Promise<unknown>) => {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        await job();
      } catch (error) {
        logger.error(`job ${name} failed`, { error: error instanceof Error ? error.message : String(error) });
      } finally {
        running = false;
      }
    };
    timers.push(setInterval(run, ms));
    void run();
  };
  // E-mail when SMTP_URL is set, SMS and Zalo when theirs are: each channel waits otherwise.
  const transport = mailTransport();
  every(10_000, "outbox", () => dispatchOutbox(transport));
  every(60 * 60 * 1000, "sessions", deleteExpiredSessions);
  every(60 * 60 * 1000, "sign-ups", deleteExpiredSignUps);
  every(60 * 60 * 1000, "idempotency-keys", deleteExpiredKeys);
  if (stripeConfigured()) every(5 * 60 * 1000, "stripe-reconcile", () => reconcileStripe());
  // Each reminder is claimed in the transaction that queues it, so overlapping runs send it once.
  every(15 * 60 * 1000, "report-reminders", () => runReportReminders());
  // The retention schedule is in months: once a day is plenty, and each run is one logged row per rule.
  every(24 * 60 * 60 * 1000, "retention", () => applyRetention());
  return () => timers.forEach(clearInterval);
}
