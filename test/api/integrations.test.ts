import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { createTeam, TEAM } from '../factories/integrations-world.js';
import { asActor, builderActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

forEachEngine('integrations API (accounts, analytics projects, sources)', (getDb) => {
  const clock = fixedClock('2026-02-01T12:00:00Z');
  let app: FastifyInstance;
  let asBuilder: FastifyInstance;

  beforeAll(async () => {
    await createTeam({ db: getDb().db, clock });
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    asBuilder = await buildApp(
      { database: getDb(), clock },
      { authenticate: asActor(builderActor(TEAM.rosa)) },
    );
  });
  afterAll(async () => {
    await app.close();
    await asBuilder.close();
  });

  it('links, moves, lists and unlinks GitHub logins', async () => {
    const link = (account: string, person: string) =>
      app.inject({
        method: 'POST',
        url: '/api/person-accounts',
        payload: { provider: 'github', account, person },
      });
    expect((await link('Rosa-Dev', TEAM.rosa)).json()).toEqual({
      provider: 'github',
      account: 'rosa-dev',
      person: TEAM.rosa,
    });
    await link('shared-bot', TEAM.tom);
    await link('shared-bot', TEAM.ana); // moves
    expect((await app.inject('/api/person-accounts')).json()).toEqual({
      items: [
        { provider: 'github', account: 'rosa-dev', person: TEAM.rosa },
        { provider: 'github', account: 'shared-bot', person: TEAM.ana },
      ],
    });
    expect(
      (await app.inject(`/api/person-accounts?person=${TEAM.ana}`)).json<{ items: unknown[] }>().items,
    ).toHaveLength(1);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/person-accounts/github/SHARED-BOT' })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/person-accounts/github/shared-bot' })).statusCode,
    ).toBe(404);
  });

  it('refuses a bad login or an unknown person, naming the field, and writes nothing', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/person-accounts',
      payload: { provider: 'github', account: '-nope-', person: TEAM.rosa },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/account/);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/person-accounts',
      payload: { provider: 'github', account: 'ghost', person: 'ghost@example.test' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toMatch(/person: unknown person ghost@example.test/);
    expect((await app.inject('/api/person-accounts')).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('links analytics projects to clients', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/analytics-projects',
      payload: { provider: 'mixpanel', project: '2712', client: TEAM.client },
    });
    expect(ok.json()).toEqual({ project: '2712', provider: 'mixpanel', client: TEAM.client });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/analytics-projects',
      payload: { provider: 'amplitude', project: '1', client: 'nobody' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/provider/);
    expect(
      (await app.inject(`/api/analytics-projects?client=${TEAM.client}`)).json<{ items: unknown[] }>().items,
    ).toHaveLength(1);
  });

  it('shows sources to leadership only', async () => {
    expect((await app.inject('/api/sources')).json()).toEqual({ items: [] });
    expect((await asBuilder.inject('/api/sources')).statusCode).toBe(403);
    expect((await asBuilder.inject('/api/person-accounts')).statusCode).toBe(403);
  });
});
