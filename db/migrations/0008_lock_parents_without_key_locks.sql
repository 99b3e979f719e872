-- The budget triggers lock the parent row FOR NO KEY UPDATE instead of FOR UPDATE. Inserting a
-- decision or disbursement already holds KEY SHARE on the parent (the foreign-key check); FOR
-- UPDATE conflicts with KEY SHARE, so two writers that had not locked the parent first deadlocked
-- each other. NO KEY UPDATE still serialises the writers with each other, without that conflict.
CREATE OR REPLACE FUNCTION decisions_within_round_budget() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  round_budget bigint;
  awarded bigint;
BEGIN
  SELECT budget INTO round_budget FROM rounds WHERE id = NEW.round_id FOR NO KEY UPDATE;
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
CREATE OR REPLACE FUNCTION disbursements_within_award() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  award bigint;
  live bigint;
BEGIN
  SELECT awarded_amount INTO award FROM grants WHERE id = NEW.grant_id FOR NO KEY UPDATE;
  SELECT coalesce(sum(amount), 0) INTO live
    FROM disbursements
    WHERE grant_id = NEW.grant_id AND status NOT IN ('failed', 'cancelled', 'reversed');
  IF live > award THEN
    RAISE EXCEPTION 'disbursements (%) exceed the award (%)', live, award
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursements_within_award';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The scoreboard sums a round's scores criterion by criterion; this lets it read only that
-- round's scores, from the index alone.
CREATE INDEX review_scores_criterion_idx ON review_scores (criterion_id) INCLUDE (assignment_id, score);
