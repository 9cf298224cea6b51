import { useQuery } from '@tanstack/react-query';
import type { MentorPayouts } from '../../../types/payouts';
import { apiGet } from '../../../lib/api-client';

/** GET /api/mentors/{email}/payouts?from=&to= — what a mentor is owed, month by month, per currency. */
export function getMentorPayouts(email: string, month: string): Promise<MentorPayouts> {
  return apiGet('/api/mentors/{email}/payouts', { params: { email }, query: { from: month, to: month } });
}

export function useMentorMonth(email: string, month: string, enabled = true) {
  return useQuery({
    queryKey: ['payouts', 'mentor', email, month, month],
    queryFn: () => getMentorPayouts(email, month),
    enabled,
  });
}
