-- Each level step names its track (issue 16, ADR 0030): level ids are scoped by track, so a promotion
-- into another track (IC3 → M1) keeps the earlier steps in theirs. Until now a builder had one track
-- (builders.track) and every step was in it: existing steps are filled from it, then the column is
-- required.
ALTER TABLE "builder_levels" ADD COLUMN "track" text;--> statement-breakpoint
UPDATE "builder_levels" SET "track" = "builders"."track" FROM "builders" WHERE "builders"."email" = "builder_levels"."builder_email";--> statement-breakpoint
ALTER TABLE "builder_levels" ALTER COLUMN "track" SET NOT NULL;
