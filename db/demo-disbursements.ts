import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import sharp from "sharp";
import { applications, decisions, disbursements, grants, groups, reviewAssignments, rounds, tranches, users } from "./schema";
import { db } from "../app/infra/db.server";
import { writeAudit } from "../app/modules/audit/audit.server";
import { recordTransition } from "../app/kernel/transition.server";
import { decideOne } from "../app/modules/decisions/decisions.server";
import {
  approveDisbursement,
  prepareDisbursement,
  recordBankPayment,
  recordCashPayment,
} from "../app/modules/disbursements/disbursements.server";
import type { Actor } from "../app/kernel/actor";
import { guessBankBin } from "../app/modules/disbursements/banks.server";
import { disbursementMachine, type DisbursementStatus } from "../app/modules/disbursements/machine";
import { acceptGrant } from "../app/modules/grants/acceptance.server";
import type { FacilitatorAcceptance } from "../app/modules/grants/grants.schema";
import { findUserById } from "../app/modules/users/users.server";

// Disbursement demo (issue #5, part 8), on the pilot round's grants: one left awaiting the group's
// acceptance, the others accepted by their facilitator and then, one each, paid through Stripe,
// paid by bank transfer, paid in cash against a signed receipt, prepared by finance@ and waiting
// for finance2@'s approval, and a Stripe transfer Stripe reversed. The bank and cash payments go
// through the module's own commands (two people, audit rows, the group told); the Stripe ones are
// written directly, with fake transfer ids, since no Stripe account is reached from a demo.

const PILOT_ROUND = "Vòng thử nghiệm 2026";
const DAY = 86_400_000;
const STORIES = ["awaiting", "stripe", "bank", "cash", "waiting_approval", "reversed"] as const;
type Story = (typeof STORIES)[number];

async function actorFor(email: string): Promise<Actor | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const user = row ? await findUserById(row.id) : null;
  return user ? { user, ip: "127.0.0.1" } : null;
}

function must<T extends { ok: boolean }>(result: T, what: string): T {
  if (!result.ok) throw new Error(`demo disbursements: ${what} refused: ${JSON.stringify(result)}`);
  return result;
}

/** The pilot round's grants in a stable order, approving more eligible applications if too few. */
async function pilotGrants(roundId: string, admin: Actor) {
  const list = () =>
    db
      .select({ id: grants.id, groupId: grants.groupId, status: grants.status, title: applications.title, groupName: groups.name })
      .from(grants)
      .innerJoin(applications, eq(applications.id, grants.applicationId))
      .innerJoin(groups, eq(groups.id, grants.groupId))
      .where(eq(grants.roundId, roundId))
      .orderBy(asc(applications.createdAt), asc(applications.title));
  let found = await list();
  if (found.length < STORIES.length) {
    const eligible = await db
      .select({ id: applications.id, requested: applications.requestedAmount })
      .from(applications)
      .where(
        and(
          eq(applications.roundId, roundId),
          eq(applications.status, "eligible"),
          // Fully reviewed ones only: the others carry the reviews the demo leaves waiting for reviewers.
          sql`not exists (select 1 from ${reviewAssignments} where ${reviewAssignments.applicationId} = ${applications.id} and ${reviewAssignments.status} <> 'submitted')`,
          // As many submitted reviews as the round requires: a decision waits for them.
          sql`(select count(*) from ${reviewAssignments} where ${reviewAssignments.applicationId} = ${applications.id} and ${reviewAssignments.status} = 'submitted')
            >= (select ${rounds.reviewersPerApplication} from ${rounds} where ${rounds.id} = ${applications.roundId})`,
        ),
      )
      .orderBy(asc(applications.createdAt), asc(applications.title))
      .limit(STORIES.length - found.length);
    for (const application of eligible) {
      // Through the decisions module, as an admin would: decision, grant, tranches, notices.
      must(
        await decideOne(
          roundId,
          application.id,
          {
            outcome: "approved",
            awardedAmount: application.requested,
            conditions: "",
            reasonVi: "Kế hoạch rõ ràng, chi phí hợp lý.",
            reasonEn: "A clear plan at a reasonable cost.",
            reviewsOverride: "",
            conditionsHold: "",
          },
          admin,
          "vi",
        ),
        "approval",
      );
    }
    found = await list();
  }
  return found.slice(0, STORIES.length);
}

/**
 * The commands above stamp "now"; the pilot's story happened over the last weeks: reviewed three
 * weeks ago (db/demo-reviews.ts), decided sixteen days ago, accepted a fortnight ago, paid since.
 * Only the business dates move; the audit rows keep when the seed wrote them.
 */
