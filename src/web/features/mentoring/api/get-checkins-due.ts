import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CheckinsDue, DueCheckin } from '../types';

export type { DueCheckin };

/** GET /api/checkins/due?mentor=&at= — active mentorships whose current period has no check-in yet. */
export function getCheckinsDue(mentor?: string, at?: string): Promise<CheckinsDue> {
  return apiRequest('/api/checkins/due', { query: { mentor, at } });
}

export const checkinsDueQueryOptions = (mentor?: string, at?: string) =>
  queryOptions({
    queryKey: ['mentorships', 'due', mentor ?? 'all', at ?? 'today'],
    queryFn: () => getCheckinsDue(mentor, at),
  });

export function useCheckinsDue(mentor?: string, at?: string) {
  return useQuery(checkinsDueQueryOptions(mentor, at));
}
