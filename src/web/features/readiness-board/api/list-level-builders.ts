import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

type BuilderList = ApiResponse<'/api/builders'>;

/**
 * GET /api/builders?level= — the level's builders with their names, so the board names people (the
 * ranking answer carries emails only; it is served as stored text and stays lean).
 */
export function listLevelBuilders(level: string): Promise<BuilderList> {
  return apiGet('/api/builders', { query: { level, limit: 500 } });
}

export const levelBuildersQueryOptions = (level: string) =>
  queryOptions({ queryKey: ['builders', 'level', level], queryFn: () => listLevelBuilders(level) });

/** The names of a level's builders by email (empty until the answer is in). */
export function useBuilderNames(level: string): Map<string, string> {
  const query = useQuery(levelBuildersQueryOptions(level));
  return new Map((query.data?.items ?? []).map((builder) => [builder.email, builder.name]));
}
