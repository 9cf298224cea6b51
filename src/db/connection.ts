import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { ConfigError, type DatabaseTarget } from '../config.js';
import { DomainError } from '../core/errors.js';
import {
  describeOwner,
  readOwner,
  socketPathOf,
  SOCKET_PORT,
  tryLockFolder,
  type FolderLock,
  type OwnerInfo,
} from './embedded/folder-lock.js';
import type { OwnerWorkerInput, OwnerWorkerMessage } from './embedded/owner-worker.js';
import { migrationsFolder } from './migrate.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

/** The drizzle handle every repository takes; the same type on PGlite and on node-postgres. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle; repositories accept either a Database or a Transaction. */
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Executor = Database | Transaction;

/**
 * How a handle reaches its data: `direct` (in-process PGlite, or a PostgreSQL server), `owner` (this
 * process owns an embedded folder and shares it on the folder's socket) or `client` (another process owns
 * the folder; every query goes through its socket).
 */
export type DatabaseAccess = 'direct' | 'owner' | 'client';

export interface DatabaseHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  target: DatabaseTarget;
  access: DatabaseAccess;
  /** The process that owns the folder, when access is `client`. */
  owner: OwnerInfo | null;
  /** Runs a trivial query; throws when the database does not answer. */
  ping(): Promise<void>;
  /** Tells other processes (through the owner file) where this owner serves HTTP. */
  announce(address: string): void;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Own the embedded folder and share it with other processes on its socket (`ladder serve`). The
   * folder is migrated before the socket opens. Refused when another process owns the folder already.
   */
  share?: boolean;
  /** What the owner file calls this process in other processes' messages. */
  command?: string;
}

/**
 * Opens the configured database: embedded PGlite (in memory or a data folder) or a PostgreSQL server.
 * A data folder has one owner at a time (an OS lock); when another process owns it, the handle goes
 * through that owner's socket, or the open is refused in one line when the owner does not share it.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (target.engine === 'postgres') return openPostgres(target);
  if (target.dataDir === null) return openInProcess(target, new PGlite(), null);
  const dir = target.dataDir;
  const command = options.command ?? defaultCommand();
  const lock = tryLockFolder(dir, command);
  if (lock === null) {
    const owner = readOwner(dir);
    if (options.share === true) {
      throw new DomainError(
        'database_in_use',
        owner?.socket === null
          ? `${dir} is in use by ${describeOwner(owner)}; wait for it to finish, then start the server`
          : `${dir} is already served by ${describeOwner(owner)}; stop it first, or use DATABASE_URL=postgres://… to run several servers`,
      );
    }
    return connectToOwner(target, dir, owner);
  }
  try {
    // Only the lock holder may remove a socket, so a crashed owner's stale one never hides a live one.
    fs.rmSync(socketPathOf(dir), { force: true });
    if (options.share === true) return await openShared(target, dir, lock);
    const client = new PGlite(dir);
    return await openInProcess(target, client, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function defaultCommand(): string {
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  return args.length > 0 ? `ladder ${args.slice(0, 2).join(' ')}` : 'a ladder process';
}

async function openInProcess(
  target: DatabaseTarget,
  client: PGlite,
  lock: FolderLock | null,
): Promise<DatabaseHandle> {
  try {
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  let closed = false;
  return {
    db,
    engine: 'pglite',
    target,
    access: 'direct',
    owner: null,
    ping: async () => {
      await client.query('select 1');
    },
    announce: (address) => lock?.updateOwner({ address }),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

// Behind the owner's socket every connection takes turns on PGlite's one backend session, so a named
// prepared statement one connection made would exist for all of them, and another connection's Parse of
// the same name failed ("prepared statement already exists", 42P05). The wire server shares them instead
// (wire-server.ts: a statement is named after its client name and text), so names are safe on every
// engine, and a named statement is parsed once instead of parsed and planned on every execution.

/** The name to prepare a statement under (kept as a function: the one place to change that decision). */
export function preparedStatementName(name: string): string {
  return name;
}

/** A node-postgres pool on the folder's socket (node-postgres takes a folder as host). */
function socketPool(dir: string, max: number): pg.Pool {
  const pool = new pg.Pool({ host: dir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', max });
  pool.on('error', () => {
    // An idle client lost the owner; the next query fails with a clear error instead of crashing here.
  });
  return pool;
}

async function openShared(target: DatabaseTarget, dir: string, lock: FolderLock): Promise<DatabaseHandle> {
  // Only the folder's user may reach the socket: PostgreSQL's own rule for a data directory.
  fs.chmodSync(dir, 0o700);
  const socketPath = socketPathOf(dir);
  // A Unix socket path has at most 107 bytes on Linux (103 on macOS); a deeper folder cannot be shared.
  if (Buffer.byteLength(socketPath) > 103) {
    throw new ConfigError([
      `DATABASE_URL: ${dir} is too deep to be shared (its socket path exceeds 103 bytes); use a shorter path`,
    ]);
  }
  const input: OwnerWorkerInput = { dataDir: dir, socketPath, migrationsFolder };
  const worker = startEngineThread(input);
  const migrations = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the database thread stopped (exit ${code})`)));
    worker.once('message', (message: OwnerWorkerMessage) => {
      if (message.type === 'ready') resolve(message.migrations);
      else if (message.type === 'error') reject(new Error(message.message));
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  worker.removeAllListeners();
  worker.on('error', () => {
    // A crash of the engine thread surfaces as failing queries on the pool; close() still cleans up.
  });
  lock.updateOwner({ socket: socketPath, migrations });
  const pool = socketPool(dir, 10);
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  let closed = false;
  return {
    db,
    engine: 'pglite',
    target,
    access: 'owner',
    owner: null,
    ping: async () => {
      await pool.query('select 1');
    },
    announce: (address) => lock.updateOwner({ address }),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await pool.end();
        await new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.on('message', (message: OwnerWorkerMessage) => {
            if (message.type === 'closed') void worker.terminate();
          });
          worker.postMessage({ type: 'close' });
        });
      } finally {
        fs.rmSync(socketPath, { force: true });
        lock.release();
      }
    },
  };
}

/**
 * Starts the engine thread. From sources it needs tsx as well, and Node 20 loads a worker's entry module
 * before its --import hooks apply, so a small script registers tsx first and then imports the entry.
 */
function startEngineThread(input: OwnerWorkerInput): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./embedded/owner-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry, { workerData: input });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: input });
}

async function connectToOwner(
  target: DatabaseTarget,
  dir: string,
  owner: OwnerInfo | null,
): Promise<DatabaseHandle> {
  const who = describeOwner(owner);
  if (owner?.socket === null || owner?.socket === undefined || !fs.existsSync(socketPathOf(dir))) {
    throw new DomainError(
      'database_in_use',
      `${dir} is in use by ${who}, which does not share it; wait for it to finish (or stop it) and try again`,
    );
  }
  const pool = socketPool(dir, 4);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DomainError(
      'database_in_use',
      `${dir} is owned by ${who}, but its socket does not answer (${(error as Error).message}); try again, or stop it`,
    );
  }
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  let closed = false;
  return {
    db,
    engine: 'pglite',
    target,
    access: 'client',
    owner,
    ping: async () => {
      await pool.query('select 1');
    },
    announce: () => undefined,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function openPostgres(target: Extract<DatabaseTarget, { engine: 'postgres' }>): DatabaseHandle {
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
    access: 'direct',
    owner: null,
    ping: async () => {
      await pool.query('select 1');
    },
    announce: () => undefined,
    close: async () => {
      await pool.end();
    },
  };
}
