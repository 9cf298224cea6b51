import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { EvidenceRecord } from '../types';

/** GET /api/evidence/{id} — one record. */
export function getEvidence(id: string): Promise<EvidenceRecord> {
  return apiRequest(`/api/evidence/${encodeURIComponent(id)}`);
}

export const evidenceQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['evidence', 'one', id], queryFn: () => getEvidence(id), staleTime: Infinity });

export function useEvidence(id: string, enabled = true) {
  return useQuery({ ...evidenceQueryOptions(id), enabled });
}
