import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

type BuilderList = ApiResponse<'/api/builders'>;
/** A builder of the roster; `rates` only for callers who may see them. */
export type BuilderRow = BuilderList['items'][number];

/** GET /api/builders — every builder (leadership), by email. */
export function listBuilders(): Promise<BuilderList> {
  return apiRequest('/api/builders', { query: { limit: 500 } });
}

export const buildersQueryOptions = () => queryOptions({ queryKey: ['builders'], queryFn: listBuilders });

export function useBuilders() {
  return useQuery(buildersQueryOptions());
}
