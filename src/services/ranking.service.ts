import type { Actor } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import { rankBuilders, rankingNeeds, type RankingEntry } from '../core/evaluation/ranking.js';
import { countMetricsMet } from '../core/evaluation/readiness.js';
import { findLevel } from '../core/ladder/ladder-lookup.js';
import { loadLevelEvidence } from '../db/repositories/ranking.repository.js';
import { loadEventSightings, seenWithinDaysOf } from './integrations/event-sightings.service.js';
import { ladderForEvaluation, resolveAt, type ReadinessDeps } from './readiness.service.js';

/**
 * A level's ranking: the builders holding the level on `at`, ordered by how many of the level's ranking
 * metrics they meet, then tenure.
 */

/** A level's ranking on `at`, with the ladder version it used. */
export interface LevelRanking {
  level: string;
  at: string;
  ladder_version: string;
  entries: RankingEntry[];
}

/**
 * Ranks the builders holding `level` on `at` by the level's ranking standard. A level without a
 * standard ranks everyone first (by tenure, then email); an unknown level is `not_found`.
 */
export async function getRanking(
  deps: ReadinessDeps,
  _actor: Actor,
  levelId: string,
  atInput?: string,
): Promise<LevelRanking> {
  const at = resolveAt(deps.clock, atInput);
  const ladder = await ladderForEvaluation(deps.db, at, (doc) => findLevel(doc, levelId) !== undefined);
  if (ladder === undefined) throw notFound('Level', levelId);
  const level = findLevel(ladder.document, levelId);
  const { members, evidence } = await loadLevelEvidence(deps.db, levelId, at, rankingNeeds(level, at));
  // One sightings map for the whole level: it is keyed by client, not by builder (issue 10).
  const seenWithin = seenWithinDaysOf(level);
  const sightings =
    seenWithin === undefined
      ? undefined
      : await loadEventSightings(
          deps.db,
          [...evidence.values()].flatMap((e) => e.records),
          seenWithin,
        );
  const candidates = members.map((member) => {
    const loaded = evidence.get(member.email);
    const builderEvidence =
      loaded === undefined || sightings === undefined ? loaded : { ...loaded, eventSightings: sightings };
    return {
      builder: member.email,
      level: member.level,
      level_since: member.since,
      metrics_met: builderEvidence === undefined ? 0 : countMetricsMet(ladder.document, builderEvidence, at),
    };
  });
  return {
    level: levelId,
    at,
    ladder_version: ladder.document.version,
    entries: rankBuilders(candidates, at),
  };
}
