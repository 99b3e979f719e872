-- disbursements_tranche_idx was made by hand in 0009; the schema now declares it, so it is only ensured here.
CREATE INDEX IF NOT EXISTS "disbursements_tranche_idx" ON "disbursements" USING btree ("tranche_id");--> statement-breakpoint
CREATE INDEX "tranches_due_idx" ON "tranches" USING btree ("condition_met_at","id") WHERE "tranches"."condition_met_at" is not null;
