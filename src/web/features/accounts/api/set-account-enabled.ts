import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiRequest } from '../../../lib/api-client';
import { accountsQueryKey } from './get-accounts';

export type AccountAnswer = ApiResponse<'/api/accounts/{id}/disable', 'post'>;

/** POST /api/accounts/:id/disable or /enable. */
export function setAccountEnabled(input: { id: string; enabled: boolean }): Promise<AccountAnswer> {
  const verb = input.enabled ? 'enable' : 'disable';
  return apiRequest(`/api/accounts/${encodeURIComponent(input.id)}/${verb}`, { method: 'POST' });
}

export function useSetAccountEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAccountEnabled,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
