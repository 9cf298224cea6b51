import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Its own module, free of drivers, so `ladder serve` can hand it to the engine thread it starts before
// anything else loads (src/db/embedded/owner-start.ts).
// LADDER_MIGRATIONS_DIR stands in for the shipped folder only in tests that need a CLI whose schema
// differs from a running server's (a real second checkout is too slow to set up in a test).
export const migrationsFolder =
  process.env.LADDER_MIGRATIONS_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
