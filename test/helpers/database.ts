import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';

export type TestEngine = 'pglite' | 'postgres';

/**
 * The engines the database and API tiers run on: PGlite always; PostgreSQL when TEST_DATABASE_URL is
 * set. In CI (CI=true) the server is mandatory, so a missing URL fails the run instead of skipping.
 */
export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    if (process.env.CI === 'true') {
      throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tier must run in CI');
    }
    return ['pglite'];
  }
  return ['pglite', 'postgres'];
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the per-file database on the server. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database of its own: in-memory PGlite, or a new database on the test server. */
export async function createTestDatabase(engine: TestEngine = 'pglite'): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ engine: 'pglite', dataDir: null });
    await runMigrations(handle);
    return { ...handle, destroy: () => handle.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') throw new Error('TEST_DATABASE_URL is not set');
  const name = `ladder_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString() });
  await runMigrations(handle);
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * Runs `body` once per test engine inside its own describe block, with a fresh database for the block.
 * `body` receives a getter because the database only exists once beforeAll has run.
 */
export function forEachEngine(
  title: string,
  body: (getDb: () => TestDatabase, engine: TestEngine) => void,
): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.destroy();
      });
      body(() => {
        if (database === undefined) throw new Error('test database not ready: use it inside a test or hook');
        return database;
      }, engine);
    });
  }
}
