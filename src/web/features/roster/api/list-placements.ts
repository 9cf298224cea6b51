import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface PlacementRow {
  id: string;
  builder: string;
  client: string;
  start: string;
  end: string | null;
  rate_minor?: number;
  currency?: string;
  extended: boolean;
  requested_back: boolean;
}

/** GET /api/placements — placements by start date (leadership: all). */
export function listPlacements(): Promise<{ items: PlacementRow[]; total: number }> {
  return apiRequest('/api/placements', { query: { limit: 500 } });
}

export const placementsQueryOptions = () =>
  queryOptions({ queryKey: ['placements'], queryFn: listPlacements });

export function usePlacements() {
  return useQuery(placementsQueryOptions());
}
