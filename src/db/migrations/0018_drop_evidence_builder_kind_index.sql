-- Hand-written note (issue 15, ADR 0019): 0017's index on evidence (builder_email, kind, date) cut the
-- readiness statement's standing-records read (~20 → ~7 ms for star@bench.test) but PostgreSQL then
-- planned the cold ranking at another date through it: 28 s instead of 0.3 s on the large organisation
-- (same database, same code, with and without the index). Dropped until the ranking's statement is
-- checked against it.
DROP INDEX "evidence_builder_kind_date_idx";
