import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The part of a builder the competency view needs: which track (so which ladder) and which level. */
export interface BuilderPlace {
  email: string;
  name: string;
  track: string;
  level: string;
}

/** GET /api/builders/{email} — the builder's track and current level. */
export function getBuilder(email: string): Promise<BuilderPlace> {
  return apiRequest(`/api/builders/${encodeURIComponent(email)}`);
}

export const builderQueryOptions = (email: string) =>
  queryOptions({ queryKey: ['builders', email, 'place'], queryFn: () => getBuilder(email) });

export function useBuilder(email: string) {
  return useQuery(builderQueryOptions(email));
}
