import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiQuery, ApiResponse } from '../../../api/contract';
import type { EvidenceRecord, Page } from '../types';

/** A page of records and the names of their people (email → name). */
export type EvidencePage = Page<EvidenceRecord> & Pick<ApiResponse<'/api/evidence'>, 'names'>;

/** The filters GET /api/evidence accepts (builder, kind, date range, paging). */
export type EvidenceFilter = ApiQuery<'/api/evidence'>;

/** GET /api/evidence — records by date, filtered by builder, kind and a date range. */
export function listEvidence(filter: EvidenceFilter): Promise<EvidencePage> {
  return apiRequest('/api/evidence', { query: { ...filter } });
}

export const evidenceListQueryOptions = (filter: EvidenceFilter) =>
  queryOptions({ queryKey: ['evidence', 'list', filter], queryFn: () => listEvidence(filter) });

export function useEvidenceList(filter: EvidenceFilter) {
  return useQuery(evidenceListQueryOptions(filter));
}
