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

// Migration 0022 gives each level step its track (ADR 0030). A database migrated to 0021 and holding
// builders of two tracks with several steps each, migrated to the end, has every step in its builder's
// track, and the column is required from then on.

let before: string;
beforeAll(async () => {
  before = await mkdtemp(path.join(tmpdir(), 'ladder-0021-'));
  await cp(migrationsFolder, before, { recursive: true });
  const journalPath = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  expect(journal.entries.some((e) => e.tag === '0022_builder_level_track')).toBe(true);
  for (const entry of journal.entries.filter((e) => e.idx > 21))
    await rm(path.join(before, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx <= 21);
  await writeFile(journalPath, JSON.stringify(journal));
});
afterAll(async () => {
  await rm(before, { recursive: true, force: true });
});

// Written in 0021's columns (no track): what a database of the previous release holds.
const seed = `
  insert into people (email, name, role, created_at) values
    ('ana@x.test', 'Ana', 'builder', now()), ('bo@x.test', 'Bo', 'builder', now()), ('cy@x.test', 'Cy', 'builder', now());
  insert into builders (email, track) values
    ('ana@x.test', 'ai-first-business-manager'), ('bo@x.test', 'backend'), ('cy@x.test', 'backend');
  insert into builder_levels (builder_email, level, since) values
    ('ana@x.test', 'L3', '2023-05-01'), ('ana@x.test', 'L4', '2025-02-03'),
    ('bo@x.test', 'E1', '2024-01-01'), ('bo@x.test', 'E2', '2025-07-01'),
    ('cy@x.test', 'E1', '2025-03-01');`;
const steps = sql`select builder_email, level, since::text as since, track from builder_levels
  order by builder_email, since`;
const expected = [
  { builder_email: 'ana@x.test', level: 'L3', since: '2023-05-01', track: 'ai-first-business-manager' },
  { builder_email: 'ana@x.test', level: 'L4', since: '2025-02-03', track: 'ai-first-business-manager' },
  { builder_email: 'bo@x.test', level: 'E1', since: '2024-01-01', track: 'backend' },
  { builder_email: 'bo@x.test', level: 'E2', since: '2025-07-01', track: 'backend' },
  { builder_email: 'cy@x.test', level: 'E1', since: '2025-03-01', track: 'backend' },
];
const trackless = `insert into builder_levels (builder_email, level, since) values ('cy@x.test', 'E2', '2026-01-01')`;

/** The SQLSTATE of a failed statement (drizzle wraps the driver's error in `cause`). */
async function sqlState(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string') return code;
    }
    throw error;
  }
  return undefined;
}

it('fills each step’s track from its builder and then requires it, on PGlite', async () => {
  const client = new PGlite();
  const db = drizzlePglite(client);
  await migratePglite(db, { migrationsFolder: before });
  await client.exec(seed);
  await migratePglite(db, { migrationsFolder });
  expect((await db.execute(steps)).rows).toEqual(expected);
  // not_null_violation: every later write must name the step's track.
  expect(await sqlState(client.exec(trackless))).toBe('23502');
  await client.close();
}, 180_000);

it.runIf(testEngines().includes('postgres'))(
  'fills each step’s track from its builder and then requires it, on PostgreSQL',
  async () => {
    const serverUrl = process.env.TEST_DATABASE_URL ?? '';
    const name = `ladder_level_track_${process.pid}`;
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
      expect((await db.execute(steps)).rows).toEqual(expected);
      expect(await sqlState(client.query(trackless))).toBe('23502');
    } finally {
      await client.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
  180_000,
);
