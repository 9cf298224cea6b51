import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

/** One evidence source's sync state, as GET /api/sources answers it. */
type SourceList = ApiResponse<'/api/sources'>;
/** One evidence source's sync state, as GET /api/sources answers it. */
export type SourceState = SourceList['items'][number];

/** GET /api/sources — the sync state of every evidence source (leadership only). */
export function getSources(): Promise<SourceList> {
  return apiGet('/api/sources');
}

export const sourcesQueryOptions = () => queryOptions({ queryKey: ['sources'], queryFn: getSources });

export function useSources() {
  return useQuery(sourcesQueryOptions());
}
