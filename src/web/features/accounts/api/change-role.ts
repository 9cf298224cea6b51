import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiRequestBody, ApiResponse } from '../../../api/contract';
import { apiRequest } from '../../../lib/api-client';
import { accountsQueryKey } from './get-accounts';

export type RoleChange = ApiRequestBody<'/api/accounts/{id}/role'>;
export type RoleChanged = ApiResponse<'/api/accounts/{id}/role', 'post'>;

/** POST /api/accounts/:id/role — a new role (and the client, for a client contact). */
export function changeRole(input: { id: string; body: RoleChange }): Promise<RoleChanged> {
  return apiRequest(`/api/accounts/${encodeURIComponent(input.id)}/role`, {
    method: 'POST',
    body: input.body,
  });
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeRole,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
