import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { runPhaseMain, phaseInput } from '../lib/phase.js';

// The start-up floor: a bare process that opens the same database and gets one answer from it.
runPhaseMain(async () => {
  const { target } = phaseInput<{ target: DatabaseTarget }>();
  const started = performance.now();
  const handle = await openDatabase(target);
  await handle.ping();
  const openMs = performance.now() - started;
  await handle.close();
  return { open_ms: openMs, process_uptime_ms: process.uptime() * 1000 };
});
