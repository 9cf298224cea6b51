import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { PickerOption } from '../components/ui/person-picker';

/**
 * Picker options of people (leadership's forms: the roster lists are leadership-only), by name with the
 * email beside it: one place, so every picker of people searches the same names.
 */

/** GET /api/builders — every builder on the roster, by name with the email beside it. */
export function useRosterBuilderOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['builders', 'picker'],
    enabled,
    queryFn: async (): Promise<PickerOption[]> => {
      const page = await apiGet('/api/builders', { query: { limit: 500 } });
      return page.items.map((b) => ({ value: b.email, label: b.name, detail: b.email }));
    },
  });
}

/** GET /api/people — every person of the roster but client contacts (builders and leadership), by name. */
export function useStaffOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['people', 'picker', 'staff'],
    enabled,
    queryFn: async (): Promise<PickerOption[]> => {
      const page = await apiGet('/api/people', { query: { limit: 500 } });
      return page.items
        .filter((p) => p.role !== 'client_stakeholder')
        .map((p) => ({ value: p.email, label: p.name, detail: p.email }))
        .sort((a, b) => a.label.localeCompare(b.label));
    },
  });
}

/** GET /api/people — every person of the roster (any role), by name. */
export function usePeopleOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['people', 'picker', 'all'],
    enabled,
    queryFn: async (): Promise<PickerOption[]> => {
      const page = await apiGet('/api/people', { query: { limit: 500 } });
      return page.items
        .map((p) => ({ value: p.email, label: p.name, detail: p.email }))
        .sort((a, b) => a.label.localeCompare(b.label));
    },
  });
}
