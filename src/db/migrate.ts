import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { DomainError } from '../core/errors.js';
import type { DatabaseHandle } from './connection.js';
import { describeOwner } from './embedded/folder-lock.js';
import { migrationsFolder } from './migrations-folder.js';

export { migrationsFolder };

// Several app servers may start at once against one PostgreSQL server: a session advisory lock, held on
// one dedicated connection, makes them apply migrations one after the other instead of racing.
const MIGRATION_LOCK_KEY = 7_412_001;

/**
 * Applies every pending migration from the one migrations folder. Through another process's socket it
 * never migrates (that would change the schema under a running server): it only checks that the owner's
 * applied migrations are exactly this code's, and refuses in one line when they are not.
 */
export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  const target = handle.target;
  if (handle.access === 'owner') return; // the owner migrated before it opened its socket
  if (handle.access === 'client') {
    await checkOwnerSchema(handle);
    return;
  }
  if (target.engine === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const db = drizzlePostgres(client);
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrateNodePostgres(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } finally {
    await client.end();
  }
}

/** The creation stamps of this code's migrations, as drizzle records them once applied. */
export function expectedMigrations(): number[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return journal.entries.map((entry) => entry.when);
}

async function checkOwnerSchema(handle: DatabaseHandle): Promise<void> {
  // Both drivers answer execute() with { rows }; the stamp is a bigint (a string on node-postgres).
  const result: unknown = await handle.db.execute(
    sql`select created_at from drizzle.__drizzle_migrations order by created_at`,
  );
  const rows = (result as { rows: { created_at: string | number }[] }).rows;
  const applied = rows.map((row) => Number(row.created_at));
  const expected = expectedMigrations();
  if (applied.length === expected.length && applied.every((when, i) => when === expected[i])) return;
  const owner = describeOwner(handle.owner);
  const older = applied.length < expected.length && applied.every((when, i) => when === expected[i]);
  throw new DomainError(
    'schema_mismatch',
    older
      ? `${owner} runs an older schema (${applied.length} of this CLI's ${expected.length} migrations) and is never migrated while it runs: stop it, run 'ladder migrate', then start it again`
      : `${owner} runs a schema this CLI does not know (${applied.length} migrations applied, this CLI has ${expected.length}): use the ladder version the server runs`,
  );
}
