import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** GET /api/mentorships?active_on= — who mentors whom on a day (for the roster's mentor filter). */
export function listActiveMentorships(day: string) {
  return apiGet('/api/mentorships', { query: { active_on: day, limit: 500 } });
}

export const activeMentorshipsQueryOptions = (day: string) =>
  queryOptions({ queryKey: ['mentorships', 'active', day], queryFn: () => listActiveMentorships(day) });

export function useActiveMentorships(day: string) {
  return useQuery(activeMentorshipsQueryOptions(day));
}
