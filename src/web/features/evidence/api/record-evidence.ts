import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { EvidenceRecord } from '../types';

/** POST /api/evidence — append a record (id and recorded_by default on the server). */
export function recordEvidence(body: Record<string, unknown>): Promise<EvidenceRecord> {
  return apiRequest('/api/evidence', { method: 'POST', body });
}

export function useRecordEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordEvidence,
    // A new record can change every evaluation that reads the ledger.
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['evidence'] }),
        queryClient.invalidateQueries({ queryKey: ['readiness'] }),
        queryClient.invalidateQueries({ queryKey: ['ranking'] }),
      ]);
    },
  });
}
