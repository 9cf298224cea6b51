import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import {
  changeAccountRole,
  disableAccount,
  enableAccount,
} from '../../src/services/access/accounts.service.js';
import { listAudit } from '../../src/services/audit.service.js';
import { forEachEngine } from '../helpers/database.js';
import { createTestAccount, signInAs, TEST_PASSWORD, type SignedIn } from '../helpers/sign-in.js';

const clock = fixedClock('2026-11-26T12:00:00Z');

interface Listing {
  id: string;
  email: string;
  role: string;
  name: string | null;
  status: 'active' | 'disabled';
  disabled_at: string | null;
  last_sign_in_at: string | null;
  live_api_tokens: number;
  must_change_password: boolean;
}

/** Leadership's people-and-accounts routes (issue 17): list, invite, disable/enable, reset, revoke tokens. */
forEachEngine('people and accounts (leadership)', (getDb) => {
  let app: FastifyInstance;
  let lead: SignedIn;

  const services = () => ({ db: getDb().db, clock });

  async function listing(): Promise<Listing[]> {
    const response = await app.inject({ url: '/api/accounts', headers: lead.readHeaders });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ accounts: Listing[] }>().accounts;
  }
  async function accountOf(email: string): Promise<Listing> {
    const found = (await listing()).find((a) => a.email === email);
    if (found === undefined) throw new Error(`no account ${email}`);
    return found;
  }
  async function post(url: string, who: SignedIn = lead, payload?: Record<string, unknown>) {
    return app.inject({
      method: 'POST',
      url,
      headers: who.writeHeaders,
      ...(payload === undefined ? {} : { payload }),
    });
  }
  async function mintToken(who: SignedIn): Promise<string> {
    const response = await post('/api/auth/tokens', who, { name: 'script' });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ token: string }>().token;
  }
  const bearer = (token: string) =>
    app.inject({ url: '/api/auth/session', headers: { authorization: `Bearer ${token}` } });
  const signIn = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock });
    await app.ready();
    const { db } = getDb();
    await createTestAccount(db, { email: 'lead@org.test', role: 'leadership' });
    await createTestAccount(db, { email: 'ana@org.test', role: 'builder' });
    lead = await signInAs(app, 'lead@org.test');
    const person = await post('/api/builders', lead, {
      email: 'ana@org.test',
      name: 'Ana Alvarez',
      track: 'ai-first-business-manager',
      levels: [{ level: 'L2', since: '2026-01-01' }],
      rates: [{ since: '2026-01-01', rate_minor: 500_000, currency: 'EUR' }],
    });
    expect(person.statusCode, person.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists every account with its person’s name, status, last sign-in and live tokens', async () => {
    const before = await accountOf('ana@org.test');
    expect(before).toMatchObject({
      name: 'Ana Alvarez',
      role: 'builder',
      status: 'active',
      disabled_at: null,
      last_sign_in_at: null,
      live_api_tokens: 0,
    });
    expect(await accountOf('lead@org.test')).toMatchObject({
      name: null,
      last_sign_in_at: clock.now().toISOString(),
    });
    const ana = await signInAs(app, 'ana@org.test');
    await mintToken(ana);
    await mintToken(ana);
    expect(await accountOf('ana@org.test')).toMatchObject({
      last_sign_in_at: clock.now().toISOString(),
      live_api_tokens: 2,
    });
    // The only password word in a listing is the must-change flag: no secret, no hash.
    const listed = JSON.stringify(await listing()).replaceAll(/"must_change_password":(true|false)/g, '');
    expect(listed).not.toMatch(/password|hash|argon/i);
  });

  it('invites without a password: the server makes a temporary one, answered once, that signs in', async () => {
    const response = await post('/api/accounts', lead, { email: 'Pia@Org.test', role: 'builder' });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{ id: string; email: string; temporary_password: string }>();
    expect(body.email).toBe('pia@org.test');
    expect(body.temporary_password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect((await signIn('pia@org.test', body.temporary_password)).statusCode).toBe(200);
    // Never listed again, and not in the audit entry.
    expect(JSON.stringify(await listing())).not.toContain(body.temporary_password);
    const entries = await listAudit(getDb().db, operatorActor('t'), { entityId: body.id });
    expect(JSON.stringify(entries)).not.toContain(body.temporary_password);
    expect(entries.map((e) => e.action)).toContain('account.create');
    // With a password given there is no temporary one.
    const given = await post('/api/accounts', lead, {
      email: 'quin@org.test',
      role: 'builder',
      password: TEST_PASSWORD,
    });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).not.toHaveProperty('temporary_password');
  });

  it('disables an account: its session and tokens stop, sign-in says it is disabled, only with the right password', async () => {
    await createTestAccount(getDb().db, { email: 'dee@org.test', role: 'builder' });
    const dee = await signInAs(app, 'dee@org.test');
    const token = await mintToken(dee);
    const { id } = await accountOf('dee@org.test');

    const disabled = await post(`/api/accounts/${id}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(await accountOf('dee@org.test')).toMatchObject({ status: 'disabled', live_api_tokens: 0 });
    expect((await app.inject({ url: '/api/auth/session', headers: dee.readHeaders })).statusCode).toBe(401);
    expect((await bearer(token)).statusCode).toBe(401);

    const refused = await signIn('dee@org.test', TEST_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toMatch(/disabled.*leadership/i);
    // A wrong password learns nothing about the account.
    const wrong = await signIn('dee@org.test', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'unauthenticated', message: 'Wrong email or password' });

    expect((await post(`/api/accounts/${id}/disable`)).statusCode).toBe(409);

    const enabled = await post(`/api/accounts/${id}/enable`);
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect((await signIn('dee@org.test', TEST_PASSWORD)).statusCode).toBe(200);
    // The token revoked by the disable stays revoked.
    expect((await bearer(token)).statusCode).toBe(401);
    expect((await post(`/api/accounts/${id}/enable`)).statusCode).toBe(409);

    const actions = (await listAudit(getDb().db, operatorActor('t'), { entityId: id })).map(
      (e) => `${e.actor} ${e.action}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['lead@org.test account.disable', 'lead@org.test account.enable']),
    );
  });

  it('refuses to disable one’s own account and the last enabled leadership account', async () => {
    const self = await accountOf('lead@org.test');
    const own = await post(`/api/accounts/${self.id}/disable`);
    expect(own.statusCode).toBe(409);
    expect(own.json<{ message: string }>().message).toMatch(/your own account/);

    await createTestAccount(getDb().db, { email: 'lee@org.test', role: 'leadership' });
    // Two enabled leaders: one may go; the other is then the last.
    await disableAccount(services(), operatorActor('t'), 'lee@org.test');
    await expect(disableAccount(services(), operatorActor('t'), 'lead@org.test')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/last enabled leadership account/),
    });
    expect((await accountOf('lead@org.test')).status).toBe('active');
    await enableAccount(services(), operatorActor('t'), 'lee@org.test');
  });

  it('lets only one of two leaders disabling each other at the same moment win', async () => {
    await createTestAccount(getDb().db, { email: 'max@org.test', role: 'leadership' });
    await createTestAccount(getDb().db, { email: 'mia@org.test', role: 'leadership' });
    const [maxId, miaId] = [(await accountOf('max@org.test')).id, (await accountOf('mia@org.test')).id];
    const max = await signInAs(app, 'max@org.test');
    const mia = await signInAs(app, 'mia@org.test');
    // Leave max and mia as the only enabled leaders (this ends lead's session: signed in again below).
    await disableAccount(services(), operatorActor('t'), 'lee@org.test');
    await disableAccount(services(), operatorActor('t'), 'lead@org.test');
    const results = await Promise.all([
      post(`/api/accounts/${miaId}/disable`, max),
      post(`/api/accounts/${maxId}/disable`, mia),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    // The loser is refused as the last leader, or (its own account disabled first) is signed out.
    expect(codes[0]).toBe(200);
    expect([401, 409]).toContain(codes[1]);
    await enableAccount(services(), operatorActor('t'), 'lead@org.test');
    lead = await signInAs(app, 'lead@org.test');
    for (const email of ['max@org.test', 'mia@org.test']) {
      if ((await accountOf(email)).status === 'disabled')
        await enableAccount(services(), operatorActor('t'), email);
    }
  });

  it('resets a password to a temporary one: the old one stops, sessions end, tokens are revoked', async () => {
    await createTestAccount(getDb().db, { email: 'rob@org.test', role: 'builder' });
    const rob = await signInAs(app, 'rob@org.test');
    const token = await mintToken(rob);
    const { id } = await accountOf('rob@org.test');
    const response = await post(`/api/accounts/${id}/password-reset`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ temporary_password: string; revoked_api_tokens: number }>();
    expect(body.revoked_api_tokens).toBe(1);
    expect((await signIn('rob@org.test', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn('rob@org.test', body.temporary_password)).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/session', headers: rob.readHeaders })).statusCode).toBe(401);
    expect((await bearer(token)).statusCode).toBe(401);
    const entries = await listAudit(getDb().db, operatorActor('t'), { entityId: id });
    expect(entries.map((e) => e.action)).toContain('account.password_reset');
    expect(JSON.stringify(entries)).not.toContain(body.temporary_password);

    const self = await accountOf('lead@org.test');
    const own = await post(`/api/accounts/${self.id}/password-reset`);
    expect(own.statusCode).toBe(409);
  });

  it('revokes every token of an account and leaves its session and password alone', async () => {
    await createTestAccount(getDb().db, { email: 'tom@org.test', role: 'builder' });
    const tom = await signInAs(app, 'tom@org.test');
    const tokens = [await mintToken(tom), await mintToken(tom)];
    const { id } = await accountOf('tom@org.test');
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/accounts/${id}/tokens`,
      headers: lead.writeHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ revoked_api_tokens: 2 });
    for (const token of tokens) expect((await bearer(token)).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/auth/session', headers: tom.readHeaders })).statusCode).toBe(200);
    expect((await accountOf('tom@org.test')).live_api_tokens).toBe(0);
  });

  it('forces a temporary password’s holder to set their own: the server refuses everything else until then', async () => {
    const invited = await post('/api/accounts', lead, { email: 'fay@org.test', role: 'builder' });
    expect(invited.statusCode, invited.body).toBe(201);
    const temporary = invited.json<{ temporary_password: string; must_change_password: boolean }>();
    expect(temporary.must_change_password).toBe(true);
    const fay = await signInAs(app, 'fay@org.test', temporary.temporary_password);
    const session = await app.inject({ url: '/api/auth/session', headers: fay.readHeaders });
    expect(session.json()).toMatchObject({ email: 'fay@org.test', must_change_password: true });
    // A read, a write and minting a token (a way around the rule) are all refused, naming why.
    for (const refused of [
      await app.inject({ url: '/api/builders/fay@org.test/readiness', headers: fay.readHeaders }),
      await app.inject({ url: '/api/auth/tokens', headers: fay.readHeaders }),
      await post('/api/auth/tokens', fay, { name: 'script' }),
    ]) {
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json()).toMatchObject({
        error: 'password_change_required',
        message: expect.stringMatching(/temporary password: set your own first/),
      });
    }
    expect((await accountOf('fay@org.test')).must_change_password).toBe(true);
    // The temporary password again is no change.
    const same = await post('/api/auth/password', fay, {
      current_password: temporary.temporary_password,
      new_password: temporary.temporary_password,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json<{ message: string }>().message).toMatch(/^new_password: must differ/);
    const changed = await post('/api/auth/password', fay, {
      current_password: temporary.temporary_password,
      new_password: TEST_PASSWORD,
    });
    expect(changed.statusCode, changed.body).toBe(204);
    // The same session goes on, now unrestricted.
    const after = await app.inject({ url: '/api/auth/session', headers: fay.readHeaders });
    expect(after.json()).toMatchObject({ must_change_password: false });
    expect((await app.inject({ url: '/api/auth/tokens', headers: fay.readHeaders })).statusCode).toBe(200);
    expect((await accountOf('fay@org.test')).must_change_password).toBe(false);
    const entries = await listAudit(getDb().db, operatorActor('t'), {
      entityId: invited.json<{ id: string }>().id,
    });
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.create', 'account.password_change']),
    );

    // A reset puts the flag back; a password leadership typed sets it too; the operator's does not.
    const { id } = await accountOf('fay@org.test');
    const reset = await post(`/api/accounts/${id}/password-reset`);
    expect(reset.json()).toMatchObject({ account: { must_change_password: true } });
    const again = await signInAs(
      app,
      'fay@org.test',
      reset.json<{ temporary_password: string }>().temporary_password,
    );
    expect((await app.inject({ url: '/api/auth/tokens', headers: again.readHeaders })).statusCode).toBe(403);
    const typed = await post('/api/accounts', lead, {
      email: 'gus@org.test',
      role: 'builder',
      password: TEST_PASSWORD,
    });
    expect(typed.json()).toMatchObject({ must_change_password: true });
    await createTestAccount(getDb().db, { email: 'hal@org.test', role: 'builder' });
    expect((await accountOf('hal@org.test')).must_change_password).toBe(false);
  });

  it('changes a role: the session takes it at its next request; not one’s own, never the last leader', async () => {
    await createTestAccount(getDb().db, { email: 'ida@org.test', role: 'builder' });
    const ida = await signInAs(app, 'ida@org.test');
    const { id } = await accountOf('ida@org.test');
    expect((await app.inject({ url: '/api/accounts', headers: ida.readHeaders })).statusCode).toBe(403);
    const promoted = await post(`/api/accounts/${id}/role`, lead, { role: 'leadership' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ email: 'ida@org.test', role: 'leadership', client_id: null });
    expect((await app.inject({ url: '/api/accounts', headers: ida.readHeaders })).statusCode).toBe(200);
    expect((await accountOf('ida@org.test')).role).toBe('leadership');
    const entries = await listAudit(getDb().db, operatorActor('t'), { entityId: id });
    const change = entries.find((e) => e.action === 'account.role_change');
    expect(change).toMatchObject({ before: { role: 'builder' }, after: { role: 'leadership' } });

    // Same role again: nothing to change.
    expect((await post(`/api/accounts/${id}/role`, lead, { role: 'leadership' })).statusCode).toBe(409);
    // A client contact speaks for a client, nobody else does; an unknown client is named.
    const noClient = await post(`/api/accounts/${id}/role`, lead, { role: 'client_stakeholder' });
    expect(noClient.statusCode).toBe(400);
    expect(noClient.json<{ message: string }>().message).toMatch(/^client: a client stakeholder needs/);
    const builderWithClient = await post(`/api/accounts/${id}/role`, lead, {
      role: 'builder',
      client_id: 'acme',
    });
    expect(builderWithClient.json<{ message: string }>().message).toMatch(
      /^client: only a client stakeholder/,
    );
    const unknown = await post(`/api/accounts/${id}/role`, lead, {
      role: 'client_stakeholder',
      client_id: 'no-such-client',
    });
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect(unknown.json<{ message: string }>().message).toBe('client: no client no-such-client');
    expect((await accountOf('ida@org.test')).role).toBe('leadership');

    // Nobody changes their own role.
    const own = await post(`/api/accounts/${id}/role`, ida, { role: 'builder' });
    expect(own.statusCode).toBe(409);
    expect(own.json<{ message: string }>().message).toMatch(/your own role/);
    // Back to builder: the session loses leadership at once.
    expect((await post(`/api/accounts/${id}/role`, lead, { role: 'builder' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/accounts', headers: ida.readHeaders })).statusCode).toBe(403);
  });

  it('never demotes the last enabled leadership account', async () => {
    const leaders = (await listing()).filter((a) => a.role === 'leadership' && a.status === 'active');
    const others = leaders.filter((a) => a.email !== 'lead@org.test');
    for (const other of others) await disableAccount(services(), operatorActor('t'), other.email);
    await expect(
      changeAccountRole(services(), operatorActor('t'), 'lead@org.test', { role: 'builder' }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/last enabled leadership/) });
    expect((await accountOf('lead@org.test')).role).toBe('leadership');
    for (const other of others) await enableAccount(services(), operatorActor('t'), other.email);
    // With a second enabled leader it may go (and comes back).
    await changeAccountRole(services(), operatorActor('t'), 'lead@org.test', { role: 'builder' });
    await changeAccountRole(services(), operatorActor('t'), 'lead@org.test', { role: 'leadership' });
  });

  describe('unknown accounts', () => {
    it('answers 404 naming the account', async () => {
      for (const url of [
        '/api/accounts/nope/disable',
        '/api/accounts/nope/enable',
        '/api/accounts/nope/password-reset',
      ]) {
        const response = await post(url);
        expect(response.statusCode).toBe(404);
        expect(response.json<{ message: string }>().message).toMatch(/nope/);
      }
    });
  });
});
