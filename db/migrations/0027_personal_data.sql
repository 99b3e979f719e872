CREATE TYPE "public"."consent_purpose" AS ENUM('application', 'monitoring', 'notices', 'photos', 'donor_figures');--> statement-breakpoint
CREATE TYPE "public"."consent_subject" AS ENUM('member', 'leader', 'user');--> statement-breakpoint
CREATE TYPE "public"."consent_way" AS ENUM('signed', 'oral_witnessed', 'online');--> statement-breakpoint
CREATE TYPE "public"."erasure_scope" AS ENUM('member', 'group');--> statement-breakpoint
CREATE TABLE "consent_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"subject_kind" "consent_subject" NOT NULL,
	"subject_id" uuid NOT NULL,
	"group_id" uuid,
	"purpose" "consent_purpose" NOT NULL,
	"given" boolean NOT NULL,
	"way" "consent_way" NOT NULL,
	"witness" text,
	"scan_key" text,
	"said_on" date NOT NULL,
	"recorded_by" uuid,
	"on_behalf_of" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_events_witness" CHECK ("consent_events"."way" <> 'oral_witnessed' or "consent_events"."witness" is not null)
);
--> statement-breakpoint
CREATE TABLE "data_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" uuid,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_restrictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" "consent_subject" NOT NULL,
	"subject_id" uuid NOT NULL,
	"group_id" uuid,
	"restricted_by" uuid,
	"restricted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "erasures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" "erasure_scope" NOT NULL,
	"subject_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"erased_by" uuid,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "group_members" ALTER COLUMN "birth_year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_corrections" ADD CONSTRAINT "data_corrections_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_restrictions" ADD CONSTRAINT "data_restrictions_restricted_by_users_id_fk" FOREIGN KEY ("restricted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_restrictions" ADD CONSTRAINT "data_restrictions_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_subject_idx" ON "consent_events" USING btree ("subject_kind","subject_id","purpose","seq");--> statement-breakpoint
CREATE INDEX "consent_events_group_idx" ON "consent_events" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "data_corrections_group_idx" ON "data_corrections" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "data_restrictions_subject_idx" ON "data_restrictions" USING btree ("subject_kind","subject_id");--> statement-breakpoint
-- Hand-written: the consent ledger is append-only, enforced by the database itself (as the audit
-- log, migration 0001): a withdrawal is a new event, never an edit of the consent it withdraws.
CREATE OR REPLACE FUNCTION consent_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_events_no_update_delete
  BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION consent_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_events_no_truncate
  BEFORE TRUNCATE ON consent_events
  FOR EACH STATEMENT EXECUTE FUNCTION consent_events_refuse_change();
--> statement-breakpoint
-- Backfill: each roster member's one recorded consent was to her details being recorded for the
-- group's application ("groups.member.consentHint"), nothing more; the other purposes start unasked.
INSERT INTO consent_events (subject_kind, subject_id, group_id, purpose, given, way, witness, said_on, recorded_by, at)
SELECT 'member', m.id, m.group_id, 'application', true, m.consent_method::text::consent_way, m.consent_witness,
       m.consent_given_on, m.consent_recorded_by, m.created_at
FROM group_members m
ORDER BY m.created_at, m.id;
--> statement-breakpoint
-- A person's agreement to phone notices (settings) was her online consent to the notices purpose.
INSERT INTO consent_events (subject_kind, subject_id, purpose, given, way, said_on, recorded_by, at)
SELECT 'user', p.user_id, 'notices', true, 'online', (p.phone_agreed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, p.user_id, p.phone_agreed_at
FROM contact_preferences p
WHERE p.phone_agreed_at IS NOT NULL
ORDER BY p.phone_agreed_at, p.user_id;
