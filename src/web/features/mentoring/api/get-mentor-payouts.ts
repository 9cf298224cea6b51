import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { MentorPayouts } from '../types';

/** GET /api/mentors/{email}/payouts?from=&to= — one mentor's referral earnings month by month. */
export function getMentorPayouts(email: string, from?: string, to?: string): Promise<MentorPayouts> {
  return apiRequest(`/api/mentors/${encodeURIComponent(email)}/payouts`, { query: { from, to } });
}

export const mentorPayoutsQueryOptions = (email: string, from?: string, to?: string) =>
  queryOptions({
    queryKey: ['payouts', 'mentor', email, from, to],
    queryFn: () => getMentorPayouts(email, from, to),
  });

export function useMentorPayouts(email: string, from?: string, to?: string) {
  return useQuery(mentorPayoutsQueryOptions(email, from, to));
}
