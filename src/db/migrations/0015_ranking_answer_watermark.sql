ALTER TABLE "ranking_answers" ADD COLUMN "watermark" bigint;--> statement-breakpoint
ALTER TABLE "ranking_answers" ADD COLUMN "pending" text[] DEFAULT '{}'::text[] NOT NULL;