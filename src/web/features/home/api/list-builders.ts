import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** GET /api/builders — every builder (leadership), for their names beside the emails the other answers give. */
export async function listBuilderNames(): Promise<Map<string, string>> {
  const page = await apiGet('/api/builders', { query: { limit: 500 } });
  return new Map(page.items.map((b) => [b.email, b.name]));
}

export function useBuilderNames() {
  return useQuery({ queryKey: ['builders', 'names'], queryFn: listBuilderNames });
}
