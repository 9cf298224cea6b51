-- Databases that got the demo organisation before the demo_database marker existed: the demo load has
-- always left one audit entry, organisation.import of entity id 'demo'. Mark them, so they keep their
-- demo accounts and banner and refuse a real organisation's import like every demo database since.
INSERT INTO "demo_database" ("id", "loaded_at")
SELECT true, min("at") FROM "audit_log"
WHERE "action" = 'organisation.import' AND "entity" = 'organisation' AND "entity_id" = 'demo'
HAVING count(*) > 0
ON CONFLICT DO NOTHING;
