import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DatabaseTarget } from '../../src/config.js';
import { operatorActor } from '../../src/core/actor.js';
import { systemClock } from '../../src/core/clock.js';
import { DomainError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import { SESSION_COOKIE } from '../../src/server/access/install-access.js';
import { createAccount, signIn } from '../../src/services/access/accounts.service.js';
import { nextFromRunner, peakRssMb, phaseInput, sendToRunner } from '../lib/phase.js';

const BENCH_LEAD = 'bench-lead@bench.test';
const BENCH_PASSWORD = 'bench-leadership-password-2026';

// The real app (real access control: the load signs in as leadership and sends the session cookie),
// listening on a free port. The runner drives the load; this process reports its own event-loop delay
// (monitorEventLoopDelay, 10 ms resolution) between `eld-start` and `eld-stop`, and its peak RSS.
async function main(): Promise<void> {
  const { target } = phaseInput<{ target: DatabaseTarget }>();
  const handle = await openDatabase(target);
  await runMigrations(handle);
  const app = await buildApp({ database: handle, clock: systemClock });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const services = { db: handle.db, clock: systemClock };
  try {
    await createAccount(services, operatorActor('bench'), {
      email: BENCH_LEAD,
      role: 'leadership',
      password: BENCH_PASSWORD,
    });
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
  }
  const session = await signIn(services, { email: BENCH_LEAD, password: BENCH_PASSWORD, ip: '127.0.0.1' });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  process.on('message', (raw) => {
    const message = raw as { type: string };
    if (message.type === 'eld-start') {
      delay.reset();
      delay.enable();
      void sendToRunner({ type: 'eld-started' });
    } else if (message.type === 'eld-stop') {
      delay.disable();
      void sendToRunner({
        type: 'eld',
        max_ms: delay.max / 1e6,
        p99_ms: delay.percentile(99) / 1e6,
        mean_ms: delay.mean / 1e6,
      });
    }
  });
  await sendToRunner({
    type: 'ready',
    port: address.port,
    cookie: `${SESSION_COOKIE}=${session.sessionToken}`,
    rss_mb: peakRssMb(),
  });
  await nextFromRunner('stop');
  await app.close();
  await handle.close();
  await sendToRunner({ type: 'result', result: { peak_rss_mb: peakRssMb() } });
  process.exit(0);
}

main().catch(async (error: unknown) => {
  await sendToRunner({
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  }).catch(() => undefined);
  process.exit(1);
});
