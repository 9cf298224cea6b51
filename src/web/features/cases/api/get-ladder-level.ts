import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

type LevelAnswer = Exclude<ApiResponse<'/api/ladders/{id}/levels/{level}'>, string>;
export type PromotedLevel = LevelAnswer['level'];

/** GET /api/ladders/{id}/levels/{level}?at= — the level a promotion leads to, as the ladder in force then says. */
export async function getLadderLevel(ladder: string, level: string, at: string): Promise<LevelAnswer> {
  const answer = await apiGet('/api/ladders/{id}/levels/{level}', {
    params: { id: ladder, level },
    query: { at },
  });
  // Without `format` the route answers JSON; the union's text member is for format=html|md.
  if (typeof answer === 'string') throw new Error(`expected the level of ${ladder} as JSON`);
  return answer;
}

export const ladderLevelQueryOptions = (ladder: string, level: string, at: string) =>
  queryOptions({
    queryKey: ['cases', 'ladder-level', ladder, level, at],
    queryFn: () => getLadderLevel(ladder, level, at),
  });

export function useLadderLevel(ladder: string, level: string, at: string) {
  return useQuery(ladderLevelQueryOptions(ladder, level, at));
}
