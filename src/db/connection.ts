import fs from 'node:fs';
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
import { claimEarlyOwner, socketPathFits, startOwner, type StartedOwner } from './embedded/owner-start.js';
import type { OwnerWorkerMessage } from './embedded/owner-worker.js';
import { migrationsFolder } from './migrations-folder.js';
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
  // `ladder serve` may have started the engine thread already (src/cli/main.ts), holding the lock.
  const early = options.share === true ? claimEarlyOwner(dir) : undefined;
  if (early !== undefined) return openShared(target, early);
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
    if (options.share === true) {
      if (!socketPathFits(socketPathOf(dir))) {
        throw new ConfigError([
          `DATABASE_URL: ${dir} is too deep to be shared (its socket path exceeds 103 bytes); use a shorter path`,
        ]);
      }
      // startOwner owns the lock from here (it releases it when the engine thread fails).
      return await openShared(target, startOwner(dir, lock, migrationsFolder));
    }
    // Only the lock holder may remove a socket, so a crashed owner's stale one never hides a live one.
    fs.rmSync(socketPathOf(dir), { force: true });
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

async function openShared(target: DatabaseTarget, started: StartedOwner): Promise<DatabaseHandle> {
  const { lock, worker, socketPath } = started;
  const migrations = await started.ready;
  lock.updateOwner({ socket: socketPath, migrations });
  return poolHandle(target, socketPool(started.dir, 10), {
    access: 'owner',
    announce: (address) => lock.updateOwner({ address }),
    afterEnd: async () => {
      try {
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
  });
}

/**
 * The handle of a node-postgres pool: a PostgreSQL server, an owner's socket, or this process's own
 * owner (whose engine thread `afterEnd` stops once the pool has ended, even when ending it failed).
 */
function poolHandle(
  target: DatabaseTarget,
  pool: pg.Pool,
  options: {
    access: DatabaseAccess;
    owner?: OwnerInfo | null;
    announce?: (address: string) => void;
    afterEnd?: () => Promise<void>;
  },
): DatabaseHandle {
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  let closed = false;
  return {
    db,
    engine: target.engine,
    target,
    access: options.access,
    owner: options.owner ?? null,
    ping: async () => {
      await pool.query('select 1');
    },
    announce: options.announce ?? (() => undefined),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await pool.end();
      } finally {
        await options.afterEnd?.();
      }
    },
  };
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
  return poolHandle(target, pool, { access: 'client', owner });
}

function openPostgres(target: Extract<DatabaseTarget, { engine: 'postgres' }>): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // pg returns bigint/numeric as strings; count(*) casts to int in the repositories instead.
  pool.on('error', () => {
    // An idle client lost its server; the next query reconnects or fails with a clear error.
  });
  return poolHandle(target, pool, { access: 'direct' });
}
