import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

type PlacementList = ApiResponse<'/api/placements'>;
/** A placement; `rate_minor` and `currency` only for callers who may see them. */
export type PlacementRow = PlacementList['items'][number];

/** GET /api/placements — placements by start date (leadership: all). */
export function listPlacements(): Promise<PlacementList> {
  return apiRequest('/api/placements', { query: { limit: 500 } });
}

export const placementsQueryOptions = () =>
  queryOptions({ queryKey: ['placements'], queryFn: listPlacements });

export function usePlacements() {
  return useQuery(placementsQueryOptions());
}
