-- Custom SQL migration file, put your code below! --
-- The evidence ledger is append-only: corrections are new rows (supersedes), so the database refuses to
-- change or delete a record, whatever the application does.
CREATE FUNCTION "evidence_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the evidence ledger is append-only: % is not allowed (record a correction with supersedes)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_no_update_delete" BEFORE UPDATE OR DELETE ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION "evidence_append_only"();
--> statement-breakpoint
CREATE TRIGGER "evidence_no_truncate" BEFORE TRUNCATE ON "evidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_append_only"();
