-- Hand-written first (issue 15, ADR 0019): the markers gain NOT NULL columns (the build's key and the
-- rule). Both tables are caches under a proving key (UNLOGGED, 0016): emptying them only makes the next
-- readiness of each builder rebuild its contributions.
DELETE FROM "readiness_contributions";--> statement-breakpoint
DELETE FROM "readiness_contribution_markers";--> statement-breakpoint
ALTER TABLE "readiness_contribution_markers" ADD COLUMN "build_stamp" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "readiness_contribution_markers" ADD COLUMN "build_epoch" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "readiness_contribution_markers" ADD COLUMN "rule" text NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_builder_kind_date_idx" ON "evidence" USING btree ("builder_email","kind","date");
