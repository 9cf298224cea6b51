-- Each level step carries its track (issue 16): a promotion into another track (IC3 → M1) keeps the
-- earlier steps in their own. Existing steps are in the builder's one track.
ALTER TABLE "builder_levels" ADD COLUMN "track" text;--> statement-breakpoint
UPDATE "builder_levels" SET "track" = "builders"."track" FROM "builders" WHERE "builders"."email" = "builder_levels"."builder_email";--> statement-breakpoint
ALTER TABLE "builder_levels" ALTER COLUMN "track" SET NOT NULL;
