import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { PickerOption } from '../../../components/ui/person-picker';

/** GET /api/client/builders — the builders placed at the signed-in client contact's client. */
export function useClientBuilderOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['client', 'builders', 'picker'],
    enabled,
    queryFn: async (): Promise<PickerOption[]> => {
      const answer = await apiGet('/api/client/builders');
      const seen = new Set<string>();
      return answer.builders
        .filter((b) => !seen.has(b.builder) && seen.add(b.builder))
        .map((b) => ({ value: b.builder, label: b.name, detail: b.builder }));
    },
  });
}

/** GET /api/clients — every client by name (leadership). */
export function useClientOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['clients', 'picker'],
    enabled,
    queryFn: async (): Promise<PickerOption[]> => {
      const page = await apiGet('/api/clients', { query: { limit: 500 } });
      return page.items.map((c) => ({ value: c.id, label: c.name, detail: c.id }));
    },
  });
}

/**
 * GET /api/placements?builder= — the clients a builder has been placed with (a builder may read their own
 * placements, not the list of clients), each once, by id.
 */
export function usePlacedClientOptions(builder: string, enabled: boolean) {
  return useQuery({
    queryKey: ['placements', 'picker', builder],
    enabled: enabled && builder !== '',
    queryFn: async (): Promise<PickerOption[]> => {
      const page = await apiGet('/api/placements', { query: { builder, limit: 500 } });
      return [...new Set(page.items.map((p) => p.client))].map((client) => ({
        value: client,
        label: client,
      }));
    },
  });
}

/** GET /api/mentorships/overview?mentor= — a mentor's mentees (active ones first), by name. */
export function useMenteeOptions(mentor: string, enabled: boolean) {
  return useQuery({
    queryKey: ['mentorships', 'overview', 'picker', mentor],
    enabled: enabled && mentor !== '',
    queryFn: async (): Promise<PickerOption[]> => {
      const answer = await apiGet('/api/mentorships/overview', { query: { mentor } });
      const ordered = [...answer.mentorships].sort((a, b) => Number(b.active) - Number(a.active));
      const seen = new Set<string>();
      return ordered
        .filter((m) => !seen.has(m.mentee) && seen.add(m.mentee))
        .map((m) => ({
          value: m.mentee,
          label: m.mentee_name,
          detail: m.active ? m.mentee : `${m.mentee} (mentorship ended)`,
        }));
    },
  });
}
