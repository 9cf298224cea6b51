import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, rememberCsrfToken } from '../../../lib/api-client';

/** POST /api/auth/sign-out — ends this browser session. */
export async function signOut(): Promise<void> {
  await apiRequest<null>('/api/auth/sign-out', { method: 'POST' });
  rememberCsrfToken(null);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
    },
  });
}
