CREATE TYPE "public"."change_request_status" AS ENUM('open', 'amended', 'declined');--> statement-breakpoint
CREATE TYPE "public"."grant_version_status" AS ENUM('proposed', 'approved', 'accepted', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "grant_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"status" "change_request_status" DEFAULT 'open' NOT NULL,
	"reason" text NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answer" text
);
--> statement-breakpoint
CREATE TABLE "grant_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "grant_version_status" DEFAULT 'proposed' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"awarded_amount" bigint NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"ends_on" date,
	"tranche_plan" jsonb NOT NULL,
	"report_plan" jsonb NOT NULL,
	"change_request_id" uuid,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"acceptance_consent" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	CONSTRAINT "grant_versions_grant_version" UNIQUE("grant_id","version"),
	CONSTRAINT "grant_versions_award_positive" CHECK ("grant_versions"."awarded_amount" > 0),
	CONSTRAINT "grant_versions_number" CHECK ("grant_versions"."version" >= 1),
	CONSTRAINT "grant_versions_two_people" CHECK ("grant_versions"."approved_by" is null or "grant_versions"."proposed_by" is null or "grant_versions"."approved_by" <> "grant_versions"."proposed_by")
);
--> statement-breakpoint
ALTER TABLE "grant_change_requests" ADD CONSTRAINT "grant_change_requests_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_change_requests" ADD CONSTRAINT "grant_change_requests_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_change_requests" ADD CONSTRAINT "grant_change_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_versions" ADD CONSTRAINT "grant_versions_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_versions" ADD CONSTRAINT "grant_versions_change_request_id_grant_change_requests_id_fk" FOREIGN KEY ("change_request_id") REFERENCES "public"."grant_change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_versions" ADD CONSTRAINT "grant_versions_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_versions" ADD CONSTRAINT "grant_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_versions" ADD CONSTRAINT "grant_versions_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_versions" ADD CONSTRAINT "grant_versions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_change_requests_grant_idx" ON "grant_change_requests" USING btree ("grant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_versions_one_open" ON "grant_versions" USING btree ("grant_id") WHERE "grant_versions"."status" in ('proposed', 'approved');--> statement-breakpoint
-- Hand-written (issue 14, item 1): the money rules through an amendment. Accepting an amendment
-- changes a grant's award and tranches in one transaction; these keep the old rules true then.
--
-- The tranches sum to the award (0007) also when it is the award that changes: checked at commit,
-- so the award and its tranches may be rewritten in either order.
CREATE OR REPLACE FUNCTION grants_tranches_sum_to_award() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO total FROM tranches WHERE grant_id = NEW.id;
  IF total <> NEW.awarded_amount THEN
    RAISE EXCEPTION 'tranches (%) do not sum to the award (%)', total, NEW.awarded_amount
      USING ERRCODE = 'check_violation', CONSTRAINT = 'tranches_sum_to_award';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER grants_tranches_sum_to_award
  AFTER UPDATE OF awarded_amount ON grants
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.awarded_amount <> OLD.awarded_amount)
  EXECUTE FUNCTION grants_tranches_sum_to_award();
--> statement-breakpoint
-- An award that shrinks still covers the money out: live disbursements less approved returns stay
-- within award − released (the rule 0026 checks when a disbursement is written).
CREATE OR REPLACE FUNCTION grants_award_covers_disbursements() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  live bigint;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO live FROM disbursements
    WHERE grant_id = NEW.id AND status NOT IN ('failed', 'cancelled', 'reversed');
  live := live - (SELECT coalesce(sum(r.amount), 0) FROM money_returns r WHERE r.grant_id = NEW.id AND r.status = 'approved');
  IF live > NEW.awarded_amount - NEW.released_amount THEN
    RAISE EXCEPTION 'disbursements (%) exceed the new award (%)', live, NEW.awarded_amount - NEW.released_amount
      USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_award_covers_disbursements';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER grants_award_covers_disbursements
  AFTER UPDATE OF awarded_amount ON grants
  FOR EACH ROW WHEN (NEW.awarded_amount < OLD.awarded_amount)
  EXECUTE FUNCTION grants_award_covers_disbursements();
--> statement-breakpoint
-- A tranche that shrinks still covers its own live disbursements less their approved returns
-- (a tranche with disbursements cannot be deleted: their foreign key refuses it).
CREATE OR REPLACE FUNCTION tranches_cover_disbursements() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  live bigint;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO live FROM disbursements
    WHERE tranche_id = NEW.id AND status NOT IN ('failed', 'cancelled', 'reversed');
  live := live - (SELECT coalesce(sum(r.amount), 0) FROM money_returns r
    JOIN disbursements d ON d.id = r.disbursement_id WHERE d.tranche_id = NEW.id AND r.status = 'approved');
  IF live > NEW.amount THEN
    RAISE EXCEPTION 'disbursements (%) exceed the new tranche amount (%)', live, NEW.amount
      USING ERRCODE = 'check_violation', CONSTRAINT = 'tranches_cover_disbursements';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tranches_cover_disbursements
  AFTER UPDATE OF amount ON tranches
  FOR EACH ROW WHEN (NEW.amount < OLD.amount)
  EXECUTE FUNCTION tranches_cover_disbursements();
