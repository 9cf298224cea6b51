-- Custom SQL migration file, put your code below! ---- 0011 drew the stamp in a FROM subquery; the planner may evaluate nextval() there once per row, so a
-- statement writing several rows of one builder proposed that builder twice and ON CONFLICT refused
-- ("cannot affect row a second time"). The value is now drawn once into a variable, then written.
CREATE OR REPLACE FUNCTION "evaluation_stamp_emails"("emails" text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  "v_stamp" bigint := nextval('evaluation_stamp_seq');
BEGIN
  INSERT INTO "evaluation_stamps" ("builder_email", "stamp")
  SELECT DISTINCT u."email", "v_stamp" FROM unnest("emails") AS u("email") WHERE u."email" IS NOT NULL
  ON CONFLICT ("builder_email") DO UPDATE SET "stamp" = excluded."stamp";
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "evaluation_evidence_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "v_stamp" bigint := nextval('evaluation_stamp_seq');
BEGIN
  INSERT INTO "evaluation_stamps" ("builder_email", "stamp")
  SELECT DISTINCT n."builder_email", "v_stamp" FROM "new_rows" n
  ON CONFLICT ("builder_email") DO UPDATE SET "stamp" = excluded."stamp";
  RETURN NULL;
END;
$$;
