import path from 'node:path';

// Its own module, without zod, so `ladder serve` can read where its data folder is and start the engine
// thread before anything heavy loads (src/cli/main.ts). src/config.ts re-exports both.

/** Where the database lives: embedded PGlite (on disk or in memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'pglite'; dataDir: null }
  | { engine: 'postgres'; url: string };

/** Reads DATABASE_URL: unset → ./data, `file:PATH`, `memory://`, or `postgres(ql)://…`. */
export function parseDatabaseUrl(value: string | undefined, cwd = process.cwd()): DatabaseTarget {
  if (value === undefined || value.trim() === '')
    return { engine: 'pglite', dataDir: path.resolve(cwd, 'data') };
  if (value === 'memory://' || value === 'memory:') return { engine: 'pglite', dataDir: null };
  if (value.startsWith('file:')) {
    const dir = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (dir === '') throw new Error('file: needs a path, e.g. file:./data');
    return { engine: 'pglite', dataDir: path.resolve(cwd, dir) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new Error('not a valid postgres:// URL');
    }
    return { engine: 'postgres', url: value };
  }
  throw new Error('expected unset, file:PATH, memory:// or postgres://…');
}
