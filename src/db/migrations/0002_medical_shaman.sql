CREATE TABLE "builder_levels" (
	"builder_email" text NOT NULL,
	"level" text NOT NULL,
	"since" date NOT NULL,
	CONSTRAINT "builder_levels_pk" PRIMARY KEY("builder_email","since")
);
--> statement-breakpoint
CREATE TABLE "builder_rates" (
	"builder_email" text NOT NULL,
	"since" date NOT NULL,
	"rate_minor" integer NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "builder_rates_pk" PRIMARY KEY("builder_email","since"),
	CONSTRAINT "builder_rates_rate_ck" CHECK ("builder_rates"."rate_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "builders" (
	"email" text PRIMARY KEY NOT NULL,
	"track" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorships" (
	"id" text PRIMARY KEY NOT NULL,
	"mentor_email" text NOT NULL,
	"mentee_email" text NOT NULL,
	"start" date NOT NULL,
	"end" date,
	CONSTRAINT "mentorships_dates_ck" CHECK ("mentorships"."end" is null or "mentorships"."end" >= "mentorships"."start"),
	CONSTRAINT "mentorships_self_ck" CHECK ("mentorships"."mentor_email" <> "mentorships"."mentee_email")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"email" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "people_role_ck" CHECK ("people"."role" in ('leadership', 'client_stakeholder', 'builder'))
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" text PRIMARY KEY NOT NULL,
	"builder_email" text NOT NULL,
	"client_id" text NOT NULL,
	"start" date NOT NULL,
	"end" date,
	"rate_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"extended" boolean NOT NULL,
	"requested_back" boolean NOT NULL,
	CONSTRAINT "placements_rate_ck" CHECK ("placements"."rate_minor" >= 0),
	CONSTRAINT "placements_dates_ck" CHECK ("placements"."end" is null or "placements"."end" >= "placements"."start")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"builder_email" text NOT NULL,
	"date" date NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"confirmed_by" text,
	"supersedes" text,
	"fields" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "builder_levels" ADD CONSTRAINT "builder_levels_builder_email_builders_email_fk" FOREIGN KEY ("builder_email") REFERENCES "public"."builders"("email") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builder_rates" ADD CONSTRAINT "builder_rates_builder_email_builders_email_fk" FOREIGN KEY ("builder_email") REFERENCES "public"."builders"("email") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builders" ADD CONSTRAINT "builders_email_people_email_fk" FOREIGN KEY ("email") REFERENCES "public"."people"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentor_email_people_email_fk" FOREIGN KEY ("mentor_email") REFERENCES "public"."people"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentee_email_builders_email_fk" FOREIGN KEY ("mentee_email") REFERENCES "public"."builders"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_builder_email_builders_email_fk" FOREIGN KEY ("builder_email") REFERENCES "public"."builders"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_builder_email_builders_email_fk" FOREIGN KEY ("builder_email") REFERENCES "public"."builders"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_recorded_by_people_email_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_confirmed_by_people_email_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "builder_levels_level_idx" ON "builder_levels" USING btree ("level");--> statement-breakpoint
CREATE UNIQUE INDEX "mentorships_pair_start_uq" ON "mentorships" USING btree ("mentor_email","mentee_email","start");--> statement-breakpoint
CREATE INDEX "mentorships_mentee_idx" ON "mentorships" USING btree ("mentee_email");--> statement-breakpoint
CREATE INDEX "people_role_idx" ON "people" USING btree ("role");--> statement-breakpoint
CREATE INDEX "placements_builder_idx" ON "placements" USING btree ("builder_email","start");--> statement-breakpoint
CREATE INDEX "placements_client_idx" ON "placements" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "evidence_builder_date_idx" ON "evidence" USING btree ("builder_email","date");--> statement-breakpoint
CREATE INDEX "evidence_kind_idx" ON "evidence" USING btree ("kind","date");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_supersedes_uq" ON "evidence" USING btree ("supersedes");