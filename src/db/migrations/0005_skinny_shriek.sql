CREATE TABLE "analytics_event_days" (
	"project" text NOT NULL,
	"event" text NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "analytics_event_days_pk" PRIMARY KEY("project","event","day"),
	CONSTRAINT "analytics_event_days_count_ck" CHECK ("analytics_event_days"."count" > 0)
);
--> statement-breakpoint
CREATE TABLE "client_analytics_projects" (
	"project" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"client_id" text NOT NULL,
	CONSTRAINT "client_analytics_projects_provider_ck" CHECK ("client_analytics_projects"."provider" in ('posthog', 'mixpanel'))
);
--> statement-breakpoint
CREATE TABLE "person_accounts" (
	"provider" text NOT NULL,
	"account" text NOT NULL,
	"person_email" text NOT NULL,
	CONSTRAINT "person_accounts_pk" PRIMARY KEY("provider","account"),
	CONSTRAINT "person_accounts_provider_ck" CHECK ("person_accounts"."provider" in ('github'))
);
--> statement-breakpoint
CREATE TABLE "source_sync_states" (
	"source" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"cursor" jsonb,
	"last_run_at" timestamp (3) with time zone NOT NULL,
	"last_status" text NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_analytics_projects" ADD CONSTRAINT "client_analytics_projects_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_accounts" ADD CONSTRAINT "person_accounts_person_email_people_email_fk" FOREIGN KEY ("person_email") REFERENCES "public"."people"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_analytics_projects_client_idx" ON "client_analytics_projects" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "person_accounts_person_idx" ON "person_accounts" USING btree ("person_email");