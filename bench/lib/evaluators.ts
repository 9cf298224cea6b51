import type { Readiness } from '../../src/core/evaluation/readiness.js';
import type { Services } from '../../src/services/composition-root.js';
import * as rankingService from '../../src/services/ranking.service.js';
import * as readinessService from '../../src/services/readiness.service.js';
import type { LevelRanking } from '../../src/services/ranking.service.js';
import type { Actor } from '../../src/core/actor.js';

/**
 * The answers the bench compares: the maintained path every caller uses (getReadiness, getRanking) and
 * the full evaluation kept as the reference (referenceReadiness, referenceRanking; issue 15). While a
 * reference is not on main yet the bench says so (`reference: null`) and reports no equality figure
 * for it: comparing a function with itself proves nothing.
 */

const leadership: Actor = { kind: 'person', email: 'bench-lead@bench.test', role: 'leadership' };

export type ReadinessOf = (deps: Services, email: string, at: string) => Promise<Readiness>;
export type RankingOf = (deps: Services, level: string, at: string) => Promise<LevelRanking>;

export interface Evaluators {
  readiness: ReadinessOf;
  ranking: RankingOf;
  referenceReadiness: ReadinessOf | null;
  referenceRanking: RankingOf | null;
}

/** Looks the four functions up on whatever main holds now. */
export function loadEvaluators(): Evaluators {
  const readinessExports = readinessService as Record<string, unknown>;
  const rankingExports = rankingService as Record<string, unknown>;
  const refReadiness = readinessExports.referenceReadiness;
  const refRanking = rankingExports.referenceRanking;
  return {
    readiness: (deps, email, at) => readinessService.getReadiness(deps, leadership, email, at),
    ranking: (deps, level, at) => rankingService.getRanking(deps, leadership, level, at),
    referenceReadiness: typeof refReadiness === 'function' ? (refReadiness as ReadinessOf) : null,
    referenceRanking: typeof refRanking === 'function' ? (refRanking as RankingOf) : null,
  };
}
