import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, rememberCsrfToken } from '../../../lib/api-client';
import { sessionQueryKey } from '../../../lib/auth';

export interface SignInInput {
  email: string;
  password: string;
}

interface SignInAnswer {
  account: { id: string; email: string; role: string; client_id: string | null };
  csrf_token: string;
  expires_at: string;
}

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
