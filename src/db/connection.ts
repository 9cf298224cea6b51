import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

/** The drizzle handle every repository takes; the same type on PGlite and on node-postgres. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle; repositories accept either a Database or a Transaction. */
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  target: DatabaseTarget;
  /** Runs a trivial query; throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the configured database: embedded PGlite (in memory or a data folder) or a PostgreSQL server. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'pglite') {
    const client = target.dataDir === null ? new PGlite() : new PGlite(target.dataDir);
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return {
      db,
      engine: 'pglite',
      target,
      ping: async () => {
        await client.query('select 1');
      },
      close: async () => {
        await client.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // pg returns bigint/numeric as strings; count(*) casts to int in the repositories instead.
  pool.on('error', () => {
    // An idle client lost its server; the next query reconnects or fails with a clear error.
  });
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  return {
    db,
    engine: 'postgres',
    target,
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await pool.end();
    },
  };
}
