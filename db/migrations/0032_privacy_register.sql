CREATE TYPE "public"."breach_update_kind" AS ENUM('note', 'action', 'authority_notified', 'people_notified', 'closed');--> statement-breakpoint
CREATE TYPE "public"."retention_kind" AS ENUM('bank_account', 'unfunded_group', 'correction_reason');--> statement-breakpoint
CREATE TABLE "breach_updates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "breach_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"breach_id" uuid NOT NULL,
	"kind" "breach_update_kind" NOT NULL,
	"text" text NOT NULL,
	"by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "breaches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"summary" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"kind" "retention_kind" PRIMARY KEY NOT NULL,
	"months" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_rules_months_range" CHECK ("retention_rules"."months" between 1 and 600)
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "retention_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "retention_kind" NOT NULL,
	"months" integer NOT NULL,
	"affected" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "breach_updates" ADD CONSTRAINT "breach_updates_breach_id_breaches_id_fk" FOREIGN KEY ("breach_id") REFERENCES "public"."breaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_updates" ADD CONSTRAINT "breach_updates_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_updates_breach_idx" ON "breach_updates" USING btree ("breach_id","at");--> statement-breakpoint
CREATE INDEX "retention_runs_at_idx" ON "retention_runs" USING btree ("at");--> statement-breakpoint
-- The defaults of the retention schedule (issue 15, item 5); an admin changes them on a page.
-- Bank account numbers: 12 months after the group's last grant ended (time for money that comes back).
-- A group never funded: 36 months after its last application was refused or withdrawn.
-- The reasons typed for corrections: 24 months.
INSERT INTO retention_rules (kind, months) VALUES ('bank_account', 12), ('unfunded_group', 36), ('correction_reason', 24)
ON CONFLICT (kind) DO NOTHING;
--> statement-breakpoint
-- The breach log is evidence for the authority: a breach as recorded and each update are appended
-- only, like the audit log and the consent ledger.
CREATE OR REPLACE FUNCTION breach_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER breaches_no_update_delete
  BEFORE UPDATE OR DELETE ON breaches
  FOR EACH ROW EXECUTE FUNCTION breach_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER breaches_no_truncate
  BEFORE TRUNCATE ON breaches
  FOR EACH STATEMENT EXECUTE FUNCTION breach_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER breach_updates_no_update_delete
  BEFORE UPDATE OR DELETE ON breach_updates
  FOR EACH ROW EXECUTE FUNCTION breach_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER breach_updates_no_truncate
  BEFORE TRUNCATE ON breach_updates
  FOR EACH STATEMENT EXECUTE FUNCTION breach_log_refuse_change();