async function backdatePilot(roundId: string) {
  const decidedAt = new Date(Date.now() - 16 * DAY);
  const acceptedAt = new Date(Date.now() - 14 * DAY);
  await db.transaction(async (tx) => {
    await tx.update(decisions).set({ decidedAt }).where(eq(decisions.roundId, roundId));
    await tx.update(grants).set({ acceptedAt }).where(and(eq(grants.roundId, roundId), isNotNull(grants.acceptedAt)));
    await tx
      .update(tranches)
      .set({ conditionMetAt: acceptedAt })
      .where(and(eq(tranches.waitsFor, "signing"), isNotNull(tranches.conditionMetAt), inArray(tranches.grantId, tx.select({ id: grants.id }).from(grants).where(eq(grants.roundId, roundId)))));
  });
}

/** A scan of a signed phiếu chi, drawn for the demo (the real one is a photo or a PDF). */
async function receiptScan(groupName: string): Promise<File> {
  const escape = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400">
    <rect width="600" height="400" fill="#fffdf5"/>
    <text x="300" y="60" font-size="30" text-anchor="middle" font-family="sans-serif">PHIẾU CHI</text>
    <text x="40" y="130" font-size="18" font-family="sans-serif">Người nhận: ${escape(groupName)}</text>
    <text x="40" y="170" font-size="18" font-family="sans-serif">Bản quét minh hoạ (dữ liệu mẫu)</text>
    <path d="M60 320 q30 -40 60 0 t60 0" stroke="#1a3d8f" fill="none" stroke-width="3"/>
    <path d="M260 320 q30 -30 60 0 t60 -10" stroke="#1a3d8f" fill="none" stroke-width="3"/>
    <path d="M450 320 q20 -35 50 0 t50 5" stroke="#1a3d8f" fill="none" stroke-width="3"/>
  </svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return new File([new Uint8Array(png)], "phieu-chi-mau.png", { type: "image/png" });
}

/**
 * A Stripe transfer as Stripe's answers and webhooks leave it, written directly: the rows and the
 * audit trail the payment module would have written, ending paid or reversed.
 */
async function stripeStory(
  grant: { id: string; groupId: string },
  trancheId: string,
  amount: bigint,
  people: { preparer: Actor; approver: Actor },
  end: "paid" | "reversed",
  index: number,
) {
  const now = Date.now();
  const transferId = `tr_demo_${String(index).padStart(4, "0")}_${grant.id.slice(0, 8)}`;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(disbursements)
      .values({
        grantId: grant.id,
        trancheId,
        amount,
        method: "stripe",
        recipientName: "",
        status: end,
        preparedBy: people.preparer.user.id,
        preparedAt: new Date(now - 9 * DAY),
        approvedBy: people.approver.user.id,
        approvedAt: new Date(now - 8 * DAY),
        stripeTransferId: transferId,
        paidAt: new Date(now - 8 * DAY),
        // As the payment module writes it (stripe-settle.server.ts): a catalogue key, read in the reader's language.
        failureMessage: end === "reversed" ? `payments.failure.reversed?transfer=${transferId}` : null,
      })
      .returning({ id: disbursements.id });
    await tx.update(disbursements).set({ idempotencyKey: `disbursement-${row.id}` }).where(eq(disbursements.id, row.id));
    await writeAudit(tx, {
      actorId: people.preparer.user.id,
      action: "disbursement.prepared",
      entityType: "disbursement",
      entityId: row.id,
      data: { to: "prepared", amount: amount.toString(), method: "stripe", trancheId, via: "demo seed" },
    });
    const steps: [DisbursementStatus, DisbursementStatus, Actor | null, Record<string, unknown>][] = [
      ["prepared", "approved", people.approver, {}],
      ["approved", "processing", people.approver, { idempotencyKey: `disbursement-${row.id}` }],
      ["processing", "paid", null, { transferId }],
    ];
    if (end === "reversed") steps.push(["paid", "reversed", null, { transferId }]);
    for (const [from, to, who, data] of steps) {
      await recordTransition(tx, disbursementMachine, {
        entityId: row.id,
        from,
        to,
        actor: who ? { id: who.user.id } : "system",
        as: who ? who.user.roles : ["system"],
        data: { ...data, via: "demo seed" },
      });
    }
  });
}

