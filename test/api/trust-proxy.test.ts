import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { SIGN_IN_FREE_ATTEMPTS } from '../../src/services/access/accounts.service.js';
import { forEachEngine } from '../helpers/database.js';
import { createTestAccount, TEST_PASSWORD } from '../helpers/sign-in.js';

const clock = fixedClock('2026-11-26T12:00:00Z');

forEachEngine('TRUST_PROXY: client address and https from the proxy', (getDb) => {
  let direct: FastifyInstance;
  let proxied: FastifyInstance;

  beforeAll(async () => {
    direct = await buildApp({ database: getDb(), clock });
    // app.inject comes from 127.0.0.1: that is the proxy here.
    proxied = await buildApp({ database: getDb(), clock }, { trustProxy: ['127.0.0.1'] });
    await createTestAccount(getDb().db, { email: 'ana@example.test', role: 'builder' });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  const signIn = (
    app: FastifyInstance,
    headers: Record<string, string>,
    password = TEST_PASSWORD,
    remoteAddress = '127.0.0.1',
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers,
      remoteAddress,
      payload: { email: 'ana@example.test', password },
    });
  const sessionCookie = (response: Awaited<ReturnType<typeof signIn>>) =>
    response.cookies.find((cookie) => cookie.name === 'ladder_session');

  it('marks the session cookie Secure when the proxy says the request was https', async () => {
    const https = await signIn(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5' });
    expect(https.statusCode).toBe(200);
    expect(sessionCookie(https)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    const http = await signIn(proxied, { 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.5' });
    expect(sessionCookie(http)?.secure).toBeUndefined();
  });

  it('takes a hop count too (TRUST_PROXY=1): the one proxy in front is believed', async () => {
    const oneHop = await buildApp({ database: getDb(), clock }, { trustProxy: 1 });
    try {
      const https = await signIn(oneHop, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
      expect(sessionCookie(https)?.secure).toBe(true);
    } finally {
      await oneHop.close();
    }
  });

  it('believes no forwarded header without TRUST_PROXY, nor from a peer that is not the proxy', async () => {
    const spoofed = await signIn(direct, { 'x-forwarded-proto': 'https' });
    expect(sessionCookie(spoofed)?.secure).toBeUndefined();
    const stranger = await signIn(proxied, { 'x-forwarded-proto': 'https' }, TEST_PASSWORD, '198.51.100.7');
    expect(stranger.statusCode).toBe(200);
    expect(sessionCookie(stranger)?.secure).toBeUndefined();
  });

  it('limits sign-ins per client behind the proxy, not per proxy', async () => {
    const attacker = { 'x-forwarded-for': '203.0.113.66' };
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i += 1)
      expect((await signIn(proxied, attacker, `wrong guess ${i}`)).statusCode).toBe(401);
    expect((await signIn(proxied, attacker)).statusCode).toBe(429);
    // The real person, behind the same proxy from their own address, still signs in.
    expect((await signIn(proxied, { 'x-forwarded-for': '203.0.113.10' })).statusCode).toBe(200);
    // Without TRUST_PROXY every client is the proxy's address: counted as one, which is why to set it.
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i += 1)
      expect(
        (await signIn(direct, { 'x-forwarded-for': `203.0.113.${100 + i}` }, `wrong ${i}!!`)).statusCode,
      ).toBe(401);
    expect((await signIn(direct, { 'x-forwarded-for': '203.0.113.10' })).statusCode).toBe(429);
  });
});
