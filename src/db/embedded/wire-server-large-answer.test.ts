import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWireServer, type WireServer } from './wire-server.js';

// A large answer fills the socket's buffer, so the server's writes queue up: the bytes queued must be
// the ones PGlite produced then, not whatever its WASM memory holds by the time the socket drains
// (found by `ladder export` beside a running server: the CLI died parsing a corrupt DataRow).
let dir: string;
let db: PGlite;
let server: WireServer;
let pool: pg.Pool;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-wire-'));
  db = new PGlite();
  await db.waitReady;
  server = await startWireServer(db, { path: path.join(dir, '.s.PGSQL.5432') });
  pool = new pg.Pool({
    host: dir,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 2,
    query_timeout: 30_000,
  });
  // A corrupt answer leaves the client waiting for bytes that never come: query_timeout ends the wait.
}, 60_000);
afterAll(async () => {
  await pool.end();
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

it('sends a multi-megabyte answer through the socket byte for byte', async () => {
  const query = `select i, repeat(md5(i::text), 8) as text from generate_series(1, 20000) as i order by i`;
  const viaSocket = await pool.query<{ i: number; text: string }>(query);
  const direct = await db.query<{ i: number; text: string }>(query);
  expect(viaSocket.rows).toHaveLength(20_000);
  expect(viaSocket.rows).toEqual(direct.rows);
}, 120_000);
