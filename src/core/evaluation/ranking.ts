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
  let rank = 1;
  sorted.forEach((candidate, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && previous.metrics_met !== candidate.metrics_met) rank = index + 1;
    entries.push({
      rank,
      builder: candidate.builder,
      level: candidate.level,
      metrics_met: candidate.metrics_met,
      months_at_level: wholeMonthsBetween(candidate.level_since, at),
    });
  });
  return entries;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
