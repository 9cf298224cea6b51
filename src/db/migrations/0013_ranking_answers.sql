CREATE TABLE "ranking_answers" (
	"level" text NOT NULL,
	"at" date NOT NULL,
	"ladder_key" text NOT NULL,
	"epoch" bigint NOT NULL,
	"members" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "ranking_answers_pk" PRIMARY KEY("level","at","ladder_key")
);
--> statement-breakpoint
-- Hand-written (issue 15, ADR 0016): stored rankings are caches whose key proves them current, so a
-- crash that loses them only makes the next ranking cold; UNLOGGED spares their writes a WAL flush.
-- ranking_rows (0011) is the same kind of cache. A no-op when a table is already unlogged.
ALTER TABLE "ranking_answers" SET UNLOGGED;
--> statement-breakpoint
ALTER TABLE "ranking_rows" SET UNLOGGED;
