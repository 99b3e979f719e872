CREATE TYPE "public"."money_return_kind" AS ENUM('bounced', 'cash_returned', 'refund');--> statement-breakpoint
CREATE TYPE "public"."money_return_method" AS ENUM('bank_transfer', 'cash');--> statement-breakpoint
CREATE TYPE "public"."money_return_status" AS ENUM('prepared', 'approved', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."grant_status" ADD VALUE 'suspended';--> statement-breakpoint
ALTER TYPE "public"."grant_status" ADD VALUE 'terminated';--> statement-breakpoint
CREATE TABLE "money_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"disbursement_id" uuid,
	"kind" "money_return_kind" NOT NULL,
	"amount" bigint NOT NULL,
	"method" "money_return_method" NOT NULL,
	"received_on" date NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"proof_storage_key" text,
	"note" text DEFAULT '' NOT NULL,
	"status" "money_return_status" DEFAULT 'prepared' NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "money_returns_amount_positive" CHECK ("money_returns"."amount" > 0),
	CONSTRAINT "money_returns_two_people" CHECK ("money_returns"."approved_by" is null or "money_returns"."approved_by" <> "money_returns"."prepared_by"),
	CONSTRAINT "money_returns_names_disbursement" CHECK ("money_returns"."kind" = 'refund' or "money_returns"."disbursement_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "released_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "money_returns" ADD CONSTRAINT "money_returns_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_returns" ADD CONSTRAINT "money_returns_disbursement_id_disbursements_id_fk" FOREIGN KEY ("disbursement_id") REFERENCES "public"."disbursements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_returns" ADD CONSTRAINT "money_returns_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_returns" ADD CONSTRAINT "money_returns_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "money_returns_grant_idx" ON "money_returns" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "money_returns_disbursement_idx" ON "money_returns" USING btree ("disbursement_id");--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_released_within_award" CHECK ("grants"."released_amount" >= 0 and "grants"."released_amount" <= "grants"."awarded_amount");--> statement-breakpoint
-- Hand-written (issue 14): the money rules through suspensions, terminations and cancellations.
--
-- What a round has committed: every grant's award less what it gave back (a cancellation gives
-- all of it, a termination the unspent part), and the award of every approved decision whose
-- grant is not written yet (the approval writes both in one transaction, the decision first).
-- The budget rules of migrations 0005/0008/0017 count this instead of the decisions alone, so
-- money given back can be awarded again. Status comparisons elsewhere in this file are made on
-- text: the enum values added above cannot be named as such in the transaction that adds them.
CREATE OR REPLACE FUNCTION gieo_round_committed(round uuid) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT (
    coalesce((SELECT sum(g.awarded_amount - g.released_amount) FROM grants g WHERE g.round_id = round), 0)
    + coalesce((SELECT sum(d.awarded_amount) FROM decisions d
        WHERE d.round_id = round AND d.outcome = 'approved'
          AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.application_id = d.application_id)), 0)
  )::bigint;
