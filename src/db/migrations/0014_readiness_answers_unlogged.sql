-- Hand-edited (issue 15, ADR 0014): the stored answer becomes `json` holding the answer's own text (it was
-- a jsonb string of that text), so a read embeds it as is; rows stored before keep their answer.
ALTER TABLE "readiness_answers" ALTER COLUMN "answer" SET DATA TYPE json USING ("answer" #>> '{}')::json;
--> statement-breakpoint
-- Hand-written: stored readiness answers are a cache whose key proves them current, so a crash that loses
-- them only makes the next readiness cold; UNLOGGED spares a cold answer's write the WAL flush.
ALTER TABLE "readiness_answers" SET UNLOGGED;
