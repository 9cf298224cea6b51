import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface BuilderRow {
  email: string;
  name: string;
  track: string;
  level: string;
  level_since: string;
  levels: { level: string; since: string }[];
  rates?: { since: string; rate_minor: number; currency: string }[];
}

/** GET /api/builders — every builder (leadership), by email. */
export function listBuilders(): Promise<{ items: BuilderRow[]; total: number }> {
  return apiRequest('/api/builders', { query: { limit: 500 } });
}

export const buildersQueryOptions = () => queryOptions({ queryKey: ['builders'], queryFn: listBuilders });

export function useBuilders() {
  return useQuery(buildersQueryOptions());
}
