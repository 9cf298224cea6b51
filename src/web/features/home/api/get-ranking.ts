import { useQueries } from '@tanstack/react-query';
import type { RankingEntry } from '../../../types/readiness';
import { apiGet } from '../../../lib/api-client';

/** GET /api/levels/{level}/ranking — a level's builders by metrics met, today. */
export function getRanking(level: string): Promise<RankingEntry[]> {
  return apiGet('/api/levels/{level}/ranking', { params: { level } });
}

export function useRankings(levels: string[]) {
  return useQueries({
    queries: levels.map((level) => ({
      queryKey: ['ranking', level, 'today'],
      queryFn: () => getRanking(level),
    })),
  });
}
