ALTER TYPE "public"."grant_status" ADD VALUE 'suspended';--> statement-breakpoint
ALTER TYPE "public"."grant_status" ADD VALUE 'terminated';--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "released_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "status_reason" text;--> statement-breakpoint
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
      USING ERRCODE = 'check_violation', CONSTRAINT = 'decisions_within_round_budget';
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
CREATE OR REPLACE FUNCTION grants_within_round_budget() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  round_budget bigint;
  awarded bigint;
BEGIN
  SELECT budget INTO round_budget FROM rounds WHERE id = NEW.round_id FOR NO KEY UPDATE;
  awarded := gieo_round_committed(NEW.round_id);
  IF awarded > round_budget THEN
    RAISE EXCEPTION 'awards (%) exceed the round budget (%)', awarded, round_budget
      USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_within_round_budget';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER grants_within_round_budget
  AFTER UPDATE OF awarded_amount, released_amount ON grants
  FOR EACH ROW WHEN (NEW.awarded_amount - NEW.released_amount > OLD.awarded_amount - OLD.released_amount)
  EXECUTE FUNCTION grants_within_round_budget();
--> statement-breakpoint
-- Live disbursements never exceed what the grant still commits (its award less what it gave
-- back): after a termination, no more than what was already paid. The tranche rules of 0009 stay.
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
  IF live > award THEN
    RAISE EXCEPTION 'disbursements (%) exceed the award (%)', live, award
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursements_within_award';
  END IF;
  SELECT coalesce(sum(amount), 0) INTO tranche_live
    FROM disbursements
    WHERE tranche_id = NEW.tranche_id AND status NOT IN ('failed', 'cancelled', 'reversed');
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
