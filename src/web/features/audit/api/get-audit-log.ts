import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  before_id?: number;
  limit?: number;
}

/** GET /api/audit — entries newest first; page with before_id. */
export function getAuditLog(
  filter: AuditFilter,
): Promise<{ entries: AuditEntry[]; next_before_id: number | null }> {
  return apiRequest('/api/audit', { query: { ...filter } });
}

export const auditQueryOptions = (filter: AuditFilter) =>
  queryOptions({ queryKey: ['audit', filter], queryFn: () => getAuditLog(filter) });

export function useAuditLog(filter: AuditFilter) {
  return useQuery(auditQueryOptions(filter));
}
