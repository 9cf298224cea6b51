import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiRequest } from '../../../lib/api-client';
import type { EvidenceRecord } from '../types';

/** One record and the names of its people (email → name). */
export type NamedEvidenceRecord = EvidenceRecord & Pick<ApiResponse<'/api/evidence/{id}'>, 'names'>;

/** GET /api/evidence/{id} — one record, with the names of its builder, recorder and confirmer. */
export function getEvidence(id: string): Promise<NamedEvidenceRecord> {
  return apiRequest(`/api/evidence/${encodeURIComponent(id)}`);
}

export const evidenceQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['evidence', 'one', id], queryFn: () => getEvidence(id), staleTime: Infinity });

export function useEvidence(id: string, enabled = true) {
  return useQuery({ ...evidenceQueryOptions(id), enabled });
}
