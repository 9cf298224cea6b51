import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { VersionMeta } from '../../../types/ladder';

/** GET /api/ladders/{id}/versions — every published version, oldest first. */
export function getLadderVersions(ladderId: string): Promise<{ versions: VersionMeta[] }> {
  return apiGet('/api/ladders/{id}/versions', { params: { id: ladderId } });
}

export const ladderVersionsQueryOptions = (ladderId: string) =>
  queryOptions({ queryKey: ['ladders', ladderId, 'versions'], queryFn: () => getLadderVersions(ladderId) });

export function useLadderVersions(ladderId: string) {
  return useQuery(ladderVersionsQueryOptions(ladderId));
}
