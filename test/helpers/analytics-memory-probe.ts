/**
 * Run as a child process under `node --max-old-space-size=500` by the analytics import test: writes an
 * N-event export (PostHog and Mixpanel lines alternating, 50 events over 90 days) to FILE as a stream,
 * imports it into a fresh in-memory database, and prints one JSON line with the time and the peak heap.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { findEventDays } from '../../src/db/repositories/integrations.repository.js';
import { linkAnalyticsProject } from '../../src/services/integrations/accounts.service.js';
import { importAnalytics } from '../../src/services/integrations/analytics-import.service.js';
import { createTeam, TEAM } from '../factories/integrations-world.js';
import { createTestDatabase } from './database.js';

const [path, countText] = process.argv.slice(2);
if (path === undefined || countText === undefined) throw new Error('usage: probe FILE COUNT');
const count = Number(countText);
const START = Date.UTC(2026, 0, 1) / 1000;

const out = createWriteStream(path);
for (let i = 0; i < count; i += 1) {
  const event = `event_${i % 50}`;
  const seconds = START + ((i * 7919) % (90 * 86_400));
  const line =
    i % 2 === 0
      ? {
          event,
          timestamp: new Date(seconds * 1000).toISOString(),
          distinct_id: `user-${i % 5000}`,
          properties: {
            $current_url: 'https://app.example.test/settings/billing',
            $browser: 'Firefox',
            plan: 'pro',
          },
        }
      : {
          event,
          properties: {
            time: seconds,
            distinct_id: `user-${i % 5000}`,
            $current_url: 'https://app.example.test/settings/billing',
            mp_lib: 'web',
          },
        };
  if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
const fileMb = (await stat(path)).size / 1024 / 1024;

const database = await createTestDatabase('pglite');
const deps = { db: database.db, clock: fixedClock('2026-04-01T00:00:00Z') };
await createTeam(deps);
await linkAnalyticsProject(deps, systemActor, { provider: 'mixpanel', project: 'big', client: TEAM.client });

globalThis.gc?.();
let peak = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 5);
const started = performance.now();
const summary = await importAnalytics(deps, systemActor, path, { project: 'big' });
const importMs = Math.round(performance.now() - started);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().heapUsed);
const names = Array.from({ length: 50 }, (_, i) => `event_${i}`);
const stored = await findEventDays(database.db, ['big'], names, '2026-01-01', '2026-12-31');
await database.destroy();
process.stdout.write(
  `${JSON.stringify({
    events: summary.events,
    distinct_events: summary.distinct_events,
    event_days: summary.event_days,
    stored_rows: stored.length,
    file_mb: Math.round(fileMb),
    import_ms: importMs,
    peak_heap_mb: Math.round(peak / 1024 / 1024),
  })}\n`,
);
