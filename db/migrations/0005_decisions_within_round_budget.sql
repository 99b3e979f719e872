-- For every round, approved awards never exceed the round's budget: checked by the database after
-- every insert or update of a decision, with the round's row locked so that two admins approving
-- at the same moment are serialised and the second sees the first's award.
CREATE OR REPLACE FUNCTION decisions_within_round_budget() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  round_budget bigint;
  awarded bigint;
BEGIN
  SELECT budget INTO round_budget FROM rounds WHERE id = NEW.round_id FOR UPDATE;
  SELECT coalesce(sum(awarded_amount), 0) INTO awarded
    FROM decisions WHERE round_id = NEW.round_id AND outcome = 'approved';
  IF awarded > round_budget THEN
    RAISE EXCEPTION 'awards (%) exceed the round budget (%)', awarded, round_budget
      USING ERRCODE = 'check_violation', CONSTRAINT = 'decisions_within_round_budget';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER decisions_within_round_budget
  AFTER INSERT OR UPDATE ON decisions
  FOR EACH ROW EXECUTE FUNCTION decisions_within_round_budget();