$$;
--> statement-breakpoint
-- One rule for decisions and grants (a grant's commitment that grows, below): the constraint's
-- name says which table's write broke it.
CREATE OR REPLACE FUNCTION decisions_within_round_budget() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  round_budget bigint;
  awarded bigint;
BEGIN
  SELECT budget INTO round_budget FROM rounds WHERE id = NEW.round_id FOR NO KEY UPDATE;
  awarded := gieo_round_committed(NEW.round_id);
  IF awarded > round_budget THEN
    RAISE EXCEPTION 'awards (%) exceed the round budget (%)', awarded, round_budget
      USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_within_round_budget';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rounds_budget_covers_awards() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  awarded bigint;
BEGIN
  awarded := gieo_round_committed(NEW.id);
  IF awarded > NEW.budget THEN
    RAISE EXCEPTION 'the round budget (%) is below its approved awards (%)', NEW.budget, awarded
      USING ERRCODE = 'check_violation', CONSTRAINT = 'rounds_budget_covers_awards';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A grant whose commitment grows (an amendment raising the award, a release undone) stays within
-- its round's budget. Lock order: the grant's row (held by the UPDATE), then the round's, as the
-- decisions trigger takes it; an approval never holds an existing grant's row, so no cycle.
CREATE TRIGGER grants_within_round_budget
  AFTER UPDATE OF awarded_amount, released_amount ON grants
  FOR EACH ROW WHEN (NEW.awarded_amount - NEW.released_amount > OLD.awarded_amount - OLD.released_amount)
  EXECUTE FUNCTION decisions_within_round_budget();
--> statement-breakpoint
-- Live disbursements less approved money returns never exceed what the grant still commits (its
-- award less what it gave back): after a termination, no more than its net paid; after a bounce,
-- the tranche may be paid again. The tranche rules of 0009 stay, netting the returns of that
-- tranche's disbursements (a refund of unspent money names none).
CREATE OR REPLACE FUNCTION disbursements_within_award() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  award bigint;
  live bigint;
  tranche_amount bigint;
  tranche_live bigint;
BEGIN
  SELECT awarded_amount - released_amount INTO award FROM grants WHERE id = NEW.grant_id FOR NO KEY UPDATE;
  SELECT amount INTO tranche_amount FROM tranches WHERE id = NEW.tranche_id AND grant_id = NEW.grant_id;
  IF tranche_amount IS NULL THEN
    RAISE EXCEPTION 'tranche % does not belong to grant %', NEW.tranche_id, NEW.grant_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursements_tranche_of_grant';
  END IF;
  SELECT coalesce(sum(amount), 0) INTO live
    FROM disbursements
    WHERE grant_id = NEW.grant_id AND status NOT IN ('failed', 'cancelled', 'reversed');
  live := live - (SELECT coalesce(sum(r.amount), 0) FROM money_returns r
    WHERE r.grant_id = NEW.grant_id AND r.status = 'approved');
  IF live > award THEN
    RAISE EXCEPTION 'disbursements (%) exceed the award (%)', live, award
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursements_within_award';
  END IF;
  SELECT coalesce(sum(amount), 0) INTO tranche_live
    FROM disbursements
    WHERE tranche_id = NEW.tranche_id AND status NOT IN ('failed', 'cancelled', 'reversed');
  tranche_live := tranche_live - (SELECT coalesce(sum(r.amount), 0) FROM money_returns r
    JOIN disbursements d ON d.id = r.disbursement_id
    WHERE d.tranche_id = NEW.tranche_id AND r.status = 'approved');
  IF tranche_live > tranche_amount THEN
    RAISE EXCEPTION 'disbursements (%) exceed the tranche (%)', tranche_live, tranche_amount
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursements_within_award';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- No new money leaves for a suspended, terminated or cancelled grant: a disbursement cannot be
-- prepared, approved or sent to Stripe. Recording as paid a transfer already made stays possible
-- (it is a fact, and a Stripe payment in flight settles by itself). The grant's row is locked as
-- the award trigger locks it, so a suspension and a preparation are served one after the other.
CREATE OR REPLACE FUNCTION disbursements_need_payable_grant() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  grant_status text;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.status::text NOT IN ('approved', 'processing') OR NEW.status = OLD.status) THEN
    RETURN NEW;
  END IF;
  SELECT status::text INTO grant_status FROM grants WHERE id = NEW.grant_id FOR NO KEY UPDATE;
  IF grant_status IN ('suspended', 'terminated', 'cancelled') THEN
    RAISE EXCEPTION 'the grant is % : no new disbursement', grant_status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursements_need_payable_grant';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER disbursements_need_payable_grant
  BEFORE INSERT OR UPDATE OF status ON disbursements
  FOR EACH ROW EXECUTE FUNCTION disbursements_need_payable_grant();
--> statement-breakpoint
-- Money coming back never exceeds what went out: the grant's returns (prepared or approved) stay
-- within its paid disbursements, and a return of one disbursement names a paid disbursement of
-- the same grant and stays within its amount. The grant's row is locked first, as every money
-- writer locks it, so two finance users recording returns at once are served one after the other.
CREATE OR REPLACE FUNCTION money_returns_within_paid() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  paid bigint;
  returned bigint;
  one_amount bigint;
  one_status text;
  one_grant uuid;
