import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/evidence {kind: checkin} — the mentor records a check-in with a mentee on a day. */
export function recordCheckin(input: {
  mentor: string;
  mentee: string;
  date: string;
}): Promise<{ id: string }> {
  return apiRequest('/api/evidence', {
    method: 'POST',
    body: { kind: 'checkin', builder: input.mentor, mentee: input.mentee, date: input.date },
  });
}

export function useRecordCheckin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordCheckin,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['mentorships'] }),
        queryClient.invalidateQueries({ queryKey: ['readiness'] }),
        queryClient.invalidateQueries({ queryKey: ['evidence'] }),
      ]);
    },
  });
}
