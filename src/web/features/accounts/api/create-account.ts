import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiRequestBody, ApiResponse } from '../../../api/contract';
import { apiRequest } from '../../../lib/api-client';
import { accountsQueryKey } from './get-accounts';

export type NewAccount = ApiRequestBody<'/api/accounts'>;
export type CreatedAccount = ApiResponse<'/api/accounts', 'post'>;

/** POST /api/accounts — without `password` the answer carries a temporary one, this once. */
export function createAccount(body: NewAccount): Promise<CreatedAccount> {
  return apiRequest('/api/accounts', { method: 'POST', body });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
