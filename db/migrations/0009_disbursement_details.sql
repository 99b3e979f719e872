ALTER TABLE "disbursements" ADD COLUMN "recipient_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "bank_bin" text;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Besides the award, each tranche bounds its own disbursements, and a disbursement's tranche must
-- belong to its grant. The grant's row is locked first, as before, so finance users acting on one
-- grant at once are served one after the other and each sees the others' rows.
CREATE OR REPLACE FUNCTION disbursements_within_award() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  award bigint;
  live bigint;
  tranche_amount bigint;
  tranche_live bigint;
BEGIN
  SELECT awarded_amount INTO award FROM grants WHERE id = NEW.grant_id FOR NO KEY UPDATE;
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
CREATE INDEX disbursements_tranche_idx ON disbursements (tranche_id);
