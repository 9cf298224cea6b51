import type { EvidenceKind } from '../ladder/rule-kinds.js';
import type { LevelDefinition } from '../ladder/ladder.schema.js';
import { unevaluatedFields } from './evaluated-fields.js';
import { metricReads } from './readiness-needs.js';
import { wholeMonthsBetween } from './tenure.js';

/** A builder at the ranked level, with the metrics met on `at` and the day their level began. */
export interface RankingCandidate {
  builder: string;
  level: string;
  level_since: string;
  metrics_met: number;
}

/** One row of a level's ranking (issue 4's JSON shape). */
export interface RankingEntry {
  rank: number;
  builder: string;
  level: string;
  metrics_met: number;
  months_at_level: number;
}

/**
 * Orders a level's builders: metrics met (most first), then tenure (longest first: the earlier level
 * start), then email. Rank is 1 + the number of builders with strictly more metrics met, so builders
 * with as many metrics share a rank whatever their tenure.
 */
export function rankBuilders(candidates: readonly RankingCandidate[], at: string): RankingEntry[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      b.metrics_met - a.metrics_met ||
      compareText(a.level_since, b.level_since) ||
      compareText(a.builder, b.builder),
  );
  const entries: RankingEntry[] = [];
  // Many members share a level start: each distinct one is counted once (10 000 members, one call).
  const monthsSince = new Map<string, number>();
  const monthsOf = (since: string): number => {
    let months = monthsSince.get(since);
    if (months === undefined) {
      months = wholeMonthsBetween(since, at);
      monthsSince.set(since, months);
    }
    return months;
  };
  let rank = 1;
  sorted.forEach((candidate, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && previous.metrics_met !== candidate.metrics_met) rank = index + 1;
    entries.push({
      rank,
      builder: candidate.builder,
      level: candidate.level,
      metrics_met: candidate.metrics_met,
      months_at_level: monthsOf(candidate.level_since),
    });
  });
  return entries;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Which records a level's metrics read, so a ranking loads no more than that. */
export interface RankingNeeds {
  /** Kinds counted only inside the window (level start … at). */
  windowKinds: EvidenceKind[];
  /** Kinds read at any date up to `at` (the code reviews citations point to). */
  anyDateKinds: EvidenceKind[];
  /** Kinds read only from a day on (check-ins: the days up to `at` mentee progress looks at). */
  recentKinds: { kind: EvidenceKind; from: string }[];
  /** Kinds read at any date, but only for builders giving a mentorship active on `at` (mentee reviews). */
  mentorKinds: EvidenceKind[];
  /** Whether mentorships active on `at` matter (mentee progress). */
  mentorships: boolean;
  /** The kind fields the metrics never read, left on the server (see evaluated-fields.ts). */
  dropFields: string[];
}

/**
 * The records and relations the level's ranking standard reads on `at`, from its rule kinds. Every
 * bound here mirrors an evaluator's own filter, so loading less never changes an answer (an API test
 * compares the ranking with readiness, which loads everything).
 */
export function rankingNeeds(level: LevelDefinition | undefined, at: string): RankingNeeds {
  const reads = metricReads(level, at);
  return {
    windowKinds: [...reads.windowKinds],
    anyDateKinds: reads.citedReviews ? ['code_review'] : [],
    recentKinds: reads.checkinFrom === undefined ? [] : [{ kind: 'checkin', from: reads.checkinFrom }],
    mentorKinds: reads.menteeReviews ? ['mentee_review'] : [],
    mentorships: reads.menteeReviews,
    dropFields: unevaluatedFields(level),
  };
}
