CREATE TABLE "ladder_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ladder_id" text NOT NULL,
	"version" date NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"source" text NOT NULL,
	"content_hash" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ladder_versions_ladder_version_uq" ON "ladder_versions" USING btree ("ladder_id","version");--> statement-breakpoint
CREATE INDEX "ladder_versions_ladder_idx" ON "ladder_versions" USING btree ("ladder_id");