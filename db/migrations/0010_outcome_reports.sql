CREATE TYPE "public"."outcome_report_status" AS ENUM('pending', 'draft', 'submitted', 'changes_requested', 'approved');--> statement-breakpoint
CREATE TABLE "outcome_member_incomes" (
	"report_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"monthly_income" bigint NOT NULL,
	CONSTRAINT "outcome_member_incomes_report_id_member_id_pk" PRIMARY KEY("report_id","member_id"),
	CONSTRAINT "outcome_member_incomes_not_negative" CHECK ("outcome_member_incomes"."monthly_income" >= 0)
);
--> statement-breakpoint
CREATE TABLE "outcome_report_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"original_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_report_photos_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "outcome_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label_vi" text NOT NULL,
	"label_en" text NOT NULL,
	"months" integer NOT NULL,
	"status" "outcome_report_status" DEFAULT 'pending' NOT NULL,
	"avg_monthly_income" bigint,
	"sales" bigint,
	"women_earning" integer,
	"area_sqm" integer,
	"quantity_produced" numeric(14, 3),
	"quantity_unit" text DEFAULT '' NOT NULL,
	"story" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_message" text,
	"reminded_due_soon_at" timestamp with time zone,
	"reminded_overdue_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_reports_grant_key" UNIQUE("grant_id","key"),
	CONSTRAINT "outcome_reports_months" CHECK ("outcome_reports"."months" >= 0),
	CONSTRAINT "outcome_reports_figures_not_negative" CHECK (coalesce("outcome_reports"."avg_monthly_income", 0) >= 0 and coalesce("outcome_reports"."sales", 0) >= 0 and coalesce("outcome_reports"."women_earning", 0) >= 0 and coalesce("outcome_reports"."area_sqm", 0) >= 0 and coalesce("outcome_reports"."quantity_produced", 0) >= 0),
	CONSTRAINT "outcome_reports_submitted_has_income" CHECK ("outcome_reports"."status" in ('pending', 'draft') or "outcome_reports"."avg_monthly_income" is not null)
);
--> statement-breakpoint
CREATE TABLE "outcome_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"max_monthly_income" bigint DEFAULT 100000000 NOT NULL,
	"reminder_days_before" integer DEFAULT 14 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_settings_single_row" CHECK ("outcome_settings"."id"),
	CONSTRAINT "outcome_settings_bounds" CHECK ("outcome_settings"."max_monthly_income" > 0 and "outcome_settings"."reminder_days_before" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "outcome_member_incomes" ADD CONSTRAINT "outcome_member_incomes_report_id_outcome_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."outcome_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_member_incomes" ADD CONSTRAINT "outcome_member_incomes_member_id_group_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."group_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_report_photos" ADD CONSTRAINT "outcome_report_photos_report_id_outcome_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."outcome_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_report_photos" ADD CONSTRAINT "outcome_report_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reports" ADD CONSTRAINT "outcome_reports_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reports" ADD CONSTRAINT "outcome_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reports" ADD CONSTRAINT "outcome_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_settings" ADD CONSTRAINT "outcome_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_member_incomes_member_idx" ON "outcome_member_incomes" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "outcome_report_photos_report_idx" ON "outcome_report_photos" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "outcome_reports_status_idx" ON "outcome_reports" USING btree ("status");