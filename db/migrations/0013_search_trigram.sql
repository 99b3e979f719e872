-- The admin's application list searches titles and group names without diacritics
-- (`unaccent_vi(x) ilike unaccent_vi('%…%')`, app/modules/applications/admin-list.server.ts).
-- Trigram indexes over the folded text let that search find its rows instead of folding every
-- title and name of the round on each request. pg_trgm ships with PostgreSQL (a trusted
-- extension: the database's owner may create it) and with PGlite, which loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "applications_title_search_idx" ON "applications" USING gin (unaccent_vi("title") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "groups_name_search_idx" ON "groups" USING gin (unaccent_vi("name") gin_trgm_ops);
