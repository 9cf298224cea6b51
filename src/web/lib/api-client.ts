/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the CSRF token
 * on writes, and the API's error body turned into an ApiError that screens can show.
 */
import type { ApiPath, ApiQuery, ApiResponse } from '../api/contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

// The server never sets a readable CSRF cookie: the session's token comes in the body of sign-in and of
// GET /api/auth/session (`csrf_token`), and the app keeps it in memory only.
let csrfTokenFromSession: string | undefined;

/** The CSRF token of the signed-in session, sent as `x-csrf-token` on every write. */
export function readCsrfToken(): string | undefined {
  return csrfTokenFromSession;
}

/** Remembers the CSRF token the server returned in a body (sign-in, "who am I"). */
export function rememberCsrfToken(token: string | undefined | null): void {
  csrfTokenFromSession = token ?? undefined;
}

/** Builds `/api/...?a=b` from a path and query values, leaving out empty ones. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Sends a request and returns the parsed JSON body (or text for non-JSON answers). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCsrfToken();
    if (token !== undefined) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch {
    throw new ApiError(0, 'network', 'The server did not answer. Check your connection and try again.');
  }
  const type = response.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json')
    ? await response.json().catch(() => null)
    : await response.text();
  if (!response.ok) {
    const body = (typeof payload === 'object' && payload !== null ? payload : {}) as {
      error?: string;
      message?: string;
      details?: unknown;
    };
    throw new ApiError(
      response.status,
      body.error ?? 'http_error',
      body.message ?? `The server answered ${response.status}`,
      body.details,
    );
  }
  return payload as T;
}

/**
 * GETs a path of the contract (`'/api/builders/{email}/readiness'`), its `{name}` parts filled from
 * `params` (encoded): the answer's type is that route's own response schema, so a fetcher cannot name
 * one path and type its answer as another's.
 */
export function apiGet<P extends ApiPath>(
  path: P,
  options: { params?: Record<string, string | number>; query?: ApiQuery<P>; signal?: AbortSignal } = {},
): Promise<ApiResponse<P>> {
  const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = options.params?.[name];
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
  return apiRequest<ApiResponse<P>>(url, {
    ...(options.query === undefined ? {} : { query: options.query }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
