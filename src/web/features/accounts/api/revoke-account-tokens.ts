import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiRequest } from '../../../lib/api-client';
import { accountsQueryKey } from './get-accounts';

export type TokensRevoked = ApiResponse<'/api/accounts/{id}/tokens', 'delete'>;

/** DELETE /api/accounts/:id/tokens — every live API token of the account stops working. */
export function revokeAccountTokens(id: string): Promise<TokensRevoked> {
  return apiRequest(`/api/accounts/${encodeURIComponent(id)}/tokens`, { method: 'DELETE' });
}

export function useRevokeAccountTokens() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeAccountTokens,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
