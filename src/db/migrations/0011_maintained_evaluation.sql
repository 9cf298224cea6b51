CREATE SEQUENCE "public"."evaluation_stamp_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "evaluation_epoch" (
	"id" integer PRIMARY KEY NOT NULL,
	"epoch" bigint NOT NULL,
	CONSTRAINT "evaluation_epoch_one_row_ck" CHECK ("evaluation_epoch"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "evaluation_stamps" (
	"builder_email" text PRIMARY KEY NOT NULL,
	"stamp" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_corrected" (
	"record_id" text PRIMARY KEY NOT NULL,
	"builder_email" text NOT NULL,
	"superseded_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ranking_rows" (
	"level" text NOT NULL,
	"at" date NOT NULL,
	"ladder_key" text NOT NULL,
	"builder_email" text NOT NULL,
	"stamp" bigint NOT NULL,
	"epoch" bigint NOT NULL,
	"level_since" date NOT NULL,
	"metrics_met" integer NOT NULL,
	CONSTRAINT "ranking_rows_pk" PRIMARY KEY("level","at","ladder_key","builder_email")
);
--> statement-breakpoint
CREATE TABLE "readiness_answers" (
	"builder_email" text NOT NULL,
	"at" date NOT NULL,
	"ladder_key" text NOT NULL,
	"stamp" bigint NOT NULL,
	"epoch" bigint NOT NULL,
	"answer" jsonb NOT NULL,
	CONSTRAINT "readiness_answers_pk" PRIMARY KEY("builder_email","at","ladder_key")
);
--> statement-breakpoint
CREATE INDEX "evidence_corrected_builder_idx" ON "evidence_corrected" USING btree ("builder_email");--> statement-breakpoint
-- Hand-written from here on (issue 15, ADR 0014): statement-level AFTER triggers with transition tables
-- keep the standing intervals and the evaluation stamps in the transaction of every write, whatever
-- the write's shape (one row, a multi-row INSERT, COPY, an import). Each trigger runs once per
-- statement and joins its transition table through indexes, so a statement of N rows costs O(N).
--
-- Standing intervals. For every record that some correction (direct, or further down its chain)
-- supersedes: the earliest date of such a correction. That is a minimum over the record's descendants,
-- and descendants only ever arrive (append-only), so a new correction c lowers its target and the
-- target's ancestors to least(c.date, what c's own descendants already give) — c's own row exists when
-- corrections of c arrived before c did, so any arrival order inside a transaction ends with the same
-- rows. The walk goes up one level per loop and only from rows it lowered, which also ends a chain that
-- loops. Lookups go through `= ANY(array)` on primary keys: a recursive CTE let the planner hash-join a
-- scan of the whole ledger per statement (1.4 s for a one-row insert into 300 000 records on PG 15).
CREATE FUNCTION "evaluation_corrected_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "v_ids" text[];
  "v_builders" text[];
  "v_days" date[];
  "c_ids" text[];
  "c_builders" text[];
  "c_days" date[];
BEGIN
  SELECT array_agg(n."supersedes"), array_agg(n."builder_email"), array_agg(LEAST(n."date", x."superseded_on"))
    INTO "v_ids", "v_builders", "v_days"
    FROM "new_rows" n LEFT JOIN "evidence_corrected" x ON x."record_id" = n."id"
    WHERE n."supersedes" IS NOT NULL;
  WHILE "v_ids" IS NOT NULL LOOP
    WITH "lowered" AS (
      INSERT INTO "evidence_corrected" AS c ("record_id", "builder_email", "superseded_on")
      SELECT u."id", min(u."builder"), min(u."day")
      FROM unnest("v_ids", "v_builders", "v_days") AS u("id", "builder", "day")
      GROUP BY u."id"
      ON CONFLICT ("record_id") DO UPDATE SET "superseded_on" = excluded."superseded_on"
        WHERE excluded."superseded_on" < c."superseded_on"
      RETURNING c."record_id", c."builder_email", c."superseded_on"
    )
    SELECT array_agg(l."record_id"), array_agg(l."builder_email"), array_agg(l."superseded_on")
      INTO "c_ids", "c_builders", "c_days"
      FROM "lowered" l;
    EXIT WHEN "c_ids" IS NULL;
    SELECT array_agg(e."supersedes"), array_agg(u."builder"), array_agg(u."day")
      INTO "v_ids", "v_builders", "v_days"
      FROM "evidence" e
      JOIN unnest("c_ids", "c_builders", "c_days") AS u("id", "builder", "day") ON u."id" = e."id"
      WHERE e."id" = ANY("c_ids") AND e."supersedes" IS NOT NULL;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Evaluation stamps. One value drawn per statement is enough: the key is (builder, stamp), and a value
-- is never drawn twice. A builder without a row has never been written to (stamp 0).
CREATE FUNCTION "evaluation_stamp_emails"("emails" text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- plpgsql, not a SQL function: PostgreSQL 15 plans a SQL function's INSERT anew on every call.
  INSERT INTO "evaluation_stamps" ("builder_email", "stamp")
  SELECT DISTINCT u."email", s."value"
  FROM unnest("emails") AS u("email"), (SELECT nextval('evaluation_stamp_seq') AS "value") AS s
  WHERE u."email" IS NOT NULL
  ON CONFLICT ("builder_email") DO UPDATE SET "stamp" = excluded."stamp";
END;
$$;
--> statement-breakpoint
-- Evidence is insert-only (0006 refuses UPDATE, DELETE and TRUNCATE): new rows stamp their builders.
CREATE FUNCTION "evaluation_evidence_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "evaluation_stamps" ("builder_email", "stamp")
  SELECT DISTINCT n."builder_email", s."value"
  FROM "new_rows" n, (SELECT nextval('evaluation_stamp_seq') AS "value") AS s
  ON CONFLICT ("builder_email") DO UPDATE SET "stamp" = excluded."stamp";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_evaluation_corrected" AFTER INSERT ON "evidence"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_corrected_refresh"();
--> statement-breakpoint
CREATE TRIGGER "evidence_evaluation_stamp" AFTER INSERT ON "evidence"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_evidence_inserted"();
--> statement-breakpoint
-- Rows local to one builder: the builder named in the column TG_ARGV[0] of the old and new rows is
-- stamped. The column is quoted by format(%I); the transition tables are visible to EXECUTE.
CREATE FUNCTION "evaluation_stamp_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "emails" text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT ARRAY(SELECT DISTINCT %I FROM "new_rows")', TG_ARGV[0]) INTO "emails";
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE format('SELECT ARRAY(SELECT %1$I FROM "new_rows" UNION SELECT %1$I FROM "old_rows")', TG_ARGV[0]) INTO "emails";
  ELSE
    EXECUTE format('SELECT ARRAY(SELECT DISTINCT %I FROM "old_rows")', TG_ARGV[0]) INTO "emails";
  END IF;
  PERFORM "evaluation_stamp_emails"("emails");
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A decision belongs to a case: its candidate is stamped.
CREATE FUNCTION "evaluation_stamp_decisions"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "emails" text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT ARRAY(SELECT DISTINCT c."candidate_email" FROM "new_rows" n JOIN "promotion_cases" c ON c."id" = n."case_id") INTO "emails";
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT ARRAY(SELECT c."candidate_email" FROM "new_rows" n JOIN "promotion_cases" c ON c."id" = n."case_id"
      UNION SELECT c."candidate_email" FROM "old_rows" o JOIN "promotion_cases" c ON c."id" = o."case_id") INTO "emails";
  ELSE
    SELECT ARRAY(SELECT DISTINCT c."candidate_email" FROM "old_rows" o JOIN "promotion_cases" c ON c."id" = o."case_id") INTO "emails";
  END IF;
  PERFORM "evaluation_stamp_emails"("emails");
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Writes that cross builders (a mentor's readiness reads mentees' level histories; a track picks the
-- ladder; analytics sightings are keyed by client) draw a new epoch: every stored answer goes stale.
CREATE FUNCTION "evaluation_epoch_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "evaluation_epoch" SET "epoch" = nextval('evaluation_stamp_seq') WHERE "id" = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "placements_evaluation_stamp_insert" AFTER INSERT ON "placements"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('builder_email');
--> statement-breakpoint
CREATE TRIGGER "placements_evaluation_stamp_update" AFTER UPDATE ON "placements"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('builder_email');
--> statement-breakpoint
CREATE TRIGGER "placements_evaluation_stamp_delete" AFTER DELETE ON "placements"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('builder_email');
--> statement-breakpoint
CREATE TRIGGER "placements_evaluation_truncate" AFTER TRUNCATE ON "placements"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
CREATE TRIGGER "mentorships_evaluation_stamp_insert" AFTER INSERT ON "mentorships"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('mentor_email');
--> statement-breakpoint
CREATE TRIGGER "mentorships_evaluation_stamp_update" AFTER UPDATE ON "mentorships"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('mentor_email');
--> statement-breakpoint
CREATE TRIGGER "mentorships_evaluation_stamp_delete" AFTER DELETE ON "mentorships"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('mentor_email');
--> statement-breakpoint
CREATE TRIGGER "mentorships_evaluation_truncate" AFTER TRUNCATE ON "mentorships"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
CREATE TRIGGER "promotion_cases_evaluation_stamp_insert" AFTER INSERT ON "promotion_cases"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('candidate_email');
--> statement-breakpoint
CREATE TRIGGER "promotion_cases_evaluation_stamp_update" AFTER UPDATE ON "promotion_cases"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('candidate_email');
--> statement-breakpoint
CREATE TRIGGER "promotion_cases_evaluation_stamp_delete" AFTER DELETE ON "promotion_cases"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_rows"('candidate_email');
--> statement-breakpoint
CREATE TRIGGER "promotion_cases_evaluation_truncate" AFTER TRUNCATE ON "promotion_cases"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
CREATE TRIGGER "promotion_decisions_evaluation_stamp_insert" AFTER INSERT ON "promotion_decisions"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_decisions"();
--> statement-breakpoint
CREATE TRIGGER "promotion_decisions_evaluation_stamp_update" AFTER UPDATE ON "promotion_decisions"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_decisions"();
--> statement-breakpoint
CREATE TRIGGER "promotion_decisions_evaluation_stamp_delete" AFTER DELETE ON "promotion_decisions"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_stamp_decisions"();
--> statement-breakpoint
CREATE TRIGGER "promotion_decisions_evaluation_truncate" AFTER TRUNCATE ON "promotion_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
CREATE TRIGGER "builder_levels_evaluation_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "builder_levels"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
CREATE TRIGGER "builders_evaluation_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "builders"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
CREATE TRIGGER "analytics_event_days_evaluation_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "analytics_event_days"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
CREATE TRIGGER "client_analytics_projects_evaluation_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "client_analytics_projects"
  FOR EACH STATEMENT EXECUTE FUNCTION "evaluation_epoch_bump"();
--> statement-breakpoint
-- Backfill: the standing intervals of the ledger as it is, and the first epoch.
WITH RECURSIVE "down"("root", "builder_email", "id", "date") AS (
  SELECT e."supersedes", e."builder_email", e."id", e."date" FROM "evidence" e WHERE e."supersedes" IS NOT NULL
  UNION
  SELECT d."root", d."builder_email", e."id", e."date" FROM "down" d JOIN "evidence" e ON e."supersedes" = d."id"
)
INSERT INTO "evidence_corrected" ("record_id", "builder_email", "superseded_on")
SELECT "root", min("builder_email"), min("date") FROM "down" GROUP BY "root";
--> statement-breakpoint
INSERT INTO "evaluation_epoch" ("id", "epoch") VALUES (1, nextval('evaluation_stamp_seq'));
