import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { RankingEntry } from '../../../types/readiness';

/** GET /api/levels/{level}/ranking?at= — a level's builders by metrics met, then tenure, then email. */
export function getRanking(level: string, at?: string): Promise<RankingEntry[]> {
  return apiRequest(`/api/levels/${encodeURIComponent(level)}/ranking`, { query: { at } });
}

export const rankingQueryOptions = (level: string, at?: string) =>
  queryOptions({ queryKey: ['ranking', level, at ?? 'today'], queryFn: () => getRanking(level, at) });

export function useRanking(level: string, at?: string) {
  return useQuery(rankingQueryOptions(level, at));
}
