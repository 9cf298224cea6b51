import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type LadderInForce = ApiResponse<'/api/ladders/{id}'>;

/**
 * GET /api/ladders then /api/ladders/{id} — the first published ladder in force today (as the readiness
 * board reads it): which levels promote, and how many metrics each level's standard has.
 */
export async function getFirstLadder(): Promise<LadderInForce | null> {
  const { ladders } = await apiGet('/api/ladders');
  const first = ladders[0];
  return first === undefined ? null : apiGet('/api/ladders/{id}', { params: { id: first.ladder } });
}

export function useFirstLadder() {
  return useQuery({ queryKey: ['ladders', 'first', 'today'], queryFn: getFirstLadder });
}
