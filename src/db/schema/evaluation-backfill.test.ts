import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEngines } from '../../../test/helpers/database.js';
import { migrationsFolder } from '../migrate.js';

// Migration 0011 backfills the standing intervals of a ledger that existed before it: a database
// migrated to 0010, given records and corrections (a chain whose later link is dated earlier), then
// migrated to the end, has the rows the triggers would have written.

let before: string;
beforeAll(async () => {
  before = await mkdtemp(path.join(tmpdir(), 'ladder-0010-'));
  await cp(migrationsFolder, before, { recursive: true });
  const journalPath = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  for (const entry of journal.entries.filter((e) => e.idx > 10))
    await rm(path.join(before, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx <= 10);
  await writeFile(journalPath, JSON.stringify(journal));
});
afterAll(async () => {
  await rm(before, { recursive: true, force: true });
});

const seed = `
  insert into people (email, name, role, created_at) values ('ana@x.test', 'Ana', 'builder', now());
  insert into builders (email, track) values ('ana@x.test', 't');
  insert into evidence (id, kind, builder_email, date, recorded_by, recorded_at, supersedes, fields) values
    ('r1', 'adr', 'ana@x.test', '2025-01-10', 'ana@x.test', now(), null, '{}'),
    ('c1', 'adr', 'ana@x.test', '2025-06-01', 'ana@x.test', now(), 'r1', '{}'),
    ('c2', 'adr', 'ana@x.test', '2025-04-01', 'ana@x.test', now(), 'c1', '{}'),
    ('r2', 'adr', 'ana@x.test', '2025-01-10', 'ana@x.test', now(), null, '{}');`;
const query = sql`select record_id, superseded_on::text as superseded_on, (select count(*) from evaluation_epoch)::int as epochs
  from evidence_corrected order by record_id`;
const expected = [
  { record_id: 'c1', superseded_on: '2025-04-01', epochs: 1 },
  { record_id: 'r1', superseded_on: '2025-04-01', epochs: 1 },
];

it('backfills evidence_corrected and the epoch on PGlite', async () => {
  const client = new PGlite();
  const db = drizzlePglite(client);
  await migratePglite(db, { migrationsFolder: before });
  await client.exec(seed);
  await migratePglite(db, { migrationsFolder });
  expect((await db.execute(query)).rows).toEqual(expected);
  await client.close();
}, 180_000);

it.runIf(testEngines().includes('postgres'))(
  'backfills evidence_corrected and the epoch on PostgreSQL',
  async () => {
    const serverUrl = process.env.TEST_DATABASE_URL ?? '';
    const name = `ladder_backfill_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const db = drizzlePostgres(client);
      await migratePostgres(db, { migrationsFolder: before });
      await client.query(seed);
      await migratePostgres(db, { migrationsFolder });
      expect((await db.execute(query)).rows).toEqual(expected);
    } finally {
      await client.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
);