BEGIN
  PERFORM 1 FROM grants WHERE id = NEW.grant_id FOR NO KEY UPDATE;
  SELECT coalesce(sum(amount), 0) INTO paid FROM disbursements WHERE grant_id = NEW.grant_id AND status = 'paid';
  SELECT coalesce(sum(amount), 0) INTO returned FROM money_returns WHERE grant_id = NEW.grant_id AND status <> 'cancelled';
  IF returned > paid THEN
    RAISE EXCEPTION 'returns (%) exceed what was paid (%)', returned, paid
      USING ERRCODE = 'check_violation', CONSTRAINT = 'money_returns_within_paid';
  END IF;
  IF NEW.disbursement_id IS NOT NULL AND NEW.status <> 'cancelled' THEN
    SELECT amount, status::text, grant_id INTO one_amount, one_status, one_grant FROM disbursements WHERE id = NEW.disbursement_id;
    SELECT coalesce(sum(amount), 0) INTO returned FROM money_returns WHERE disbursement_id = NEW.disbursement_id AND status <> 'cancelled';
    IF one_grant IS DISTINCT FROM NEW.grant_id OR one_status <> 'paid' OR returned > one_amount THEN
      RAISE EXCEPTION 'returns (%) of disbursement % exceed what it paid', returned, NEW.disbursement_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'money_returns_within_paid';
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER money_returns_within_paid
  AFTER INSERT OR UPDATE ON money_returns
  FOR EACH ROW EXECUTE FUNCTION money_returns_within_paid();
--> statement-breakpoint
-- The grant figures (migration 0015) count net money: paid less approved returns, so the impact
-- dashboard and its exports show what stayed with the groups.
CREATE OR REPLACE FUNCTION gieo_refresh_grant_figures(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO grant_figures (grant_id)
    SELECT g.id FROM grants g WHERE g.id = ANY (ids) ORDER BY g.id
    ON CONFLICT (grant_id) DO NOTHING;
  PERFORM 1 FROM grant_figures f WHERE f.grant_id = ANY (ids) ORDER BY f.grant_id FOR UPDATE;
  UPDATE grant_figures f SET
    disbursements = m.disbursements, paid = m.paid,
    reports = r.reports, report_baseline = r.baseline,
    latest = r.latest_packed % 1000000000000, latest_months = (r.latest_packed / 1000000000000)::int,
    report_women = (r.women_packed % 1000000)::int
  FROM unnest(ids) AS t(grant_id)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS disbursements,
      coalesce(sum(d.amount) FILTER (WHERE d.status = 'paid'), 0)
        - (SELECT coalesce(sum(x.amount), 0) FROM money_returns x WHERE x.grant_id = t.grant_id AND x.status = 'approved') AS paid
    FROM disbursements d WHERE d.grant_id = t.grant_id
  ) m
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS reports,
      max(o.avg_monthly_income) FILTER (WHERE o.key = 'baseline' AND o.status = 'approved') AS baseline,
      max(o.months::bigint * 1000000000000 + least(o.avg_monthly_income, 999999999999))
        FILTER (WHERE o.status = 'approved' AND o.key <> 'baseline') AS latest_packed,
      max(o.months::bigint * 1000000 + least(o.women_earning, 999999))
        FILTER (WHERE o.status = 'approved' AND o.women_earning IS NOT NULL) AS women_packed
    FROM outcome_reports o WHERE o.grant_id = t.grant_id
  ) r
  WHERE f.grant_id = t.grant_id;
END $$;
--> statement-breakpoint
CREATE TRIGGER money_returns_figures_insert AFTER INSERT ON money_returns
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_new();
--> statement-breakpoint
CREATE TRIGGER money_returns_figures_update AFTER UPDATE ON money_returns
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_both();
--> statement-breakpoint
-- Grants cancelled before this migration give their whole award back too ('cancelled' is an old
-- value of the enum, usable here).
UPDATE grants SET released_amount = awarded_amount WHERE status = 'cancelled' AND released_amount = 0;
