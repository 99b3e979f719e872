import { z } from "zod";
import { dateOnly, text, wholeNumber } from "../../forms/fields";
import { isUuid } from "../../kernel/ids";

const id = (error: string) => z.string({ error }).refine(isUuid, { error });

// Review forms (SPEC.md step 5), safe on the client: the reviewer's declaration and scoring, and
// the admin's assignment forms. The scoring form is built from the round's rubric, so the browser
// and the server check the same ranges.

export const recommendations = ["fund", "fund_with_conditions", "do_not_fund"] as const;
export type Recommendation = (typeof recommendations)[number];

/** "I have no conflict of interest with this group": nothing to fill in. */
export const noConflictSchema = z.object({});

/** A conflict recuses the reviewer; the admin reads the reason when reassigning. */
export const conflictSchema = z.object({ reason: text({ max: 1000 }) });

export interface CriterionLimits {
  position: number;
  maxScore: number;
}

// Field names carry the criterion's position in the rubric (unique per round), not its id:
// short, readable in a post, and free of the dots react-hook-form reads as nesting.
export const scoreField = (position: number) => `score_${position}`;
export const commentField = (position: number) => `comment_${position}`;

export const COMMENT_MAX = 2000;
export const OVERALL_MAX = 4000;

/**
 * The scoring form. A draft keeps whatever is filled in, but a score must still be a whole number
 * within 0..max, and a comment needs its score (a score row cannot exist without one). Submitting
 * requires everything: every score, every comment, the recommendation and the overall comment.
 */
export function scoringSchema(criteria: readonly CriterionLimits[], mode: "draft" | "submit") {
  const required = mode === "submit";
  const shape: Record<string, z.ZodType> = {};
  for (const c of criteria) {
    const score = wholeNumber({ min: 0, max: c.maxScore, required });
    shape[scoreField(c.position)] = required ? score : score.optional();
    shape[commentField(c.position)] = text({ max: COMMENT_MAX, required });
  }
  shape.recommendation = required
    ? z.enum(recommendations, { error: "reviews.errors.chooseRecommendation" })
    : z.enum(recommendations, { error: "errors.invalid" }).nullish();
  shape.overallComment = text({ max: OVERALL_MAX, required });
  return z.object(shape).superRefine((values, ctx) => {
    for (const c of criteria) {
      const comment = values[commentField(c.position)];
      const score = values[scoreField(c.position)];
      if (typeof comment === "string" && comment.length > 0 && (score === null || score === undefined)) {
        ctx.addIssue({ code: "custom", path: [scoreField(c.position)], message: "reviews.errors.scoreForComment" });
      }
    }
  });
}

export interface ScoringInput {
  scores: { position: number; score: number; comment: string }[];
  recommendation: Recommendation | null;
  overallComment: string;
}

/** The parsed form as the module stores it: one entry per criterion that has a score. */
export function readScoring(criteria: readonly CriterionLimits[], values: Record<string, unknown>): ScoringInput {
  const scores: ScoringInput["scores"] = [];
  for (const c of criteria) {
    const score = values[scoreField(c.position)];
    if (typeof score === "number") {
      scores.push({ position: c.position, score, comment: String(values[commentField(c.position)] ?? "") });
    }
  }
  const recommendation = values.recommendation;
  return {
    scores,
    recommendation: recommendations.includes(recommendation as Recommendation) ? (recommendation as Recommendation) : null,
    overallComment: String(values.overallComment ?? ""),
  };
}

/** The admin's due date for the work: optional, a calendar day. */
const dueDate = () => dateOnly({ required: false });

export const autoAssignSchema = z.object({ dueDate: dueDate() });

export const assignSchema = z.object({
  applicationId: id("errors.invalid"),
  reviewerId: id("reviews.errors.chooseReviewer"),
  dueDate: dueDate(),
});

/** "auto" lets the module pick the least-loaded reviewer without a conflict. */
export const reassignSchema = z.object({
  reviewerId: z.union([z.literal("auto"), id("reviews.errors.chooseReviewer")], { error: "reviews.errors.chooseReviewer" }),
});

export const unassignSchema = z.object({});

/** Reopening a submitted review is logged with the reason, which the reviewer also reads. */
export const reopenSchema = z.object({ reason: text({ max: 1000 }) });
