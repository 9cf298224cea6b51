import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { SheetInput, SheetView } from '../types';

/** PUT /api/cases/{id}/sheet (private draft) or POST /api/cases/{id}/sheet/submit (final). */
export function saveSheet(id: number, sheet: SheetInput, submit: boolean): Promise<SheetView> {
  return submit
    ? apiRequest(`/api/cases/${id}/sheet/submit`, { method: 'POST', body: sheet })
    : apiRequest(`/api/cases/${id}/sheet`, { method: 'PUT', body: sheet });
}

export function useSaveSheet(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sheet, submit }: { sheet: SheetInput; submit: boolean }) => saveSheet(id, sheet, submit),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}
