import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../api/contract';
import { ApiError, apiRequest, rememberCsrfToken } from './api-client';

/** Who is signed in, as GET /api/auth/session's route schema defines it (ADR 0023). */
export type Session = ApiResponse<'/api/auth/session'>;
export type Role = Session['role'];

/** GET /api/auth/session — who is signed in (null when nobody is: 204, or 401), and the CSRF token for writes. */
export async function getSession(): Promise<Session | null> {
  try {
    // Nobody signed in: 204 with no body (no failed request in the browser's console), or 401.
    const session = await apiRequest<Session | ''>('/api/auth/session', { query: { optional: 'true' } });
    if (session === '' || session === null) {
      rememberCsrfToken(null);
      return null;
    }
    rememberCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQueryKey = ['auth', 'session'] as const;

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: sessionQueryKey, queryFn: getSession, staleTime: 60_000 });

/** The signed-in person, shared by the layout and every route. */
export function useSession() {
  return useQuery(sessionQueryOptions());
}

/** The builder record a person is (builders are keyed by email). */
export function builderEmailOf(session: Session): string | null {
  if (session.role !== 'builder') return null;
  return session.builder_id ?? session.email;
}
