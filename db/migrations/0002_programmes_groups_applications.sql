CREATE TYPE "public"."round_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('signed', 'oral_witnessed');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('female', 'male', 'other');--> statement-breakpoint
CREATE TYPE "public"."group_kind" AS ENUM('informal', 'cooperative', 'womens_union', 'other');--> statement-breakpoint
CREATE TYPE "public"."application_status" AS ENUM('draft', 'submitted', 'clarification_requested', 'eligible', 'ineligible');--> statement-breakpoint
CREATE TYPE "public"."attachment_kind" AS ENUM('photo', 'quote', 'letter', 'other');--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"donor" text NOT NULL,
	"currency" text DEFAULT 'VND' NOT NULL,
	"total_budget" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_budget_positive" CHECK ("programmes"."total_budget" > 0)
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"description_vi" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"status" "round_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"eligible_provinces" text[] NOT NULL,
	"eligible_activities" text[] NOT NULL,
	"min_grant" bigint NOT NULL,
	"max_grant" bigint NOT NULL,
	"budget" bigint NOT NULL,
	"reviewers_per_application" integer DEFAULT 2 NOT NULL,
	"tranche_template" jsonb NOT NULL,
	"report_schedule" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rounds_dates_in_order" CHECK ("rounds"."opens_at" < "rounds"."closes_at"),
	CONSTRAINT "rounds_grant_limits" CHECK (0 < "rounds"."min_grant" and "rounds"."min_grant" <= "rounds"."max_grant" and "rounds"."max_grant" <= "rounds"."budget"),
	CONSTRAINT "rounds_reviewers" CHECK ("rounds"."reviewers_per_application" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "rubric_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label_vi" text NOT NULL,
	"label_en" text NOT NULL,
	"guidance_vi" text DEFAULT '' NOT NULL,
	"guidance_en" text DEFAULT '' NOT NULL,
	"weight" integer NOT NULL,
	"max_score" integer NOT NULL,
	CONSTRAINT "rubric_criteria_round_position" UNIQUE("round_id","position"),
	CONSTRAINT "rubric_weight_positive" CHECK ("rubric_criteria"."weight" > 0),
	CONSTRAINT "rubric_max_positive" CHECK ("rubric_criteria"."max_score" > 0)
);
--> statement-breakpoint
CREATE TABLE "ethnic_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"minority" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_facilitators" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_facilitators_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"ethnicity_code" text,
	"birth_year" integer NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"consent_given_on" date NOT NULL,
	"consent_method" "consent_method" NOT NULL,
	"consent_witness" text,
	"consent_recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_birth_year" CHECK ("group_members"."birth_year" between 1900 and 2100),
	CONSTRAINT "group_members_witness" CHECK ("group_members"."consent_method" <> 'oral_witnessed' or "group_members"."consent_witness" is not null)
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "group_kind" NOT NULL,
	"province_slug" text NOT NULL,
	"commune" text NOT NULL,
	"village" text NOT NULL,
	"year_formed" integer NOT NULL,
	"leader_name" text NOT NULL,
	"phone" text NOT NULL,
	"bank_name" text,
	"bank_account_enc" text,
	"bank_account_last4" text,
	"owner_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_year_formed" CHECK ("groups"."year_formed" between 1945 and 2100)
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"slug" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"formerly" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"status" "application_status" DEFAULT 'draft' NOT NULL,
	"step" integer DEFAULT 1 NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"activity_type" text,
	"natural_resource" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"own_contribution_cash" bigint DEFAULT 0 NOT NULL,
	"own_contribution_kind" text DEFAULT '' NOT NULL,
	"members_taking_part" integer,
	"women_taking_part" integer,
	"baseline_income" bigint,
	"target_income" bigint,
	"environmental_care" text DEFAULT '' NOT NULL,
	"requested_amount" bigint DEFAULT 0 NOT NULL,
	"consent_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"screening" jsonb,
	"screening_note" text,
	"reopened_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_one_per_group_round" UNIQUE("round_id","group_id"),
	CONSTRAINT "applications_amounts_not_negative" CHECK ("applications"."requested_amount" >= 0 and "applications"."own_contribution_cash" >= 0),
	CONSTRAINT "applications_incomes_not_negative" CHECK (coalesce("applications"."baseline_income", 0) >= 0 and coalesce("applications"."target_income", 0) >= 0),
	CONSTRAINT "applications_women_within_members" CHECK (coalesce("applications"."women_taking_part", 0) <= coalesce("applications"."members_taking_part", 0))
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" "attachment_kind" NOT NULL,
	"original_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_cost" bigint NOT NULL,
	"total" bigint GENERATED ALWAYS AS (quantity::bigint * unit_cost) STORED NOT NULL,
	CONSTRAINT "budget_lines_positive" CHECK ("budget_lines"."quantity" > 0 and "budget_lines"."unit_cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "clarifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"question" text NOT NULL,
	"fields" text[] NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubric_criteria" ADD CONSTRAINT "rubric_criteria_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_facilitators" ADD CONSTRAINT "group_facilitators_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_facilitators" ADD CONSTRAINT "group_facilitators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_ethnicity_code_ethnic_groups_code_fk" FOREIGN KEY ("ethnicity_code") REFERENCES "public"."ethnic_groups"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_consent_recorded_by_users_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_province_slug_provinces_slug_fk" FOREIGN KEY ("province_slug") REFERENCES "public"."provinces"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clarifications" ADD CONSTRAINT "clarifications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clarifications" ADD CONSTRAINT "clarifications_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clarifications" ADD CONSTRAINT "clarifications_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rounds_programme_idx" ON "rounds" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "group_facilitators_user_idx" ON "group_facilitators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "group_members_group_idx" ON "group_members" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "groups_owner_idx" ON "groups" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "groups_province_idx" ON "groups" USING btree ("province_slug");--> statement-breakpoint
CREATE INDEX "applications_round_status_idx" ON "applications" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "applications_group_idx" ON "applications" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "attachments_application_idx" ON "attachments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "budget_lines_application_idx" ON "budget_lines" USING btree ("application_id","position");--> statement-breakpoint
CREATE INDEX "clarifications_application_idx" ON "clarifications" USING btree ("application_id");