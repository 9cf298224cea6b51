import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CheckinStanding } from '../types';

export type DueCheckin = CheckinStanding & {
  mentorship: string;
  mentor: string;
  mentee: string;
  cadence: 'weekly' | 'biweekly';
};

/** GET /api/checkins/due?mentor=&at= — active mentorships whose current period has no check-in yet. */
export function getCheckinsDue(mentor?: string, at?: string): Promise<{ at: string; due: DueCheckin[] }> {
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
