CREATE TABLE "sign_in_throttle" (
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"attempts" integer NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "sign_in_throttle_email_ip_pk" PRIMARY KEY("email","ip")
);
--> statement-breakpoint
CREATE TABLE "demo_database" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "demo_database_one_row_ck" CHECK ("demo_database"."id")
);
--> statement-breakpoint
CREATE INDEX "sign_in_throttle_last_idx" ON "sign_in_throttle" USING btree ("last_attempt_at");