export async function seedDisbursementsDemo(): Promise<{ seeded: boolean }> {
  const [round] = await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.titleVi, PILOT_ROUND)).limit(1);
  if (!round) return { seeded: false };
  // Seeded once: any disbursement of the pilot round means this ran (or finance has worked).
  const [already] = await db
    .select({ id: disbursements.id })
    .from(disbursements)
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .where(eq(grants.roundId, round.id))
    .limit(1);
  if (already) return { seeded: false };
  const [admin, finance, finance2, facilitator] = await Promise.all(
    ["admin@gieo.test", "finance@gieo.test", "finance2@gieo.test", "facilitator@gieo.test"].map(actorFor),
  );
  if (!admin || !finance || !finance2 || !facilitator) return { seeded: false };

  const chosen = await pilotGrants(round.id, admin);
  if (chosen.length < STORIES.length) return { seeded: false };
  const story = new Map<Story, (typeof chosen)[number]>(STORIES.map((s, i) => [s, chosen[i]]));

  // Two groups receive through Stripe: their connected accounts, as finance would set them.
  for (const [i, s] of (["stripe", "reversed"] as const).entries()) {
    await db.update(groups).set({ stripeAccountId: `acct_demo${String(i + 1).padStart(12, "0")}` }).where(eq(groups.id, story.get(s)!.groupId));
  }

  // Accepted on each group's behalf by the facilitator, who records how the group consented.
  for (const s of STORIES.filter((x) => x !== "awaiting")) {
    const grant = story.get(s)!;
    if (grant.status !== "awaiting_acceptance") continue;
    const [group] = await db.select().from(groups).where(eq(groups.id, grant.groupId));
    must(
      await acceptGrant(
        {
          id: grant.id,
          applicationTitle: grant.title,
          group: { id: group.id, name: group.name, leaderName: group.leaderName, ownerId: group.ownerId, village: group.village, commune: group.commune },
        },
        { by: "facilitator", input: { accept: "yes", consentBy: group.leaderName, consentMethod: "signed", witnessName: "" } satisfies FacilitatorAcceptance },
        facilitator,
      ),
      "acceptance",
    );
  }

  const firstTranche = async (grantId: string) => {
    const [row] = await db
      .select({ id: tranches.id, amount: tranches.amount })
      .from(tranches)
      .where(eq(tranches.grantId, grantId))
      .orderBy(asc(tranches.position))
      .limit(1);
    return row;
  };
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
  const pay = { preparer: finance, approver: finance2 };

  const stripeGrant = story.get("stripe")!;
  const stripeTranche = await firstTranche(stripeGrant.id);
  await stripeStory(stripeGrant, stripeTranche.id, stripeTranche.amount, pay, "paid", 1);

  const reversedGrant = story.get("reversed")!;
  const reversedTranche = await firstTranche(reversedGrant.id);
  await stripeStory(reversedGrant, reversedTranche.id, reversedTranche.amount, pay, "reversed", 2);

  const bankGrant = story.get("bank")!;
  const bankTranche = await firstTranche(bankGrant.id);
  const [bankGroup] = await db.select({ bankName: groups.bankName }).from(groups).where(eq(groups.id, bankGrant.groupId));
  const bank = must(
    await prepareDisbursement(
      { grantId: bankGrant.id, trancheId: bankTranche.id, amount: bankTranche.amount, method: "bank_transfer", bankBin: guessBankBin(bankGroup?.bankName) ?? "970405" },
      finance,
    ),
    "bank preparation",
  );
  if (bank.ok) {
    must(await approveDisbursement(bank.id, finance2), "bank approval");
    must(await recordBankPayment(bank.id, { bankReference: "FT26041DEMO0001", paidOn: daysAgo(5) }, finance), "bank payment");
  }

  const cashGrant = story.get("cash")!;
  const cashTranche = await firstTranche(cashGrant.id);
  const cash = must(
    await prepareDisbursement({ grantId: cashGrant.id, trancheId: cashTranche.id, amount: cashTranche.amount, method: "cash", note: "Chi tại nhà văn hoá thôn." }, finance2),
    "cash preparation",
  );
  if (cash.ok) {
    must(await approveDisbursement(cash.id, finance), "cash approval");
    must(await recordCashPayment(cash.id, { paidOn: today, receipt: await receiptScan(cashGrant.groupName) }, finance2), "cash payment");
  }

  // Waiting for the second person: finance2@ has an approval to give.
  const waitingGrant = story.get("waiting_approval")!;
  const waitingTranche = await firstTranche(waitingGrant.id);
  must(
    await prepareDisbursement({ grantId: waitingGrant.id, trancheId: waitingTranche.id, amount: waitingTranche.amount, method: "cash" }, finance),
    "waiting preparation",
  );
  await backdatePilot(round.id);
  return { seeded: true };
}
