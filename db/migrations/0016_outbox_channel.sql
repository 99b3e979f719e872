CREATE TYPE "public"."outbox_channel" AS ENUM('email');--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "channel" "outbox_channel" DEFAULT 'email' NOT NULL;