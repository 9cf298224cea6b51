import type { Clock } from '../core/clock.js';
import { DomainError, notFound } from '../core/errors.js';
import type { MilestoneAssessmentEvidence } from '../core/evidence/evidence.schema.js';
import { evaluatePoints, type PointsAnswer } from '../core/evaluation/points.js';
import { levelStepAt } from '../core/evaluation/readiness.js';
import type { Database } from '../db/connection.js';
import { findBuilderLevels } from '../db/repositories/evaluation.repository.js';
import { listEvidence } from '../db/repositories/evidence.repository.js';
import { ladderForEvaluation, resolveAt } from './readiness.service.js';

/** Points and bands of one builder (issue 16, ADR 0021): the service behind the route and the CLI. */

export interface PointsDeps {
  db: Database;
  clock: Clock;
}

/** A builder's points against the ladder of their track in force on `at`. */
export interface PointsReport {
  builder: string;
  at: string;
  ladder: { id: string; name: string; version: string; version_id: number | null };
  /** The builder's level on `at` (null before their first level), to set beside the band's level. */
  level: { id: string; since: string } | null;
  /** Null when the ladder scores no points (`message` says so). */
  points: PointsAnswer | null;
  message: string | null;
}

// More assessments than one person ever has: every one is read (corrections of any date included).
const ALL = { limit: 100_000, offset: 0 };

/**
 * Points, band and the way to the next band of `email` on `at` (default today), with the records behind
 * them: against the ladder of their track, or the ladder `ladderId` (a points ladder scores anyone).
 */
export async function getPoints(
  deps: PointsDeps,
  email: string,
  atInput?: string,
  ladderId?: string,
): Promise<PointsReport> {
  const at = resolveAt(deps.clock, atInput);
  const builder = await findBuilderLevels(deps.db, email.trim().toLowerCase());
  if (builder === undefined) throw notFound('Builder', email);
  const ladder = await ladderForEvaluation(deps.db, at, (doc) =>
    ladderId === undefined ? doc.tracks.some((t) => t.id === builder.track) : doc.ladder === ladderId,
  );
  if (ladder === undefined) {
    if (ladderId === undefined) throw notFound('Ladder for track', builder.track);
    // `ladderId` names a published ladder (the file's `ladder:` field), not a file: say how to get one.
    throw new DomainError(
      'not_found',
      `No published ladder ${ladderId} is in force on ${at}: name a ladder by its id (the \`ladder:\` field of its file), after \`ladder ladder publish FILE\``,
    );
  }
  const document = ladder.document;
  const first = builder.levels[0];
  // Their level in their own ladder (the band may name another ladder's level when `ladderId` is given).
  const step = first === undefined || at < first.since ? null : levelStepAt(builder, at);
  const records = (
    await listEvidence(deps.db, { builder: builder.email, kind: 'milestone_assessment' }, ALL)
  ).items.filter((r): r is MilestoneAssessmentEvidence => r.kind === 'milestone_assessment');
  const points = evaluatePoints(document, records, at);
  return {
    builder: builder.email,
    at,
    ladder: {
      id: document.ladder,
      name: document.name,
      version: document.version,
      version_id: ladder.versionId,
    },
    level: step === null ? null : { id: step.level, since: step.since },
    points,
    message:
      points === null
        ? `${document.name} scores no points: its ladder file has no points block (docs/ladder.md, "Points and bands")`
        : null,
  };
}
