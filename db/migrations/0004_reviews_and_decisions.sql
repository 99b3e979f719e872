CREATE TYPE "public"."decision_outcome" AS ENUM('approved', 'waitlisted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."recommendation" AS ENUM('fund', 'fund_with_conditions', 'do_not_fund');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('assigned', 'conflict', 'in_progress', 'submitted');--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'approved';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'waitlisted';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'rejected';--> statement-breakpoint
CREATE TABLE "decisions" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"outcome" "decision_outcome" NOT NULL,
	"awarded_amount" bigint,
	"conditions" text DEFAULT '' NOT NULL,
	"reason_vi" text NOT NULL,
	"reason_en" text DEFAULT '' NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_award_matches_outcome" CHECK (("decisions"."outcome" = 'approved' and "decisions"."awarded_amount" > 0) or ("decisions"."outcome" <> 'approved' and "decisions"."awarded_amount" is null))
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"status" "review_status" DEFAULT 'assigned' NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"no_conflict_at" timestamp with time zone,
	"conflict_reason" text,
	"recommendation" "recommendation",
	"overall_comment" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "review_assignments_one_per_reviewer" UNIQUE("application_id","reviewer_id"),
	CONSTRAINT "review_conflict_has_reason" CHECK ("review_assignments"."status" <> 'conflict' or "review_assignments"."conflict_reason" is not null),
	CONSTRAINT "review_submitted_complete" CHECK ("review_assignments"."status" <> 'submitted' or ("review_assignments"."recommendation" is not null and "review_assignments"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "review_scores" (
	"assignment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "review_scores_assignment_id_criterion_id_pk" PRIMARY KEY("assignment_id","criterion_id"),
	CONSTRAINT "review_scores_not_negative" CHECK ("review_scores"."score" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reviewer_conflicts" (
	"reviewer_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviewer_conflicts_reviewer_id_group_id_pk" PRIMARY KEY("reviewer_id","group_id")
);
--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "spread_threshold" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_criterion_id_rubric_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."rubric_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_conflicts" ADD CONSTRAINT "reviewer_conflicts_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_conflicts" ADD CONSTRAINT "reviewer_conflicts_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_round_idx" ON "decisions" USING btree ("round_id","outcome");--> statement-breakpoint
CREATE INDEX "review_assignments_reviewer_idx" ON "review_assignments" USING btree ("reviewer_id","status");