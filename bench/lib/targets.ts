import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import type { RawClient } from '../floors.js';

export type Engine = 'pglite' | 'postgres';

/** The PostgreSQL server the benchmarks create their own databases on (the test cluster by default). */
export const DEFAULT_SERVER_URL = 'postgres://postgres:ladder@127.0.0.1:5433/postgres';

/** Where one benchmark run keeps its two databases: the import floor's and the imported organisation. */
export interface BenchTargets {
  floor: DatabaseTarget;
  main: DatabaseTarget;
}

/** The databases of a run: PGlite folders under bench/data/<size>/, or databases on the server. */
export function targetsFor(
  engine: Engine,
  size: string,
  dataRoot: string,
  serverUrl = DEFAULT_SERVER_URL,
  tag = '',
): BenchTargets {
  if (engine === 'pglite') {
    return {
      floor: { engine: 'pglite', dataDir: path.resolve(dataRoot, size, 'pglite-floor') },
      main: { engine: 'pglite', dataDir: path.resolve(dataRoot, size, 'pglite') },
    };
  }
  const withDb = (name: string): string => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    floor: { engine: 'postgres', url: withDb(`ladder_bench_${size}${tag}_floor`) },
    main: { engine: 'postgres', url: withDb(`ladder_bench_${size}${tag}`) },
  };
}

/** DATABASE_URL for a target, as the CLI and server read it. */
export function databaseUrlOf(target: DatabaseTarget): string {
  if (target.engine === 'postgres') return target.url;
  if (target.dataDir === null) return 'memory://';
  return `file:${target.dataDir}`;
}

/** Empties a target: removes the PGlite folder, or drops and re-creates the PostgreSQL database. */
export async function resetTarget(target: DatabaseTarget): Promise<void> {
  await dropTarget(target, true);
}

/** Removes a target (the PGlite folder, or the PostgreSQL database), re-creating it empty if asked. */
export async function dropTarget(target: DatabaseTarget, recreate = false): Promise<void> {
  if (target.engine === 'pglite') {
    if (target.dataDir !== null) await rm(target.dataDir, { recursive: true, force: true });
    return;
  }
  const url = new URL(target.url);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected benchmark database name ${name}`);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    if (recreate) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** The raw client under a drizzle handle (PGlite itself, or one pooled node-postgres connection). */
export async function rawClientOf(handle: DatabaseHandle): Promise<{ client: RawClient; release(): void }> {
  const underlying = (handle.db as unknown as { $client: RawClient | pg.Pool }).$client;
  if (underlying instanceof pg.Pool) {
    const client = await underlying.connect();
    return { client, release: () => client.release() };
  }
  return { client: underlying, release: () => undefined };
}
