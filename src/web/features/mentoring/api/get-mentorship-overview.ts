import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { MentorshipOverview } from '../types';

/** GET /api/mentorships/overview?mentor=&at= — relation, cadence, check-in standing and referral status. */
export function getMentorshipOverview(mentor?: string, at?: string): Promise<MentorshipOverview> {
  return apiRequest('/api/mentorships/overview', { query: { mentor, at } });
}

export const mentorshipOverviewQueryOptions = (mentor?: string, at?: string) =>
  queryOptions({
    queryKey: ['mentorships', 'overview', mentor ?? 'all', at ?? 'today'],
    queryFn: () => getMentorshipOverview(mentor, at),
  });

export function useMentorshipOverview(mentor?: string, at?: string) {
  return useQuery(mentorshipOverviewQueryOptions(mentor, at));
}
