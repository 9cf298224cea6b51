import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** One evidence source's sync state, as GET /api/sources answers it. */
export interface SourceState {
  source: string;
  kind: string;
  cursor: unknown;
  last_run_at: string;
  last_status: string;
  counts: Record<string, number>;
}

/** GET /api/sources — the sync state of every evidence source (leadership only). */
export function getSources(): Promise<{ items: SourceState[] }> {
  return apiRequest('/api/sources');
}

export const sourcesQueryOptions = () => queryOptions({ queryKey: ['sources'], queryFn: getSources });

export function useSources() {
  return useQuery(sourcesQueryOptions());
}
