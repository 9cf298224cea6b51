import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/connection.js';
import { createAccount } from '../../src/services/access/accounts.service.js';
import { operatorActor } from '../../src/core/actor.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  email: string;
  /** `Cookie` header value for the session. */
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated write (cookie + CSRF token). */
  writeHeaders: Record<string, string>;
  readHeaders: Record<string, string>;
}

/** Creates an account as the operator (through the real service). */
export async function createTestAccount(
  db: Database,
  input: { email: string; role: Role; clientId?: string; password?: string },
): Promise<void> {
  await createAccount({ db, clock: fixedClock('2026-11-26T12:00:00Z') }, operatorActor('test'), {
    email: input.email,
    role: input.role,
    password: input.password ?? TEST_PASSWORD,
    clientId: input.clientId ?? null,
  });
}

/** Signs in through the API and returns the headers a browser would send afterwards. */
export async function signInAs(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'ladder_session');
  if (cookie === undefined) throw new Error('no session cookie');
  const csrf = response.json<{ csrf_token: string }>().csrf_token;
  const cookieHeader = `ladder_session=${cookie.value}`;
  return {
    email,
    cookie: cookieHeader,
    csrf,
    readHeaders: { cookie: cookieHeader },
    writeHeaders: { cookie: cookieHeader, 'x-csrf-token': csrf },
  };
}
