CREATE TABLE "grant_figures" (
	"grant_id" uuid PRIMARY KEY NOT NULL,
	"disbursements" integer DEFAULT 0 NOT NULL,
	"paid" bigint DEFAULT 0 NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"report_baseline" bigint,
	"latest" bigint,
	"latest_months" integer,
	"report_women" integer
);
--> statement-breakpoint
ALTER TABLE "grant_figures" ADD CONSTRAINT "grant_figures_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Recomputes the figures of the given grants from their disbursements and outcome reports
-- (definitions: db/schema/impact.ts). Safe under concurrent writers of the same grant: the
-- summary row is locked first, and only then are the figures read, by a later statement that
-- (READ COMMITTED) sees whatever the previous holder of the lock committed.
CREATE FUNCTION gieo_refresh_grant_figures(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
    SELECT count(*)::int AS disbursements, coalesce(sum(d.amount) FILTER (WHERE d.status = 'paid'), 0) AS paid
    FROM disbursements d WHERE d.grant_id = t.grant_id
  ) m
  CROSS JOIN LATERAL (
    -- The latest approved report by packing months and the figure into one bigint (as facts.server.ts
    -- does): months × 10¹² + income, months × 10⁶ + women; max() picks the most months.
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
CREATE FUNCTION gieo_grant_figures_from_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gieo_refresh_grant_figures(array(SELECT DISTINCT grant_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gieo_grant_figures_from_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gieo_refresh_grant_figures(array(SELECT DISTINCT grant_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gieo_grant_figures_from_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gieo_refresh_grant_figures(array(SELECT grant_id FROM new_rows UNION SELECT grant_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- One trigger per event: a trigger with transition tables may name only one, and no column list,
-- so every update of a report or disbursement refreshes its grant (one indexed read of its rows).
CREATE TRIGGER disbursements_figures_insert AFTER INSERT ON disbursements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_new();
--> statement-breakpoint
CREATE TRIGGER disbursements_figures_update AFTER UPDATE ON disbursements
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_both();
--> statement-breakpoint
CREATE TRIGGER disbursements_figures_delete AFTER DELETE ON disbursements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_old();
--> statement-breakpoint
CREATE TRIGGER outcome_reports_figures_insert AFTER INSERT ON outcome_reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_new();
--> statement-breakpoint
CREATE TRIGGER outcome_reports_figures_update AFTER UPDATE ON outcome_reports
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_both();
--> statement-breakpoint
CREATE TRIGGER outcome_reports_figures_delete AFTER DELETE ON outcome_reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gieo_grant_figures_from_old();
--> statement-breakpoint
-- Grants that already have money or reports.
SELECT gieo_refresh_grant_figures(array(
  SELECT grant_id FROM disbursements UNION SELECT grant_id FROM outcome_reports
));
