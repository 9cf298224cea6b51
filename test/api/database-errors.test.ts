import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { fixedClock } from '../../src/core/clock.js';
import { publicAccess } from '../../src/server/access/route-access.js';
import { buildApp } from '../../src/server/app.js';
import { forEachEngine } from '../helpers/database.js';

/**
 * The last line of defence (issue 14): a database error that gets past every schema is answered
 * without SQL or values (400 for a data exception, a generic 500 otherwise), logged by SQLSTATE only,
 * and printed by the CLI the same way — with real errors from each engine, not imitations.
 */

const SECRET = 'secret-parameter-4711';
const LEAK = new RegExp(`Failed query|params:|select|${SECRET}`, 'i');

forEachEngine('database errors', (getDb) => {
  let app: FastifyInstance;
  const logs: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    app = await buildApp(
      { database: getDb(), clock: fixedClock('2026-12-01T12:00:00Z') },
      { logger: { level: 'info', stream } },
    );
    const config = { access: publicAccess('throwaway test route') };
    // A date the database refuses (SQLSTATE 22008), sent as a parameter the way a repository would.
    app.get('/test/db-bad-date', { config }, async () =>
      getDb().db.execute(sql`select ${`0000-01-01 ${SECRET}`}::date as d`),
    );
    app.get('/test/db-missing-table', { config }, async () =>
      getDb().db.execute(sql`select * from no_such_table where x = ${SECRET}`),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a value the database refuses with a 400 that shows no SQL or value', async () => {
    const response = await app.inject('/test/db-bad-date');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'validation_failed', message: /SQLSTATE 22/ });
    expect(response.body).not.toMatch(LEAK);
  });

  it('answers any other database error with a generic 500', async () => {
    const response = await app.inject('/test/db-missing-table');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'internal', message: 'Something went wrong on our side' });
  });

  it('logs both by SQLSTATE, without the query or its parameters', () => {
    const text = logs.join('');
    expect(text).toContain('"sqlstate":"42P01"');
    expect(text).toMatch(/"sqlstate":"22/);
    expect(text).not.toMatch(LEAK);
  });

  it('the CLI prints a database error without SQL or parameters', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ladder-db-error-'));
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runCli(['export', dir], {
      ...createCliContext({ LADDER_OPERATOR: 'ops' }),
      stdout: new PassThrough(),
      stderr,
      clock: fixedClock('2026-12-01T12:00:00Z'),
      // Whatever the command, its first query fails the way a broken database does.
      withDatabase: async <T>(): Promise<T> => {
        await getDb().db.execute(sql`select * from no_such_table where x = ${SECRET}`);
        throw new Error('the query above always fails');
      },
    });
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(err).toMatch(/^ladder: internal error: The database refused the operation \(SQLSTATE 42P01\)/);
    expect(err).not.toMatch(LEAK);
  });
});
