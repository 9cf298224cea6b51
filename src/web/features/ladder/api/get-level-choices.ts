import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

type LevelAnswer = Exclude<ApiResponse<'/api/ladders/{id}/levels/{level}'>, string>;
/** One of the organisation's own choices a level's page shows (the field, its value as text and why). */
export type LevelChoice = NonNullable<LevelAnswer['choices']>[number];

/**
 * GET /api/ladders/{id}/levels/{level}?choices=true — the organisation's own choices the level's page
 * shows, as the rendered page lists them. `level` is `track/id`, which names a level even where tracks
 * share ids.
 */
export async function getLevelChoices(ladderId: string, level: string, at?: string): Promise<LevelChoice[]> {
  const answer = await apiGet('/api/ladders/{id}/levels/{level}', {
    params: { id: ladderId, level },
    query: { choices: 'true', at },
  });
  return typeof answer === 'string' ? [] : (answer.choices ?? []);
}

export const levelChoicesQueryOptions = (ladderId: string, level: string, at?: string) =>
  queryOptions({
    queryKey: ['ladders', ladderId, 'choices', level, at ?? 'today'],
    queryFn: () => getLevelChoices(ladderId, level, at),
  });

export function useLevelChoices(ladderId: string, level: string, at: string | undefined, enabled: boolean) {
  return useQuery({ ...levelChoicesQueryOptions(ladderId, level, at), enabled });
}
