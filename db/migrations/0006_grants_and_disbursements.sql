CREATE TYPE "public"."disbursement_method" AS ENUM('stripe', 'bank_transfer', 'cash');--> statement-breakpoint
CREATE TYPE "public"."disbursement_status" AS ENUM('prepared', 'approved', 'processing', 'paid', 'failed', 'cancelled', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."grant_status" AS ENUM('awaiting_acceptance', 'active', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"tranche_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"method" "disbursement_method" NOT NULL,
	"status" "disbursement_status" DEFAULT 'prepared' NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"idempotency_key" text,
	"stripe_transfer_id" text,
	"bank_reference" text,
	"paid_on" date,
	"paid_at" timestamp with time zone,
	"receipt_storage_key" text,
	"failure_message" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursements_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "disbursements_stripe_transfer_id_unique" UNIQUE("stripe_transfer_id"),
	CONSTRAINT "disbursements_amount_positive" CHECK ("disbursements"."amount" > 0),
	CONSTRAINT "disbursements_two_people" CHECK ("disbursements"."approved_by" is null or "disbursements"."approved_by" <> "disbursements"."prepared_by")
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"awarded_amount" bigint NOT NULL,
	"currency" text DEFAULT 'VND' NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"status" "grant_status" DEFAULT 'awaiting_acceptance' NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"acceptance_consent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_application_id_unique" UNIQUE("application_id"),
	CONSTRAINT "grants_award_positive" CHECK ("grants"."awarded_amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"percent" integer NOT NULL,
	"amount" bigint NOT NULL,
	"waits_for" text NOT NULL,
	"condition_met_at" timestamp with time zone,
	"condition_met_by" uuid,
	CONSTRAINT "tranches_grant_position" UNIQUE("grant_id","position"),
	CONSTRAINT "tranches_amount_positive" CHECK ("tranches"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "stripe_account_id" text;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_tranche_id_tranches_id_fk" FOREIGN KEY ("tranche_id") REFERENCES "public"."tranches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_condition_met_by_users_id_fk" FOREIGN KEY ("condition_met_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disbursements_grant_idx" ON "disbursements" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "disbursements_status_idx" ON "disbursements" USING btree ("status");--> statement-breakpoint
CREATE INDEX "grants_round_idx" ON "grants" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "grants_group_idx" ON "grants" USING btree ("group_id");