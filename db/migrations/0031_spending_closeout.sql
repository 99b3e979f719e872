CREATE TYPE "public"."spending_report_status" AS ENUM('draft', 'submitted', 'changes_requested', 'approved');--> statement-breakpoint
CREATE TABLE "grant_closures" (
	"grant_id" uuid PRIMARY KEY NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid" bigint NOT NULL,
	"returned" bigint NOT NULL,
	"spent" bigint NOT NULL,
	"refunded" bigint NOT NULL,
	"own_cash" bigint NOT NULL,
	"own_in_kind_value" bigint NOT NULL,
	CONSTRAINT "grant_closures_settled" CHECK ("grant_closures"."paid" - "grant_closures"."returned" = "grant_closures"."spent" + "grant_closures"."refunded")
);
--> statement-breakpoint
CREATE TABLE "spending_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"budget_line_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"spent_on" date NOT NULL,
	"receipt_storage_key" text,
	"receipt_mime" text,
	"receipt_size" integer,
	"receipt_name" text,
	"receipt_by" uuid,
	CONSTRAINT "spending_lines_report_budget_line" UNIQUE("report_id","budget_line_id"),
	CONSTRAINT "spending_lines_amount_positive" CHECK ("spending_lines"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "spending_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"status" "spending_report_status" DEFAULT 'draft' NOT NULL,
	"own_cash" bigint DEFAULT 0 NOT NULL,
	"own_in_kind_value" bigint DEFAULT 0 NOT NULL,
	"own_in_kind" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_message" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spending_reports_grant_key" UNIQUE("grant_id","key"),
	CONSTRAINT "spending_reports_own_not_negative" CHECK ("spending_reports"."own_cash" >= 0 and "spending_reports"."own_in_kind_value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "grant_closures" ADD CONSTRAINT "grant_closures_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_lines" ADD CONSTRAINT "spending_lines_report_id_spending_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."spending_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_lines" ADD CONSTRAINT "spending_lines_budget_line_id_budget_lines_id_fk" FOREIGN KEY ("budget_line_id") REFERENCES "public"."budget_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_lines" ADD CONSTRAINT "spending_lines_receipt_by_users_id_fk" FOREIGN KEY ("receipt_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "spending_reports_status_idx" ON "spending_reports" USING btree ("status","submitted_at");