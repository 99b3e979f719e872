-- "Awards never exceed the round's budget" from the rounds' side: a round's budget cannot be
-- lowered below what its approved decisions already award, whoever writes it (the round form, a
-- script, a console). The decisions' side is migration 0005/0008.
--
-- Lock order is the decisions trigger's: the round's row first, then the decisions are read. The
-- UPDATE itself holds the round's row (a NO KEY UPDATE lock, as the budget is no key), so a
-- decision being approved at the same moment waits in its trigger for this transaction to end
-- and then sees the new budget; and this trigger, if it waited for the round's row, reads the
-- decisions in a new statement after the other transaction committed, so it sees that award.
-- Both assume READ COMMITTED, PostgreSQL's default and the app's.
CREATE OR REPLACE FUNCTION rounds_budget_covers_awards() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  awarded bigint;
BEGIN
  SELECT coalesce(sum(awarded_amount), 0) INTO awarded
    FROM decisions WHERE round_id = NEW.id AND outcome = 'approved';
  IF awarded > NEW.budget THEN
    RAISE EXCEPTION 'the round budget (%) is below its approved awards (%)', NEW.budget, awarded
      USING ERRCODE = 'check_violation', CONSTRAINT = 'rounds_budget_covers_awards';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER rounds_budget_covers_awards
  AFTER UPDATE OF budget ON rounds
  FOR EACH ROW WHEN (NEW.budget < OLD.budget)
  EXECUTE FUNCTION rounds_budget_covers_awards();
