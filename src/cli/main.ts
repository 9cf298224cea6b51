import { parseDatabaseUrl } from '../database-url.js';
import { startOwnerEarly } from '../db/embedded/owner-start.js';
import { migrationsFolder } from '../db/migrations-folder.js';

// `ladder serve` on an embedded folder: its engine thread boots PGlite and migrates the folder on the
// other core while this thread loads the program (seconds of imports); openDatabase takes it over. A bad
// DATABASE_URL is left to the configuration's own message.
if (process.argv[2] === 'serve') {
  try {
    const target = parseDatabaseUrl(process.env.DATABASE_URL);
    if (target.engine === 'pglite' && target.dataDir !== null)
      startOwnerEarly(target.dataDir, migrationsFolder);
  } catch {
    // reported by loadConfig
  }
}

const { createCliContext } = await import('./context.js');
const { runCli } = await import('./program.js');
const ctx = createCliContext();
const code = await runCli(process.argv.slice(2), ctx);
// `serve` keeps running: only end the process for commands that finished.
if (code !== 0 || !process.argv.slice(2).includes('serve')) {
  process.exitCode = code;
}
