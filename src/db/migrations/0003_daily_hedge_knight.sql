CREATE TABLE "promotion_case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promotion_case_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"evidence_id" text,
	"author" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promotion_cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"candidate_email" text NOT NULL,
	"ladder_id" text NOT NULL,
	"ladder_version_id" bigint NOT NULL,
	"ladder_version" date NOT NULL,
	"from_level" text NOT NULL,
	"target_level" text NOT NULL,
	"status" text NOT NULL,
	"opened_on" date NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"opened_by" text NOT NULL,
	"readiness_snapshot" jsonb NOT NULL,
	"eligible_at_opening" boolean NOT NULL,
	"open_override_reason" text,
	"withdrawn_at" timestamp (3) with time zone,
	"withdraw_reason" text,
	CONSTRAINT "promotion_cases_status_ck" CHECK ("promotion_cases"."status" in ('open', 'assessing', 'decided', 'withdrawn')),
	CONSTRAINT "promotion_cases_override_ck" CHECK ("promotion_cases"."eligible_at_opening" or coalesce(length(trim("promotion_cases"."open_override_reason")), 0) > 0)
);
--> statement-breakpoint
CREATE TABLE "promotion_decisions" (
	"case_id" bigint PRIMARY KEY NOT NULL,
	"computed_outcome" text NOT NULL,
	"outcome" text NOT NULL,
	"overridden" boolean NOT NULL,
	"override_reason" text,
	"note" text NOT NULL,
	"computed" jsonb NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"decided_on" date NOT NULL,
	"effective_date" date,
	CONSTRAINT "promotion_decisions_outcome_ck" CHECK ("promotion_decisions"."outcome" in ('promoted', 'not_yet')),
	CONSTRAINT "promotion_decisions_override_ck" CHECK (not "promotion_decisions"."overridden" or coalesce(length(trim("promotion_decisions"."override_reason")), 0) > 0)
);
--> statement-breakpoint
CREATE TABLE "promotion_panel_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"panelist_email" text NOT NULL,
	"position" integer NOT NULL,
	"level_at_assignment" text,
	"leadership" boolean NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	"removed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "promotion_scores" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"panelist_email" text NOT NULL,
	"sheet" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"submitted_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "promotion_case_events" ADD CONSTRAINT "promotion_case_events_case_id_promotion_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."promotion_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_case_notes" ADD CONSTRAINT "promotion_case_notes_case_id_promotion_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."promotion_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_cases" ADD CONSTRAINT "promotion_cases_candidate_email_builders_email_fk" FOREIGN KEY ("candidate_email") REFERENCES "public"."builders"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_cases" ADD CONSTRAINT "promotion_cases_ladder_version_id_ladder_versions_id_fk" FOREIGN KEY ("ladder_version_id") REFERENCES "public"."ladder_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_decisions" ADD CONSTRAINT "promotion_decisions_case_id_promotion_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."promotion_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_panel_members" ADD CONSTRAINT "promotion_panel_members_case_id_promotion_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."promotion_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_panel_members" ADD CONSTRAINT "promotion_panel_members_panelist_email_people_email_fk" FOREIGN KEY ("panelist_email") REFERENCES "public"."people"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_scores" ADD CONSTRAINT "promotion_scores_case_id_promotion_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."promotion_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_scores" ADD CONSTRAINT "promotion_scores_panelist_email_people_email_fk" FOREIGN KEY ("panelist_email") REFERENCES "public"."people"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promotion_case_events_case_idx" ON "promotion_case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "promotion_case_notes_case_idx" ON "promotion_case_notes" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "promotion_cases_candidate_idx" ON "promotion_cases" USING btree ("candidate_email","target_level");--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_cases_live_uq" ON "promotion_cases" USING btree ("candidate_email","target_level") WHERE "promotion_cases"."status" in ('open', 'assessing');--> statement-breakpoint
CREATE INDEX "promotion_panel_case_idx" ON "promotion_panel_members" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "promotion_panel_person_idx" ON "promotion_panel_members" USING btree ("panelist_email");--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_panel_seat_uq" ON "promotion_panel_members" USING btree ("case_id","panelist_email") WHERE "promotion_panel_members"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_scores_case_panelist_uq" ON "promotion_scores" USING btree ("case_id","panelist_email");