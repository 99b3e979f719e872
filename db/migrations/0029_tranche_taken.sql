DROP INDEX "tranches_due_idx";--> statement-breakpoint
ALTER TABLE "tranches" ADD COLUMN "taken" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- What is taken of each given tranche, recomputed from its rows: its live disbursements less the
-- approved returns of them (the rule of takenOfTranche and of disbursements_within_award). Only
-- rows whose figure changes are written.
CREATE FUNCTION gieo_refresh_tranche_taken(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tranches t SET taken = x.taken
  FROM (
    SELECT i.id,
      (SELECT coalesce(sum(d.amount), 0) FROM disbursements d
        WHERE d.tranche_id = i.id AND d.status IN ('prepared', 'approved', 'processing', 'paid'))
      - (SELECT coalesce(sum(r.amount), 0) FROM money_returns r JOIN disbursements d ON d.id = r.disbursement_id
        WHERE d.tranche_id = i.id AND r.status = 'approved') AS taken
    FROM unnest(ids) AS i(id)
  ) x
  WHERE t.id = x.id AND t.taken IS DISTINCT FROM x.taken;
END $$;
--> statement-breakpoint
CREATE FUNCTION gieo_tranche_taken_from_disbursements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gieo_refresh_tranche_taken(array(SELECT DISTINCT tranche_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gieo_refresh_tranche_taken(array(SELECT DISTINCT tranche_id FROM old_rows));
  ELSE
    PERFORM gieo_refresh_tranche_taken(array(SELECT tranche_id FROM new_rows UNION SELECT tranche_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gieo_tranche_taken_from_returns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gieo_refresh_tranche_taken(array(SELECT DISTINCT d.tranche_id FROM new_rows r JOIN disbursements d ON d.id = r.disbursement_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gieo_refresh_tranche_taken(array(SELECT DISTINCT d.tranche_id FROM old_rows r JOIN disbursements d ON d.id = r.disbursement_id));
  ELSE
    PERFORM gieo_refresh_tranche_taken(array(
      SELECT d.tranche_id FROM new_rows r JOIN disbursements d ON d.id = r.disbursement_id
      UNION SELECT d.tranche_id FROM old_rows r JOIN disbursements d ON d.id = r.disbursement_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- One trigger per event (a trigger with transition tables names one event and no columns).
CREATE TRIGGER disbursements_tranche_taken_insert AFTER INSERT ON disbursements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_tranche_taken_from_disbursements();
--> statement-breakpoint
CREATE TRIGGER disbursements_tranche_taken_update AFTER UPDATE ON disbursements
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_tranche_taken_from_disbursements();
--> statement-breakpoint
CREATE TRIGGER disbursements_tranche_taken_delete AFTER DELETE ON disbursements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_tranche_taken_from_disbursements();
--> statement-breakpoint
CREATE TRIGGER money_returns_tranche_taken_insert AFTER INSERT ON money_returns
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_tranche_taken_from_returns();
--> statement-breakpoint
CREATE TRIGGER money_returns_tranche_taken_update AFTER UPDATE ON money_returns
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_tranche_taken_from_returns();
--> statement-breakpoint
CREATE TRIGGER money_returns_tranche_taken_delete AFTER DELETE ON money_returns
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_tranche_taken_from_returns();
--> statement-breakpoint
-- The tranches written before this migration.
UPDATE tranches t SET taken = x.taken
FROM (
  SELECT tr.id,
    (SELECT coalesce(sum(d.amount), 0) FROM disbursements d
      WHERE d.tranche_id = tr.id AND d.status IN ('prepared', 'approved', 'processing', 'paid'))
    - (SELECT coalesce(sum(r.amount), 0) FROM money_returns r JOIN disbursements d ON d.id = r.disbursement_id
      WHERE d.tranche_id = tr.id AND r.status = 'approved') AS taken
  FROM tranches tr
) x
WHERE t.id = x.id AND x.taken <> 0;--> statement-breakpoint
CREATE INDEX "tranches_open_idx" ON "tranches" USING btree ("condition_met_at","id") WHERE "tranches"."condition_met_at" is not null and "tranches"."amount" > "tranches"."taken";
