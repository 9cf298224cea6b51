import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { copyRowsFloor, countRows, loadOrganisationRows } from '../floors.js';
import { phaseInput, runPhaseMain } from '../lib/phase.js';

// The import floor: the organisation's rows, parsed without validation (not timed), COPYed in CSV in one
// transaction into a freshly migrated database (same schema, keys, indexes and triggers as `ladder
// import` writes into): the engine's bulk path with nothing of ours in the way.
runPhaseMain(async () => {
  const { target, orgDir } = phaseInput<{ target: DatabaseTarget; orgDir: string }>();
  const parseStarted = performance.now();
  const tables = await loadOrganisationRows(orgDir);
  const parseMs = performance.now() - parseStarted;
  const handle = await openDatabase(target);
  try {
    await runMigrations(handle);
    const loadMs = await copyRowsFloor(handle, tables);
    const rows = countRows(tables);
    return {
      method: handle.engine === 'postgres' ? 'COPY FROM STDIN (csv)' : "COPY FROM '/dev/blob' (csv)",
      rows,
      parse_ms: parseMs,
      load_ms: loadMs,
      rows_per_s: rows / (loadMs / 1000),
    };
  } finally {
    await handle.close();
  }
});
