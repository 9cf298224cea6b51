import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiRequest } from '../../../lib/api-client';
import { accountsQueryKey } from './get-accounts';

export type PasswordReset = ApiResponse<'/api/accounts/{id}/password-reset', 'post'>;

/** POST /api/accounts/:id/password-reset — the answer holds the temporary password, this once. */
export function resetPassword(id: string): Promise<PasswordReset> {
  return apiRequest(`/api/accounts/${encodeURIComponent(id)}/password-reset`, { method: 'POST' });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
