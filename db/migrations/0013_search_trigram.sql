-- The admin's application list searches titles and group names without diacritics
-- (app/modules/applications/admin-list.server.ts). Folding every title and name of a round with
-- unaccent_vi() on each request took a quarter of a second at 5,000 applications, and the
-- planner, which thinks translate() cheap, would not use an expression index over it. So the
-- folded text is stored beside the original, kept up to date by PostgreSQL itself, and indexed
-- by trigrams, which serve `like '%…%'`. The columns are left out of the Drizzle schema: nothing
-- writes them, and only the search reads them.
-- pg_trgm ships with PostgreSQL (a trusted extension: the database's owner may create it) and
-- with PGlite, which loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN IF NOT EXISTS "title_folded" text GENERATED ALWAYS AS (unaccent_vi("title")) STORED;
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN IF NOT EXISTS "name_folded" text GENERATED ALWAYS AS (unaccent_vi("name")) STORED;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "applications_title_search_idx" ON "applications" USING gin ("title_folded" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "groups_name_search_idx" ON "groups" USING gin ("name_folded" gin_trgm_ops);
