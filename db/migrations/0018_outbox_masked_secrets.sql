ALTER TABLE "outbox" ADD COLUMN "secret_enc" text;--> statement-breakpoint
-- Messages written before this migration hold their live links in clear: mask them. Those not yet
-- sent can no longer carry their link, so they are marked failed for the admin to see; the person
-- asks again (a new reset) or is invited again.
UPDATE "outbox" SET
  "html" = regexp_replace("html", '(/(?:invitations|reset-password)/)[A-Za-z0-9_-]+', '\1__link-masked__', 'g'),
  "text" = regexp_replace("text", '(/(?:invitations|reset-password)/)[A-Za-z0-9_-]+', '\1__link-masked__', 'g'),
  "status" = CASE WHEN "status" IN ('pending', 'sending') THEN 'failed'::outbox_status ELSE "status" END,
  "last_error" = CASE WHEN "status" IN ('pending', 'sending')
    THEN 'link masked on upgrade (migration 0018): send a new invitation or reset' ELSE "last_error" END
WHERE "template" IN ('invitation', 'password-reset');
