ALTER TABLE "grants" ADD COLUMN "conditions_met_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "conditions_met_by" uuid;--> statement-breakpoint
ALTER TABLE "tranches" ADD COLUMN "held_by_conditions" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_conditions_met_by_users_id_fk" FOREIGN KEY ("conditions_met_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;