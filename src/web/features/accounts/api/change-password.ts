import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiRequestBody } from '../../../api/contract';
import { apiRequest } from '../../../lib/api-client';
import { sessionQueryKey } from '../../../lib/auth';

export type PasswordChange = ApiRequestBody<'/api/auth/password'>;

/** POST /api/auth/password — the signed-in person sets their own password (204). */
export function changePassword(body: PasswordChange): Promise<void> {
  return apiRequest('/api/auth/password', { method: 'POST', body });
}

/** After the change the session no longer says must_change_password: read it again. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
