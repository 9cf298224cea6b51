import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { countRows, insertRowsFloor, loadOrganisationRows } from '../floors.js';
import { runPhaseMain, phaseInput } from '../lib/phase.js';
import { rawClientOf } from '../lib/targets.js';

// The import floor: the organisation's rows, parsed without validation, in bare multi-row INSERTs into
// a freshly migrated database (same schema, same indexes and keys as `ladder import` writes into).
runPhaseMain(async () => {
  const { target, orgDir } = phaseInput<{ target: DatabaseTarget; orgDir: string }>();
  const parseStarted = performance.now();
  const tables = await loadOrganisationRows(orgDir);
  const parseMs = performance.now() - parseStarted;
  const handle = await openDatabase(target);
  try {
    await runMigrations(handle);
    const { client, release } = await rawClientOf(handle);
    try {
      const insertMs = await insertRowsFloor(client, tables);
      const rows = countRows(tables);
      return { rows, parse_ms: parseMs, insert_ms: insertMs, rows_per_s: rows / (insertMs / 1000) };
    } finally {
      release();
    }
  } finally {
    await handle.close();
  }
});
