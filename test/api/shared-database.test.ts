import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { operatorActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { buildApp } from '../../src/server/app.js';
import { disableAccount } from '../../src/services/access/accounts.service.js';
import { buildServices } from '../../src/services/composition-root.js';
import { forEachEngine } from '../helpers/database.js';
import { createTestAccount, signInAs, TEST_PASSWORD, type SignedIn } from '../helpers/sign-in.js';

/**
 * Several app servers on one database (issue 13: "PostgreSQL: any number of processes"). Two `buildApp`
 * instances stand for two servers behind a load balancer: on PostgreSQL each has its own connection pool
 * (as two processes would); on PGlite they share the one handle an owning process has. Whatever one server
 * learns (a session, a sign-out, a disabled account, an audit entry, a published ladder, a taken mentor
 * slot) the other must know on its very next request, so none of it may live in one server's memory.
 */

const clock = fixedClock('2026-11-26T12:00:00Z');
const LADDER_FILE = path.resolve(import.meta.dirname, '../../ladders/ai-first-business-manager.yaml');
const TRACK = 'ai-first-business-manager';

const builderBody = (email: string, level: string, since: string) => ({
  email,
  name: email.split('@')[0],
  track: TRACK,
  levels: [{ level, since }],
  rates: [{ since, rate_minor: 500_000, currency: 'USD' }],
});

forEachEngine('two app servers on one database', (getDb, engine) => {
  let own: DatabaseHandle | undefined;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let leadA: SignedIn;
  let leadB: SignedIn;

  beforeAll(async () => {
    const first = getDb();
    own = engine === 'postgres' ? await openDatabase(first.target) : undefined;
    a = await buildApp({ database: first, clock });
    b = await buildApp({ database: own ?? first, clock });
    await Promise.all([a.ready(), b.ready()]);
    for (const email of ['lead-a@example.test', 'lead-b@example.test']) {
      await createTestAccount(first.db, { email, role: 'leadership' });
    }
    for (const email of ['ana@example.test', 'ben@example.test', 'cy@example.test']) {
      await createTestAccount(first.db, { email, role: 'builder' });
    }
    leadA = await signInAs(a, 'lead-a@example.test');
    leadB = await signInAs(b, 'lead-b@example.test');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await own?.close();
  });

  it('accepts a session and its CSRF token signed in on one server on the other', async () => {
    const ana = await signInAs(a, 'ana@example.test');
    const session = await b.inject({ url: '/api/auth/session', headers: ana.readHeaders });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ email: 'ana@example.test', via: 'session' });

    const created = await b.inject({
      method: 'POST',
      url: '/api/clients',
      headers: leadA.writeHeaders,
      payload: { id: 'northwind', name: 'Northwind' },
    });
    expect(created.statusCode).toBe(201);
    const forged = await b.inject({
      method: 'POST',
      url: '/api/clients',
      headers: { ...leadA.writeHeaders, 'x-csrf-token': leadB.csrf },
      payload: { id: 'forged', name: 'Forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ error: 'csrf_failed' });
    expect((await a.inject({ url: '/api/clients/northwind', headers: leadA.readHeaders })).statusCode).toBe(
      200,
    );
    expect((await a.inject({ url: '/api/clients/forged', headers: leadA.readHeaders })).statusCode).toBe(404);
  });

  it('ends a session signed out on one server on the other at once', async () => {
    const ana = await signInAs(b, 'ana@example.test');
    expect((await a.inject({ url: '/api/auth/tokens', headers: ana.readHeaders })).statusCode).toBe(200);
    const out = await a.inject({ method: 'POST', url: '/api/auth/sign-out', headers: ana.writeHeaders });
    expect(out.statusCode).toBe(204);
    const after = await b.inject({ url: '/api/auth/tokens', headers: ana.readHeaders });
    expect(after.statusCode).toBe(401);
    const write = await b.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: ana.writeHeaders,
      payload: { name: 'after sign-out' },
    });
    expect(write.statusCode).toBe(401);
  });

  it('refuses a disabled account’s session and API token on every server at once', async () => {
    const ben = await signInAs(b, 'ben@example.test');
    const made = await b.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: ben.writeHeaders,
      payload: { name: 'script' },
    });
    expect(made.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${made.json<{ token: string }>().token}` };
    expect((await a.inject({ url: '/api/auth/tokens', headers: bearer })).statusCode).toBe(200);
    expect((await a.inject({ url: '/api/auth/tokens', headers: ben.readHeaders })).statusCode).toBe(200);

    if (engine === 'postgres') {
      // A third process: the real CLI command with its own connections, as an operator runs it.
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let err = '';
      stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const target = getDb().target;
      if (target.engine !== 'postgres') throw new Error('expected a PostgreSQL target');
      const env = { DATABASE_URL: target.url, LADDER_OPERATOR: 'ops', LOG_LEVEL: 'silent' };
      const code = await runCli(['user', 'disable', '--email', 'ben@example.test'], {
        ...createCliContext(env),
        stdout,
        stderr,
      });
      expect(err).toBe('');
      expect(code).toBe(0);
    } else {
      // One process owns an embedded database: a CLI reaches it through that process (its own services).
      await disableAccount(
        buildServices({ database: getDb(), clock }),
        operatorActor('ops'),
        'ben@example.test',
      );
    }

    for (const app of [a, b]) {
      expect((await app.inject({ url: '/api/auth/tokens', headers: ben.readHeaders })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/auth/tokens', headers: bearer })).statusCode).toBe(401);
    }
    const again = await a.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'ben@example.test', password: TEST_PASSWORD },
    });
    // The right password is told the account is disabled (docs/access.md, "People and accounts").
    expect(again.statusCode).toBe(403);
    expect(again.json<{ message: string }>().message).toMatch(/disabled/);
  });

  it('numbers audit entries from both servers in one sequence: no duplicate, no gap, in commit order', async () => {
    const create = (app: FastifyInstance, lead: SignedIn, id: string) =>
      app.inject({
        method: 'POST',
        url: '/api/clients',
        headers: lead.writeHeaders,
        payload: { id, name: id },
      });
    // One after the other, alternating servers: the entries must alternate too.
    for (let i = 0; i < 6; i += 1) {
      const response = await (i % 2 === 0 ? create(a, leadA, `turn-${i}`) : create(b, leadB, `turn-${i}`));
      expect(response.statusCode).toBe(201);
    }
    // All at once from both: each write gets its own entry and its own number.
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0 ? create(a, leadA, `burst-${i}`) : create(b, leadB, `burst-${i}`),
      ),
    );
    expect(burst.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 201));

    interface Entry {
      id: number;
      actor: string;
      entity_id: string;
    }
    const read = async (app: FastifyInstance, lead: SignedIn): Promise<Entry[]> => {
      const response = await app.inject({
        url: '/api/audit?entity=client&action=client.create&limit=500',
        headers: lead.readHeaders,
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ entries: Entry[] }>().entries.sort((x, y) => x.id - y.id);
    };
    const seenByA = await read(a, leadA);
    expect(await read(b, leadB)).toEqual(seenByA);

    const turns = seenByA.filter((e) => e.entity_id.startsWith('turn-'));
    expect(turns.map((e) => e.entity_id)).toEqual([
      'turn-0',
      'turn-1',
      'turn-2',
      'turn-3',
      'turn-4',
      'turn-5',
    ]);
    expect(turns.map((e) => e.actor)).toEqual([
      'lead-a@example.test',
      'lead-b@example.test',
      'lead-a@example.test',
      'lead-b@example.test',
      'lead-a@example.test',
      'lead-b@example.test',
    ]);
    const bursts = seenByA.filter((e) => e.entity_id.startsWith('burst-'));
    expect(new Set(bursts.map((e) => e.entity_id)).size).toBe(20);
    expect(new Set(bursts.map((e) => e.id)).size).toBe(20);
    // Nothing else wrote meanwhile and nothing rolled back: the 26 numbers are consecutive.
    const ids = [...turns, ...bursts].map((e) => e.id).sort((x, y) => x - y);
    expect(ids.at(-1)! - ids[0]!).toBe(ids.length - 1);
    expect(new Set(bursts.map((e) => e.actor))).toEqual(
      new Set(['lead-a@example.test', 'lead-b@example.test']),
    );
  });

  it('evaluates with a ladder version published through the other server on the next request', async () => {
    const source = await readFile(LADDER_FILE, 'utf8');
    const publish = (app: FastifyInstance, lead: SignedIn, text: string) =>
      app.inject({
        method: 'POST',
        url: '/api/ladders',
        headers: lead.writeHeaders,
        payload: { source: text },
      });
    expect((await publish(a, leadA, source)).statusCode).toBe(201);
    const rosa = await b.inject({
      method: 'POST',
      url: '/api/builders',
      headers: leadB.writeHeaders,
      payload: builderBody('rosa@example.test', 'L4', '2024-08-15'),
    });
    expect(rosa.statusCode).toBe(201);
    const versionOn = async (app: FastifyInstance, lead: SignedIn, at: string) => {
      const response = await app.inject({
        url: `/api/builders/rosa@example.test/readiness?at=${at}`,
        headers: lead.readHeaders,
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ ladder_version: string }>().ladder_version;
    };
    expect(await versionOn(a, leadA, '2026-11-26')).toBe('2026-02-01');
    expect(await versionOn(b, leadB, '2026-11-26')).toBe('2026-02-01');

    const next = source.replace(/^version: 2026-02-01$/m, 'version: 2026-11-01');
    expect(next).not.toBe(source);
    expect((await publish(b, leadB, next)).statusCode).toBe(201);
    expect(await versionOn(a, leadA, '2026-11-26')).toBe('2026-11-01');
    expect(await versionOn(a, leadA, '2026-06-01')).toBe('2026-02-01');
    expect(await versionOn(b, leadB, '2026-11-26')).toBe('2026-11-01');
  });

  it('gives a mentor’s last slot, asked for through both servers at once, to exactly one mentee', async () => {
    for (const [email, level] of [
      ['mia@example.test', 'L4'],
      ['tom@example.test', 'L1'],
      ['una@example.test', 'L1'],
    ] as const) {
      const created = await a.inject({
        method: 'POST',
        url: '/api/builders',
        headers: leadA.writeHeaders,
        payload: builderBody(email, level, '2025-01-01'),
      });
      expect(created.statusCode).toBe(201);
    }
    // L4 gives one slot: the advisory lock that guards it is the database's, so it holds across servers.
    const assign = (app: FastifyInstance, lead: SignedIn, mentee: string) =>
      app.inject({
        method: 'POST',
        url: '/api/mentorships',
        headers: lead.writeHeaders,
        payload: { mentor: 'mia@example.test', mentee, start: '2026-11-01', end: null },
      });
    const answers = await Promise.all([
      assign(a, leadA, 'tom@example.test'),
      assign(b, leadB, 'una@example.test'),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)?.json()).toMatchObject({ error: 'mentor_slots_full' });
    const listed = await b.inject({
      url: '/api/mentorships?mentor=mia@example.test',
      headers: leadB.readHeaders,
    });
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(1);
  });
});
