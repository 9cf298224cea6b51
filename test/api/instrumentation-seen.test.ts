import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { asActor, leadership } from '../helpers/actors.js';
import { recordEvidence } from '../../src/services/evidence.service.js';
import { publishLadder } from '../../src/services/ladder.service.js';
import { buildServices } from '../../src/services/composition-root.js';
import { getRanking } from '../../src/services/ranking.service.js';
import { getReadiness } from '../../src/services/readiness.service.js';
import { createTeam, TEAM } from '../factories/integrations-world.js';
import { forEachEngine } from '../helpers/database.js';
import { linkAnalyticsProject } from '../../src/services/integrations/accounts.service.js';
import { importAnalytics } from '../../src/services/integrations/analytics-import.service.js';

// Issue 10 end to end: a ladder whose instrumentation metric says `seen_within_days: 30`, features in the
// ledger, an analytics export imported — readiness and ranking read the same sightings.
const clock = fixedClock('2026-02-15T12:00:00Z');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ladder-sightings-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

forEachEngine('instrumentation seen in analytics (readiness and ranking)', (getDb) => {
  const deps = () => buildServices({ database: getDb(), clock });

  beforeAll(async () => {
    const shipped = await readFile(
      join(import.meta.dirname, '../../ladders/ai-first-business-manager.yaml'),
      'utf8',
    );
    const marker = '          non_empty: analytics_events\n          min_percent: 100\n';
    expect(shipped).toContain(marker);
    await publishLadder(deps(), systemActor, {
      source: shipped.replace(marker, `${marker}          seen_within_days: 30\n`),
    });
    await createTeam(deps());
    await linkAnalyticsProject(deps(), systemActor, {
      provider: 'posthog',
      project: 'nw-web',
      client: TEAM.client,
    });
    for (const [id, shipped_on, events] of [
      ['feat-checkout', '2025-06-01', ['checkout_started', 'checkout_paid']],
      ['feat-search', '2025-09-01', ['search_run']],
    ] as const) {
      await recordEvidence(deps(), systemActor, {
        id,
        kind: 'feature',
        builder: TEAM.rosa,
        date: shipped_on,
        recorded_by: TEAM.rosa,
        title: id,
        client: TEAM.client,
        shipped_on,
        analytics_events: [...events],
      });
    }
    // Tom's only feature was seen in time: met only if the ranking reads the sightings too.
    await recordEvidence(deps(), systemActor, {
      id: 'feat-tom',
      kind: 'feature',
      builder: TEAM.tom,
      date: '2025-06-01',
      recorded_by: TEAM.tom,
      title: 'Checkout for Tom',
      client: TEAM.client,
      shipped_on: '2025-06-01',
      analytics_events: ['checkout_started'],
    });
    const file = join(dir, 'export.ndjson');
    await writeFile(
      file,
      [
        { event: 'checkout_started', timestamp: '2025-06-03T10:00:00Z', properties: {} },
        { event: 'checkout_paid', timestamp: '2025-07-01T23:59:00Z', properties: {} }, // day 30: in time
        { event: 'search_run', properties: { time: Date.UTC(2025, 9, 2) / 1000 } }, // day 31: too late
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    await importAnalytics(deps(), systemActor, file, { project: 'nw-web' });
  });

  it('shows per feature the declared events against those seen, and counts only features seen in time', async () => {
    const readiness = await getReadiness(deps(), systemActor, TEAM.rosa, '2026-02-15');
    const metric = readiness.metrics.find((m) => m.id === 'feature-instrumentation');
    expect(metric).toMatchObject({ status: 'not_met', value: 50, threshold: 100 });
    expect(metric?.features).toEqual([
      {
        id: 'feat-checkout',
        shipped_on: '2025-06-01',
        seen_by: '2025-07-01',
        declared: ['checkout_started', 'checkout_paid'],
        seen: ['checkout_started', 'checkout_paid'],
        status: 'seen',
      },
      {
        id: 'feat-search',
        shipped_on: '2025-09-01',
        seen_by: '2025-10-01',
        declared: ['search_run'],
        seen: [],
        status: 'missing',
      },
    ]);
    expect(readiness.gaps.join('\n')).toContain('feat-search never showed search_run by 2025-10-01');
  });

  it('answers the same per-feature detail through the API', async () => {
    const app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    try {
      const response = await app.inject(`/api/builders/${TEAM.rosa}/readiness?at=2026-02-15`);
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        metrics: { id: string; features?: { id: string; status: string }[] }[];
      }>();
      expect(body.metrics.find((m) => m.id === 'feature-instrumentation')?.features).toEqual([
        expect.objectContaining({ id: 'feat-checkout', status: 'seen' }),
        expect.objectContaining({ id: 'feat-search', status: 'missing', seen: [] }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('gives the ranking the same answer as readiness', async () => {
    const ranking = await getRanking(deps(), systemActor, 'L4', '2026-02-15');
    for (const builder of [TEAM.rosa, TEAM.tom]) {
      const readiness = await getReadiness(deps(), systemActor, builder, '2026-02-15');
      const met = readiness.metrics.filter((m) => m.status === 'met').length;
      expect(ranking.entries.find((e) => e.builder === builder)).toMatchObject({ metrics_met: met });
    }
    const tom = await getReadiness(deps(), systemActor, TEAM.tom, '2026-02-15');
    expect(tom.metrics.find((m) => m.id === 'feature-instrumentation')).toMatchObject({ status: 'met' });
  });
});
