CREATE TABLE "idempotency_keys" (
	"key" text NOT NULL,
	"seq" integer NOT NULL,
	"user_id" uuid,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_key_seq_pk" PRIMARY KEY("key","seq")
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");