import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { LadderInForce } from '../../../types/ladder';

export type { LadderInForce };

/** GET /api/ladders/{id}?at= — the version of a ladder in force on a day (today when `at` is empty). */
export function getLadder(ladderId: string, at?: string): Promise<LadderInForce> {
  return apiGet('/api/ladders/{id}', { params: { id: ladderId }, query: { at } });
}

export const ladderQueryOptions = (ladderId: string, at?: string) =>
  queryOptions({
    queryKey: ['ladders', ladderId, 'in-force', at ?? 'today'],
    queryFn: () => getLadder(ladderId, at),
  });

export function useLadder(ladderId: string | undefined, at?: string) {
  return useQuery({
    ...ladderQueryOptions(ladderId ?? '', at),
    enabled: ladderId !== undefined && ladderId !== '',
  });
}
