import { mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOwner, tryLockFolder } from './folder-lock.js';
import { startWireServer, type WireServer } from './wire-server.js';

/** The part of node-postgres's protocol connection the Close test drives by hand. */
interface RawConnection {
  close(message: { type: 'S' | 'P'; name: string }): void;
  sync(): void;
  once(event: string, listener: () => void): void;
}

describe('wire server: many connections take turns on one PGlite session', () => {
  let dir = '';
  let db: PGlite;
  let server: WireServer;
  const clients: pg.Client[] = [];
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ladder-wire-'));
    db = new PGlite();
    await db.waitReady;
    server = await startWireServer(db, { path: path.join(dir, '.s.PGSQL.5432'), idleInTransactionMs: 1_500 });
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.close(0);
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the socket for its user only', async () => {
    expect((await stat(path.join(dir, '.s.PGSQL.5432'))).mode & 0o777).toBe(0o600);
  });

  it("never runs one connection's Bind against another connection's Parse", async () => {
    // Large parameters split a Parse … Sync exchange over several socket reads: the moment another
    // connection could slip in (it did with pglite-socket 0.2.17: 200 of 1 200 wrong answers).
    const lanes = await Promise.all([connect(), connect(), connect(), connect()]);
    let wrong = 0;
    await Promise.all(
      lanes.map(async (client, lane) => {
        const big = lane % 2 === 0;
        for (let i = 0; i < 60; i++) {
          const want = lane * 1000 + i;
          const result = big
            ? await client.query<{ v: number; tag: string }>(
                "select $1::int as v, length($2::text) as l, 'big' as tag",
                [want, 'x'.repeat(300_000)],
              )
            : await client.query<{ v: number; tag: string }>(
                "select $1::int + 0 as v, $2::text as t, 'small' as tag",
                [want, 'x'],
              );
          const row = result.rows[0];
          if (row?.v !== want || row.tag !== (big ? 'big' : 'small')) wrong += 1;
        }
      }),
    );
    expect(wrong).toBe(0);
  }, 120_000);

  it('makes another connection wait for an open transaction instead of joining it', async () => {
    const [a, b, c] = [await connect(), await connect(), await connect()];
    await a.query('create table turn (x int)');
    await a.query('begin');
    await a.query('insert into turn values (1)');
    let bDone = false;
    const inserted = b.query('insert into turn values (2)').then(() => (bDone = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bDone).toBe(false);
    await a.query('rollback');
    await inserted;
    expect((await c.query<{ x: number }>('select x from turn order by x')).rows).toEqual([{ x: 2 }]);
  }, 60_000);

  it("does not let one connection's SET change another connection's session", async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('create table visible (x int)');
    await a.query("set search_path = ''");
    expect((await b.query<{ n: number }>('select count(*)::int as n from visible')).rows).toEqual([{ n: 0 }]);
  }, 60_000);

  it('shares named statements: each connection prepares the same one, and all of them run it', async () => {
    const lanes = await Promise.all([connect(), connect(), connect()]);
    const answers = await Promise.all(
      lanes.flatMap((client, lane) =>
        [1, 2, 3].map(async (i) => {
          const result = await client.query<{ v: number }>({
            name: 'doubled',
            text: 'select $1::int * 2 as v',
            values: [lane * 10 + i],
          });
          return result.rows[0]?.v;
        }),
      ),
    );
    // Without sharing, the second connection's Parse of "doubled" failed: prepared statement already exists.
    expect(answers).toEqual([2, 4, 6, 22, 24, 26, 42, 44, 46]);
  }, 60_000);

  it('gives one name with two texts (two code versions) a statement each', async () => {
    const [a, b] = [await connect(), await connect()];
    const one = await a.query<{ v: number }>({ name: 'which', text: 'select 1 as v' });
    const two = await b.query<{ v: number }>({ name: 'which', text: 'select 2 as v' });
    const oneAgain = await a.query<{ v: number }>({ name: 'which', text: 'select 1 as v' });
    expect([one.rows[0]?.v, two.rows[0]?.v, oneAgain.rows[0]?.v]).toEqual([1, 2, 1]);
  }, 60_000);

  it("runs a statement prepared by another connection under default settings, not that one's SET", async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('create table shared_visible (x int)');
    const count = { name: 'count_visible', text: 'select count(*)::int as n from shared_visible' };
    await a.query(count);
    await a.query("set search_path = ''");
    // b's Parse is answered without running: the RESET before b's turn must still happen.
    expect((await b.query<{ n: number }>(count)).rows).toEqual([{ n: 0 }]);
  }, 60_000);

  it('forgets a closed statement for the closing connection only', async () => {
    const [a, b] = [await connect(), await connect()];
    const tripled = { name: 'tripled', text: 'select $1::int * 3 as v' };
    await a.query({ ...tripled, values: [1] });
    await b.query({ ...tripled, values: [1] });
    // node-postgres has no call for Close: send Close (statement) and Sync on b's connection itself.
    const raw = (b as unknown as { connection: RawConnection }).connection;
    const closed = new Promise<void>((resolve) => raw.once('closeComplete', () => resolve()));
    const ready = new Promise<void>((resolve) => raw.once('readyForQuery', () => resolve()));
    raw.close({ type: 'S', name: 'tripled' });
    raw.sync();
    await closed;
    await ready;
    expect((await a.query<{ v: number }>({ ...tripled, values: [5] })).rows).toEqual([{ v: 15 }]);
  }, 60_000);

  it('answers a statement that fails midway with its error, and the next statements of everyone after it', async () => {
    const [a, b] = [await connect(), await connect()];
    // Parse … Sync run as one engine call: the Bind fails, the engine skips to the Sync and is idle again.
    await expect(a.query('select $1::int as v', ['abc'])).rejects.toThrow(/invalid input syntax/);
    const [again, other] = await Promise.all([
      a.query<{ v: number }>('select $1::int as v', [7]),
      b.query<{ v: number }>({ name: 'after_failure', text: 'select $1::int + 1 as v', values: [7] }),
    ]);
    expect([again.rows, other.rows]).toEqual([[{ v: 7 }], [{ v: 8 }]]);
  }, 60_000);

  it('rolls back what a vanished connection left open, and what an idle one holds too long', async () => {
    const [a, b, c] = [await connect(), await connect(), await connect()];
    await a.query('create table left_open (x int)');
    await a.query('begin');
    await a.query('insert into left_open values (1)');
    a.end().catch(() => undefined); // goes away mid-transaction
    await b.query('begin');
    await b.query('insert into left_open values (2)');
    // b now idles inside its transaction; after idleInTransactionMs it is cut off and rolled back.
    const started = Date.now();
    const rows = (await c.query<{ n: number }>('select count(*)::int as n from left_open')).rows;
    expect(rows).toEqual([{ n: 0 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await expect(b.query('select 1')).rejects.toThrow();
  }, 60_000);
});

describe('folder lock', () => {
  it('has one owner at a time, also within one process, and is free again after release', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ladder-lock-'));
    try {
      const first = tryLockFolder(dir, 'first');
      expect(first).not.toBeNull();
      expect(readOwner(dir)).toMatchObject({ pid: process.pid, command: 'first', socket: null });
      expect(tryLockFolder(dir, 'second')).toBeNull();
      first?.release();
      expect(existsSync(path.join(dir, 'ladder-owner.json'))).toBe(false);
      const third = tryLockFolder(dir, 'third');
      expect(third).not.toBeNull();
      third?.release();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
