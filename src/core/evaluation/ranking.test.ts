import { describe, expect, it } from 'vitest';
import { rankBuilders, type RankingCandidate } from './ranking.js';

const candidate = (builder: string, metrics_met: number, level_since: string): RankingCandidate => ({
  builder,
  level: 'L4',
  level_since,
  metrics_met,
});

describe('ranking a level', () => {
  it('orders by metrics met, then tenure, then email; rank = 1 + builders with strictly more met', () => {
    const ranking = rankBuilders(
      [
        candidate('dee@x.test', 3, '2025-06-01'),
        candidate('ann@x.test', 5, '2025-01-01'),
        candidate('cal@x.test', 3, '2024-06-01'),
        candidate('bob@x.test', 3, '2025-06-01'),
        candidate('eve@x.test', 0, '2020-01-01'),
      ],
      '2026-02-15',
    );
    expect(ranking).toEqual([
      { rank: 1, builder: 'ann@x.test', level: 'L4', metrics_met: 5, months_at_level: 13 },
      { rank: 2, builder: 'cal@x.test', level: 'L4', metrics_met: 3, months_at_level: 20 },
      { rank: 2, builder: 'bob@x.test', level: 'L4', metrics_met: 3, months_at_level: 8 },
      { rank: 2, builder: 'dee@x.test', level: 'L4', metrics_met: 3, months_at_level: 8 },
      { rank: 5, builder: 'eve@x.test', level: 'L4', metrics_met: 0, months_at_level: 73 },
    ]);
  });

  it('ranks everyone first when nobody meets anything (a level without a standard)', () => {
    const ranking = rankBuilders(
      [candidate('b@x.test', 0, '2025-01-01'), candidate('a@x.test', 0, '2025-01-01')],
      '2026-01-01',
    );
    expect(ranking.map((r) => [r.rank, r.builder])).toEqual([
      [1, 'a@x.test'],
      [1, 'b@x.test'],
    ]);
  });

  it('answers an empty level with an empty ranking', () => {
    expect(rankBuilders([], '2026-01-01')).toEqual([]);
  });
});
