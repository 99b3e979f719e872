CREATE TYPE "public"."code_purpose" AS ENUM('login', 'reset');--> statement-breakpoint
CREATE TYPE "public"."phone_channel" AS ENUM('zalo', 'sms', 'none');--> statement-breakpoint
CREATE TYPE "public"."group_account_role" AS ENUM('leader', 'treasurer');--> statement-breakpoint
ALTER TYPE "public"."outbox_channel" ADD VALUE 'sms';--> statement-breakpoint
ALTER TYPE "public"."outbox_channel" ADD VALUE 'zalo';--> statement-breakpoint
ALTER TYPE "public"."outbox_status" ADD VALUE 'delivered';--> statement-breakpoint
ALTER TYPE "public"."outbox_status" ADD VALUE 'undelivered';--> statement-breakpoint
CREATE TABLE "one_time_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "code_purpose" NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contact_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"phone_channel" "phone_channel" DEFAULT 'none' NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"phone_agreed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_accounts" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "group_account_role" NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_accounts_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "group_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"role" "group_account_role" NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "segments" integer;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "provider_ref" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "fallback_text" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "fallback_of" uuid;--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_preferences" ADD CONSTRAINT "contact_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_accounts" ADD CONSTRAINT "group_accounts_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_accounts" ADD CONSTRAINT "group_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_accounts" ADD CONSTRAINT "group_accounts_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_handovers" ADD CONSTRAINT "group_handovers_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_handovers" ADD CONSTRAINT "group_handovers_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_handovers" ADD CONSTRAINT "group_handovers_accepted_user_id_users_id_fk" FOREIGN KEY ("accepted_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "one_time_codes_user_idx" ON "one_time_codes" USING btree ("user_id","purpose","created_at");--> statement-breakpoint
CREATE INDEX "group_accounts_user_idx" ON "group_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "group_handovers_phone_idx" ON "group_handovers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "outbox_provider_ref_idx" ON "outbox" USING btree ("channel","provider_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_fallback_idx" ON "outbox" USING btree ("fallback_of");--> statement-breakpoint
-- Every group's registered leader already holds its account.
INSERT INTO "group_accounts" ("group_id", "user_id", "role", "added_by", "added_at")
SELECT "id", "owner_id", 'leader', "owner_id", "created_at" FROM "groups" WHERE "owner_id" IS NOT NULL;
