import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** What the competency view reads of a record: enough to know whether it stands and what it speaks to. */
export interface TaggedRecord {
  id: string;
  kind: string;
  date: string;
  supersedes: string | null;
  competencies?: string[];
}

interface Page {
  items: TaggedRecord[];
  total: number;
}

const PAGE = 500;

/**
 * GET /api/evidence?builder= — every record of the builder, page by page (the API answers at most 500 at
 * once), up to `at` when given.
 */
export async function listBuilderEvidence(builder: string, at?: string): Promise<TaggedRecord[]> {
  const out: TaggedRecord[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await apiRequest<Page>('/api/evidence', {
      query: { builder, limit: PAGE, offset, ...(at === undefined ? {} : { to: at }) },
    });
    out.push(...page.items);
    if (page.items.length < PAGE || out.length >= page.total) return out;
  }
}

export const builderEvidenceQueryOptions = (builder: string, at?: string) =>
  queryOptions({
    queryKey: ['evidence', 'competencies', builder, at ?? 'today'],
    queryFn: () => listBuilderEvidence(builder, at),
  });

export function useBuilderEvidence(builder: string, at: string | undefined, enabled: boolean) {
  return useQuery({ ...builderEvidenceQueryOptions(builder, at), enabled });
}
