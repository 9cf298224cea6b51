import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { forEachEngine } from '../helpers/database.js';
import { createTestAccount, signInAs, TEST_PASSWORD, type SignedIn } from '../helpers/sign-in.js';

const clock = fixedClock('2026-11-26T12:00:00Z');

forEachEngine('accounts, sessions and tokens', (getDb) => {
  let app: FastifyInstance;
  let logs = '';
  let lead: SignedIn;

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    app = await buildApp({ database: getDb(), clock }, { logger: { level: 'trace', stream: logStream } });
    await app.ready();
    const { db } = getDb();
    await createTestAccount(db, { email: 'lead@example.test', role: 'leadership' });
    await createTestAccount(db, { email: 'ana@example.test', role: 'builder' });
    lead = await signInAs(app, 'lead@example.test');
  });
  afterAll(async () => {
    await app.close();
  });

  it('signs in with an HttpOnly, SameSite session cookie and knows who is signed in', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'Ana@Example.test', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'ladder_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const session = await app.inject({
      url: '/api/auth/session',
      headers: { cookie: `ladder_session=${cookie?.value}` },
    });
    expect(session.json()).toMatchObject({
      email: 'ana@example.test',
      role: 'builder',
      builder_id: 'ana@example.test',
      via: 'session',
    });
  });

  it('says whether a signed-in builder is on the roster yet, so the home never asks for a path that is not there', async () => {
    const ana = await signInAs(app, 'ana@example.test');
    const before = await app.inject({ url: '/api/auth/session', headers: { cookie: ana.cookie } });
    expect(before.json()).toMatchObject({ role: 'builder', on_roster: false });
    const leader = await app.inject({ url: '/api/auth/session', headers: { cookie: lead.cookie } });
    expect(leader.json()).toMatchObject({ role: 'leadership', builder_id: null, on_roster: false });
    const created = await app.inject({
      method: 'POST',
      url: '/api/builders',
      headers: lead.writeHeaders,
      payload: {
        email: 'ana@example.test',
        name: 'Ana',
        track: 'ai-first-business-manager',
        levels: [{ level: 'L2', since: '2026-01-05' }],
        rates: [{ since: '2026-01-05', rate_minor: 500_000, currency: 'USD' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = await app.inject({ url: '/api/auth/session', headers: { cookie: ana.cookie } });
    expect(after.json()).toMatchObject({ role: 'builder', on_roster: true });
  });

  it('refuses a wrong password and an unknown email alike with 401', async () => {
    for (const payload of [
      { email: 'ana@example.test', password: 'wrong password!!' },
      { email: 'nobody@example.test', password: TEST_PASSWORD },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload,
        remoteAddress: '10.0.0.9',
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: 'unauthenticated', message: 'Wrong email or password' });
    }
  });

  it('does not authenticate on the probes: a revoked or unknown token still gets /healthz', async () => {
    const response = await app.inject({ url: '/healthz', headers: { authorization: 'Bearer ldr_unknown' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBeUndefined();
    const api = await app.inject({
      url: '/api/auth/session',
      headers: { authorization: 'Bearer ldr_unknown' },
    });
    expect(api.statusCode).toBe(401);
  });

  it('answers anonymous callers of a protected route with 401', async () => {
    expect((await app.inject('/api/audit')).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/audit', headers: { cookie: 'ladder_session=forged' } })).statusCode,
    ).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and a cross-site one, with 403', async () => {
    const payload = { name: 'script' };
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: lead.readHeaders,
      payload,
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toMatchObject({ error: 'csrf_failed' });
    const wrongToken = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { ...lead.readHeaders, 'x-csrf-token': 'x'.repeat(lead.csrf.length) },
      payload,
    });
    expect(wrongToken.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { ...lead.writeHeaders, origin: 'https://evil.example', host: 'ladder.example' },
      payload,
    });
    expect(crossSite.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: lead.writeHeaders,
      payload,
    });
    expect(ok.statusCode).toBe(201);
    // A sign-in posted from another site (login CSRF) is refused too.
    const foreignSignIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'https://evil.example', host: 'ladder.example' },
      payload: { email: 'ana@example.test', password: TEST_PASSWORD },
    });
    expect(foreignSignIn.statusCode).toBe(403);
    const sameSiteSignIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'https://ladder.example', host: 'ladder.example' },
      payload: { email: 'ana@example.test', password: TEST_PASSWORD },
    });
    expect(sameSiteSignIn.statusCode).toBe(200);
  });

  it('issues API tokens shown once, hashed at rest, scoped to a role, that stop working when revoked', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: lead.writeHeaders,
      payload: { name: 'nightly export', role: 'builder' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json<{ token: string; id: string }>();
    expect(token).toMatch(/^ldr_/);
    const bearer = { authorization: `Bearer ${token}` };
    // Scoped to builder: the leadership-only audit log is closed to it, its own session answers.
    expect((await app.inject({ url: '/api/auth/session', headers: bearer })).json()).toMatchObject({
      role: 'builder',
      via: 'token',
    });
    expect((await app.inject({ url: '/api/audit', headers: bearer })).statusCode).toBe(403);
    // Listed without the secret; stored only as a hash.
    const listed = await app.inject({ url: '/api/auth/tokens', headers: lead.readHeaders });
    expect(listed.body).not.toContain(token);
    const stored = await getDb().db.execute(sql`select token_hash from api_tokens`);
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    // A token write needs no CSRF token (no cookie is involved).
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      headers: lead.writeHeaders,
    });
    expect(revoke.statusCode).toBe(200);
    const after = await app.inject({ url: '/api/auth/session', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('does not let a builder mint a leadership token', async () => {
    const ana = await signInAs(app, 'ana@example.test');
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: ana.writeHeaders,
      payload: { name: 'escalate', role: 'leadership' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('changes a password: the old one stops working, other sessions end, this one stays', async () => {
    const { db } = getDb();
    await createTestAccount(db, { email: 'cy@example.test', role: 'builder' });
    const first = await signInAs(app, 'cy@example.test');
    const second = await signInAs(app, 'cy@example.test');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: first.writeHeaders,
      payload: { current_password: TEST_PASSWORD, new_password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ message: expect.stringMatching(/new_password/) });
    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: first.writeHeaders,
      payload: { current_password: TEST_PASSWORD, new_password: 'a much longer passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/session', headers: first.readHeaders })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/session', headers: second.readHeaders })).statusCode).toBe(
      401,
    );
    await expect(signInAs(app, 'cy@example.test')).rejects.toThrow(/401/);
    await expect(signInAs(app, 'cy@example.test', 'a much longer passphrase')).resolves.toBeDefined();
  });

  it('refuses a password the estimator can guess, with its advice, on account creation and change', async () => {
    for (const password of ['aaaaaaaaaaaa', ' '.repeat(12), 'Password2026!']) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: lead.writeHeaders,
        payload: { email: 'weak@example.test', role: 'builder', password },
      });
      expect(created.statusCode).toBe(400);
      expect(created.json()).toMatchObject({
        error: 'validation_failed',
        message: expect.stringMatching(/^password: too easy to guess \(strength [0-2] of 4/),
        details: [{ field: 'password', suggestions: expect.any(Array) }],
      });
    }
    const { db } = getDb();
    await createTestAccount(db, { email: 'gil@example.test', role: 'builder' });
    const gil = await signInAs(app, 'gil@example.test');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: gil.writeHeaders,
      payload: { current_password: TEST_PASSWORD, new_password: 'gil@example.test' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      message: expect.stringMatching(/^new_password: too easy to guess/),
      details: [{ field: 'new_password', warning: expect.stringMatching(/personal/) }],
    });
  });

  it('revokes the account’s API tokens on a password change unless asked to keep them', async () => {
    const { db } = getDb();
    await createTestAccount(db, { email: 'hal@example.test', role: 'builder' });
    const hal = await signInAs(app, 'hal@example.test');
    const mint = async (name: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/tokens',
          headers: hal.writeHeaders,
          payload: { name },
        })
      ).json<{ token: string }>().token;
    const change = (current: string, next: string, keep?: boolean) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: hal.writeHeaders,
        payload: {
          current_password: current,
          new_password: next,
          ...(keep === undefined ? {} : { revoke_api_tokens: !keep }),
        },
      });
    const works = async (token: string) =>
      (await app.inject({ url: '/api/auth/session', headers: { authorization: `Bearer ${token}` } }))
        .statusCode === 200;

    const kept = await mint('kept');
    // A token holder cannot take the account over by changing its password.
    const byToken = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { authorization: `Bearer ${kept}` },
      payload: { current_password: TEST_PASSWORD, new_password: 'a takeover passphrase' },
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json()).toMatchObject({
      message: expect.stringMatching(/API token cannot change the password/),
    });
    expect((await change(TEST_PASSWORD, 'a brand new passphrase', true)).statusCode).toBe(204);
    expect(await works(kept)).toBe(true);
    // The default revokes: whoever knew the old password may have minted tokens.
    expect((await change('a brand new passphrase', 'and another passphrase')).statusCode).toBe(204);
    expect(await works(kept)).toBe(false);
    const audit = await app.inject({
      url: '/api/audit?action=account.password_change&limit=500',
      headers: lead.readHeaders,
    });
    const entries = audit.json<{ entries: { after: { revokedApiTokens?: string[] } | null }[] }>().entries;
    expect(entries.map((entry) => entry.after?.revokedApiTokens?.length)).toEqual(
      expect.arrayContaining([0, 1]),
    );
  });

  it('signs out: the cookie is cleared and stops working at once', async () => {
    const session = await signInAs(app, 'ana@example.test');
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: session.writeHeaders,
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'ladder_session')?.value).toBe('');
    expect((await app.inject({ url: '/api/auth/session', headers: session.readHeaders })).statusCode).toBe(
      401,
    );
  });

  it('answers the 11th rapid failed sign-in with 429 and Retry-After, even with the right password', async () => {
    const { db } = getDb();
    await createTestAccount(db, { email: 'dee@example.test', role: 'builder' });
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'dee@example.test', password },
        remoteAddress: '10.1.1.1',
      });
    for (let i = 1; i <= 10; i += 1) expect((await attempt(`guess number ${i}`)).statusCode).toBe(401);
    const eleventh = await attempt('guess number 11');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringMatching(/try again in \d+ seconds/),
    });
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429);
    // Another person signing in from elsewhere is not locked out.
    expect((await signInAs(app, 'ana@example.test')).csrf).toBeTruthy();
  });

  it('sends security headers and refuses oversized bodies with 413', async () => {
    const response = await app.inject('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toBeDefined();
    const big = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'a@b.c', password: 'x'.repeat(20_000) },
    });
    expect(big.statusCode).toBe(413);
  });

  it('lets leadership create accounts and read the audit log of every kind of account write', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: lead.writeHeaders,
      payload: { email: 'eve@example.test', role: 'builder', password: TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    expect(created.body.replace('"must_change_password":true', '')).not.toMatch(/password/i);
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: lead.writeHeaders,
      payload: { email: 'EVE@example.test', role: 'builder', password: TEST_PASSWORD },
    });
    expect(duplicate.statusCode).toBe(409);
    const audit = await app.inject({ url: '/api/audit?limit=500', headers: lead.readHeaders });
    expect(audit.statusCode).toBe(200);
    const actions = new Set(audit.json<{ entries: { action: string }[] }>().entries.map((e) => e.action));
    for (const action of [
      'account.create',
      'session.create',
      'session.delete',
      'account.password_change',
      'api_token.create',
      'api_token.revoke',
    ]) {
      expect(actions).toContain(action);
    }
    const filtered = await app.inject({
      url: '/api/audit?action=account.create&actor=lead@example.test',
      headers: lead.readHeaders,
    });
    expect(filtered.json<{ entries: unknown[] }>().entries).toHaveLength(1);
  });

  it('never writes passwords, session cookies or tokens to the logs', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(TEST_PASSWORD);
    expect(logs).not.toContain(lead.cookie.split('=')[1]);
    expect(logs).not.toContain(lead.csrf);
    expect(logs).not.toMatch(/ldr_[A-Za-z0-9_-]{20}/);
  });
});
