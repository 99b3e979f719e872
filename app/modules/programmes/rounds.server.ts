import { and, asc, eq, gt, lte } from "drizzle-orm";
import { programmes, rounds, rubricCriteria } from "../../../db/schema";
import { db, type DbOrTx } from "../../infra/db.server";
import { translator } from "../../i18n/i18n";
import { moneyInput, SIGNING, SPENDING_PREFIX, toVnLocalInput, type RoundFormValues } from "./round-values";

export type Round = typeof rounds.$inferSelect;

export async function findRound(id: string, tx: DbOrTx = db): Promise<Round | null> {
  const [row] = await tx.select().from(rounds).where(eq(rounds.id, id)).limit(1);
  return row ?? null;
}

/**
 * A round takes submissions when it is open by hand and the clock is within its dates: closing by
 * date needs no job to have run.
 */
export function acceptsSubmissions(round: Pick<Round, "status" | "opensAt" | "closesAt">, now = new Date()): boolean {
  return round.status === "open" && round.opensAt <= now && now < round.closesAt;
}

export async function criteriaOf(roundId: string) {
  return db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(rubricCriteria.position);
}

/** Rounds a group can apply to now, with their programme's names, closing soonest first. */
export async function listOpenRounds(now = new Date()) {
  const rows = await db
    .select({ round: rounds, programme: { nameVi: programmes.nameVi, nameEn: programmes.nameEn, currency: programmes.currency } })
    .from(rounds)
    .innerJoin(programmes, eq(programmes.id, rounds.programmeId))
    .where(and(eq(rounds.status, "open"), lte(rounds.opensAt, now), gt(rounds.closesAt, now)))
    .orderBy(asc(rounds.closesAt));
  return rows;
}

export type Criterion = typeof rubricCriteria.$inferSelect;

/** A round as its edit form shows it: every value as text, amounts grouped, times in Viet Nam time. */
export function roundFormValues(round: Round, criteria: Criterion[]): RoundFormValues {
  return {
    titleVi: round.titleVi,
    titleEn: round.titleEn,
    descriptionVi: round.descriptionVi,
    descriptionEn: round.descriptionEn,
    opensAt: toVnLocalInput(round.opensAt),
    closesAt: toVnLocalInput(round.closesAt),
    provinces: round.eligibleProvinces,
    activities: round.eligibleActivities,
    minGrant: moneyInput(round.minGrant),
    maxGrant: moneyInput(round.maxGrant),
    budget: moneyInput(round.budget),
    reviewersPerApplication: String(round.reviewersPerApplication),
    criteria: criteria.map((c) => ({
      labelVi: c.labelVi,
      labelEn: c.labelEn,
      guidanceVi: c.guidanceVi,
      guidanceEn: c.guidanceEn,
      weight: String(c.weight),
      maxScore: String(c.maxScore),
    })),
    tranches: round.trancheTemplate.map((t) => ({
      percent: String(t.percent),
      waitsFor: t.waitsFor === "signing" ? SIGNING : "spending" in t.waitsFor ? `${SPENDING_PREFIX}${t.waitsFor.spending}` : t.waitsFor.report,
    })),
    reports: round.reportSchedule.map((r) => ({ key: r.key, months: String(r.months), labelVi: r.labelVi, labelEn: r.labelEn })),
  };
}

/**
 * A new round's form, filled with the programme's usual template (SPEC.md: 50 % on signing, 30 %
 * after the mid-term report, 20 % after the final one); report names come from each catalogue.
 */
export function newRoundValues(): RoundFormValues {
  const vi = translator("vi");
  const en = translator("en");
  const empty = { labelVi: "", labelEn: "", guidanceVi: "", guidanceEn: "", weight: "1", maxScore: "10" };
  return {
    titleVi: "",
    titleEn: "",
    descriptionVi: "",
    descriptionEn: "",
    opensAt: "",
    closesAt: "",
    provinces: [],
    activities: [],
    minGrant: "",
    maxGrant: "",
    budget: "",
    reviewersPerApplication: "2",
    criteria: [empty],
    tranches: [
      { percent: "50", waitsFor: SIGNING },
      { percent: "30", waitsFor: "midterm" },
      { percent: "20", waitsFor: "final" },
    ],
    reports: [
      { key: "midterm", months: "6", labelVi: vi("programmes.defaults.midterm"), labelEn: en("programmes.defaults.midterm") },
      { key: "final", months: "12", labelVi: vi("programmes.defaults.final"), labelEn: en("programmes.defaults.final") },
    ],
  };
}
