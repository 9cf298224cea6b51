import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import { findEventDays } from '../../db/repositories/integrations.repository.js';
import { createTeam, TEAM } from '../../../test/factories/integrations-world.js';
import { forEachEngine } from '../../../test/helpers/database.js';
import { linkAnalyticsProject } from './accounts.service.js';
import { importAnalytics } from './analytics-import.service.js';
import { listSources } from './sources.service.js';

const clock = fixedClock('2026-03-10T12:00:00Z');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ladder-analytics-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, lines: unknown[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

// 2026-03-01T00:00:00Z = 1772323200 s.
const MARCH_1 = 1772323200;

forEachEngine('analytics import', (getDb) => {
  const deps = () => ({ db: getDb().db, clock });

  beforeAll(async () => {
    await createTeam(deps());
    await linkAnalyticsProject(deps(), systemActor, {
      provider: 'posthog',
      project: 'ph-1',
      client: TEAM.client,
    });
  });

  it('counts PostHog and Mixpanel lines per event and UTC day, and a second import changes nothing', async () => {
    const path = await file('mixed.ndjson', [
      { event: 'signup_completed', timestamp: '2026-03-01T23:59:59Z', properties: { plan: 'pro' } },
      { event: 'signup_completed', timestamp: '2026-03-02T00:00:00+00:00', properties: {} },
      // Mixpanel: seconds, then milliseconds, both on 2026-03-01.
      { event: 'signup_completed', properties: { time: MARCH_1 + 10 } },
      { event: 'invite_sent', properties: { time: (MARCH_1 + 20) * 1000, distinct_id: 'u1' } },
      '',
    ]);
    const summary = await importAnalytics(deps(), systemActor, path, { project: 'ph-1' });
    expect(summary).toMatchObject({ events: 4, posthog: 2, mixpanel: 2, distinct_events: 2, event_days: 3 });
    expect(summary.first_day).toBe('2026-03-01');
    expect(summary.last_day).toBe('2026-03-02');
    const rows = () =>
      findEventDays(getDb().db, ['ph-1'], ['signup_completed', 'invite_sent'], '2026-01-01', '2026-12-31');
    const expected = [
      { project: 'ph-1', event: 'invite_sent', day: '2026-03-01', count: 1 },
      { project: 'ph-1', event: 'signup_completed', day: '2026-03-01', count: 2 },
      { project: 'ph-1', event: 'signup_completed', day: '2026-03-02', count: 1 },
    ];
    expect(await rows()).toEqual(expected);
    await importAnalytics(deps(), systemActor, path, { project: 'ph-1' });
    expect(await rows()).toEqual(expected);
    const sources = await listSources(deps(), systemActor);
    expect(sources).toContainEqual(
      expect.objectContaining({
        source: 'analytics:ph-1',
        kind: 'analytics',
        last_status: 'ok',
        cursor: { file: 'mixed.ndjson', last_day: '2026-03-02' },
        counts: { events: 4, distinct_events: 2, event_days: 3 },
      }),
    );
  });

  it('rejects a file with a bad line, naming file:line and field, and writes nothing', async () => {
    const path = await file('bad.ndjson', [
      { event: 'never_written', timestamp: '2026-04-01T10:00:00Z' },
      { event: 'never_written', properties: { time: 'yesterday' } },
      '{not json',
      { timestamp: '2026-04-01T10:00:00Z' },
    ]);
    const error = await importAnalytics(deps(), systemActor, path, { project: 'ph-1' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('import_failed');
    expect((error as DomainError).details).toEqual({
      errors: [
        `${path}:2: properties.time: expected seconds since 1970 (a number)`,
        `${path}:3: not valid JSON`,
        `${path}:4: event: expected an event name`,
      ],
    });
    expect(await findEventDays(getDb().db, ['ph-1'], ['never_written'], '2026-01-01', '2026-12-31')).toEqual(
      [],
    );
  });

  it('refuses a project no client owns', async () => {
    const path = await file('orphan.ndjson', [{ event: 'x', timestamp: '2026-04-01T10:00:00Z' }]);
    await expect(importAnalytics(deps(), systemActor, path, { project: 'nobody' })).rejects.toThrow(
      /unknown analytics project nobody/,
    );
  });
});

describe('analytics import at scale', () => {
  it('streams a 1M-event export under a 500 MB heap', { timeout: 300_000 }, () => {
    const probe = join(import.meta.dirname, '../../../test/helpers/analytics-memory-probe.ts');
    const result = spawnSync(
      process.execPath,
      ['--max-old-space-size=500', '--import', 'tsx', probe, join(dir, 'big.ndjson'), '1000000'],
      { encoding: 'utf8', cwd: join(import.meta.dirname, '../../..'), timeout: 290_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
      events: number;
      distinct_events: number;
      event_days: number;
      file_mb: number;
      import_ms: number;
      peak_heap_mb: number;
      stored_rows: number;
    };
    console.info(`1M-event analytics import: ${JSON.stringify(report)}`);
    expect(report.events).toBe(1_000_000);
    expect(report.distinct_events).toBe(50);
    expect(report.event_days).toBe(50 * 90);
    expect(report.stored_rows).toBe(50 * 90);
    // The file is far bigger than what the import holds at once.
    expect(report.peak_heap_mb).toBeLessThan(report.file_mb);
    expect(report.peak_heap_mb).toBeLessThan(500);
  });
});
