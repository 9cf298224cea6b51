import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, rememberCsrfToken } from '../../../lib/api-client';
import { sessionQueryKey } from '../../../lib/auth';
import type { ApiRequestBody, ApiResponse } from '../../../api/contract';

export type SignInInput = ApiRequestBody<'/api/auth/sign-in'>;
type SignInAnswer = ApiResponse<'/api/auth/sign-in', 'post'>;

/** POST /api/auth/sign-in — sets the session cookie and returns the CSRF token for writes. */
export async function signIn(input: SignInInput): Promise<SignInAnswer> {
  const answer = await apiRequest<SignInAnswer>('/api/auth/sign-in', { method: 'POST', body: input });
  rememberCsrfToken(answer.csrf_token);
  return answer;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    // Everything cached belonged to whoever was signed in before.
    onSuccess: async () => {
      queryClient.removeQueries();
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
