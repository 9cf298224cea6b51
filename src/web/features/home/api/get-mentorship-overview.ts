import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type MentorshipOverview = ApiResponse<'/api/mentorships/overview'>;

/** GET /api/mentorships/overview?mentor= — a mentor's mentorships with check-in standing (all for leadership). */
export function getMentorshipOverview(mentor?: string): Promise<MentorshipOverview> {
  return apiGet('/api/mentorships/overview', { query: mentor === undefined ? {} : { mentor } });
}

export function useMentorshipOverview(mentor?: string) {
  return useQuery({
    queryKey: ['mentorships', 'overview', mentor ?? 'all', 'today'],
    queryFn: () => getMentorshipOverview(mentor),
  });
}
