CREATE TABLE "readiness_contribution_markers" (
	"builder_email" text NOT NULL,
	"rule_key" text NOT NULL,
	"stamp" bigint NOT NULL,
	"epoch" bigint NOT NULL,
	CONSTRAINT "readiness_contribution_markers_pk" PRIMARY KEY("builder_email","rule_key")
);
--> statement-breakpoint
CREATE TABLE "readiness_contributions" (
	"builder_email" text NOT NULL,
	"rule_key" text NOT NULL,
	"stamp" bigint NOT NULL,
	"epoch" bigint NOT NULL,
	"record_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"date" date NOT NULL,
	"superseded_on" date,
	"tag" text,
	"flag" boolean NOT NULL,
	"extra_date" date
);
--> statement-breakpoint
CREATE INDEX "readiness_contributions_read_idx" ON "readiness_contributions" USING btree ("builder_email","rule_key","date");--> statement-breakpoint
-- Hand-written (issue 15, ADR 0017): contributions and their markers are caches whose key (the builder's
-- stamp and the epoch) proves them current, so a crash that loses them only makes the next readiness
-- rebuild them; UNLOGGED spares their writes the WAL flush.
ALTER TABLE "readiness_contribution_markers" SET UNLOGGED;
--> statement-breakpoint
ALTER TABLE "readiness_contributions" SET UNLOGGED;
