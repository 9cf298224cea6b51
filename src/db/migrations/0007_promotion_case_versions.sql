-- Events already stored get their place in their case by id order (ids were handed out in commit order
-- under the case row lock), then the column becomes required; each case's version is its last event's seq.
ALTER TABLE "promotion_case_events" ADD COLUMN "seq" integer;--> statement-breakpoint
UPDATE "promotion_case_events" AS e SET "seq" = n.seq FROM (SELECT "id", row_number() OVER (PARTITION BY "case_id" ORDER BY "id")::integer AS seq FROM "promotion_case_events") AS n WHERE n."id" = e."id";--> statement-breakpoint
ALTER TABLE "promotion_case_events" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "promotion_cases" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "promotion_cases" AS c SET "version" = m.seq FROM (SELECT "case_id", max("seq") AS seq FROM "promotion_case_events" GROUP BY "case_id") AS m WHERE m."case_id" = c."id";--> statement-breakpoint
ALTER TABLE "promotion_scores" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_case_events_case_seq_uq" ON "promotion_case_events" USING btree ("case_id","seq");
