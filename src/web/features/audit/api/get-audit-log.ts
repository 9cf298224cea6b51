import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiQuery, ApiResponse } from '../../../api/contract';

type AuditPage = ApiResponse<'/api/audit'>;
export type AuditEntry = AuditPage['entries'][number];

export type AuditFilter = ApiQuery<'/api/audit'>;

/** GET /api/audit — entries newest first; page with before_id. */
export function getAuditLog(filter: AuditFilter): Promise<AuditPage> {
  return apiRequest('/api/audit', { query: { ...filter } });
}

export const auditQueryOptions = (filter: AuditFilter) =>
  queryOptions({ queryKey: ['audit', filter], queryFn: () => getAuditLog(filter) });

export function useAuditLog(filter: AuditFilter) {
  return useQuery(auditQueryOptions(filter));
}
