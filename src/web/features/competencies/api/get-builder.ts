import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

/** The part of a builder the competency view needs: which track (so which ladder) and which level. */
/** The part of a builder the competency view needs: which track (so which ladder) and which level. */
export type BuilderPlace = Pick<ApiResponse<'/api/builders/{email}'>, 'email' | 'name' | 'track' | 'level'>;

/** GET /api/builders/{email} — the builder's track and current level. */
export function getBuilder(email: string): Promise<BuilderPlace> {
  return apiRequest(`/api/builders/${encodeURIComponent(email)}`);
}

export const builderQueryOptions = (email: string) =>
  queryOptions({ queryKey: ['builders', email, 'place'], queryFn: () => getBuilder(email) });

export function useBuilder(email: string) {
  return useQuery(builderQueryOptions(email));
}
