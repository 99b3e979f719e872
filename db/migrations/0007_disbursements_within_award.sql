-- For every grant, live disbursements (not failed, cancelled or reversed) never exceed the award:
-- checked by the database after every insert or update, with the grant's row locked so that two
-- finance users acting at once are serialised and the second sees the first's disbursement.
CREATE OR REPLACE FUNCTION disbursements_within_award() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  award bigint;
  live bigint;
BEGIN
  SELECT awarded_amount INTO award FROM grants WHERE id = NEW.grant_id FOR UPDATE;
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
CREATE TRIGGER disbursements_within_award
  AFTER INSERT OR UPDATE ON disbursements
  FOR EACH ROW EXECUTE FUNCTION disbursements_within_award();
--> statement-breakpoint
-- The tranches of a grant sum exactly to its award, checked at commit so that a grant and its
-- tranches can be written in either order within one transaction.
CREATE OR REPLACE FUNCTION tranches_sum_to_award() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  target uuid := coalesce(NEW.grant_id, OLD.grant_id);
  award bigint;
  total bigint;
BEGIN
  SELECT awarded_amount INTO award FROM grants WHERE id = target;
  IF award IS NULL THEN RETURN NULL; END IF;
  SELECT coalesce(sum(amount), 0) INTO total FROM tranches WHERE grant_id = target;
  IF total <> award THEN
    RAISE EXCEPTION 'tranches (%) do not sum to the award (%)', total, award
      USING ERRCODE = 'check_violation', CONSTRAINT = 'tranches_sum_to_award';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER tranches_sum_to_award
  AFTER INSERT OR UPDATE OR DELETE ON tranches
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION tranches_sum_to_award();
