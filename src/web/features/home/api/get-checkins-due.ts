import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type CheckinsDue = ApiResponse<'/api/checkins/due'>;

/** GET /api/checkins/due?mentor= — active mentorships whose current period has no check-in yet. */
export function getCheckinsDue(mentor?: string): Promise<CheckinsDue> {
  return apiGet('/api/checkins/due', { query: mentor === undefined ? {} : { mentor } });
}

export function useCheckinsDue(mentor?: string) {
  return useQuery({
    queryKey: ['mentorships', 'due', mentor ?? 'all', 'today'],
    queryFn: () => getCheckinsDue(mentor),
  });
}
