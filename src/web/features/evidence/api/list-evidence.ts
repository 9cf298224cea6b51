import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiQuery } from '../../../api/contract';
import type { EvidenceRecord, Page } from '../types';

export interface EvidenceFilter {
  builder?: string;
  kind?: ApiQuery<'/api/evidence'>['kind'];
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** GET /api/evidence — records by date, filtered by builder, kind and a date range. */
export function listEvidence(filter: EvidenceFilter): Promise<Page<EvidenceRecord>> {
  return apiRequest('/api/evidence', { query: { ...filter } });
}

export const evidenceListQueryOptions = (filter: EvidenceFilter) =>
  queryOptions({ queryKey: ['evidence', 'list', filter], queryFn: () => listEvidence(filter) });

export function useEvidenceList(filter: EvidenceFilter) {
  return useQuery(evidenceListQueryOptions(filter));
}
