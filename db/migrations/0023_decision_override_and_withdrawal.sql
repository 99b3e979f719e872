ALTER TYPE "public"."application_status" ADD VALUE 'withdrawn';--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "reviews_override" text;