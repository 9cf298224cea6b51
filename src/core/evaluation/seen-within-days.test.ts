import { describe, expect, it } from 'vitest';
import { make, rosaAtL4 } from '../../../test/factories/evaluation-records.js';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import { metricRuleSchema } from '../ladder/rule-kinds.js';
import type { EventSightings } from './evaluation.types.js';
import { buildScope } from './ledger-scope.js';
import { evaluateMetric } from './metric-evaluators.js';

// Issue 10: the instrumentation metric may require that declared events were seen within N days.
const SINCE = '2025-02-03';
const RULE = metricRuleSchema.parse({
  kind: 'share',
  evidence: 'feature',
  non_empty: 'analytics_events',
  min_percent: 100,
  seen_within_days: 14,
});

function run(records: EvidenceRecord[], sightings: EventSightings | undefined, at = '2026-02-15') {
  const input = rosaAtL4(SINCE, {
    records,
    ...(sightings === undefined ? {} : { eventSightings: sightings }),
  });
  return evaluateMetric(
    {
      id: 'instrumentation',
      name: 'Feature instrumentation',
      threshold: '100%',
      measured_by: 'Analytics audit',
      rule: RULE,
    },
    buildScope(input, at, SINCE),
  );
}

const sighted = (entries: Record<string, string[]>, client = 'northwind'): EventSightings =>
  new Map([[client, new Map(Object.entries(entries))]]);

const planner = make.feature({
  id: 'feat-planner',
  date: '2025-06-01',
  analytics_events: ['route_planned', 'route_shared'],
});

describe('share with seen_within_days (feature instrumentation seen in analytics)', () => {
  it('is met when every declared event was seen on or before shipped_on + N', () => {
    const { result, gap } = run(
      [planner],
      sighted({ route_planned: ['2025-06-01'], route_shared: ['2025-06-15'] }),
    );
    expect(result).toMatchObject({ status: 'met', value: 100 });
    expect(gap).toBeUndefined();
    expect(result.features).toEqual([
      {
        id: 'feat-planner',
        shipped_on: '2025-06-01',
        seen_by: '2025-06-15',
        declared: ['route_planned', 'route_shared'],
        seen: ['route_planned', 'route_shared'],
        status: 'seen',
      },
    ]);
  });

  it('is not met when one event first appeared the day after the deadline, or only before shipping', () => {
    for (const late of [['2025-06-16'], ['2025-05-31']]) {
      const { result, gap } = run([planner], sighted({ route_planned: ['2025-06-02'], route_shared: late }));
      expect(result).toMatchObject({ status: 'not_met', value: 0 });
      expect(result.features?.[0]).toMatchObject({ seen: ['route_planned'], status: 'missing' });
      expect(gap).toContain('feat-planner never showed route_shared by 2025-06-15');
    }
  });

  it("reads only the feature's own client's analytics, and nothing when no analytics were imported", () => {
    expect(
      run([planner], sighted({ route_planned: ['2025-06-02'], route_shared: ['2025-06-02'] }, 'contoso'))
        .result.status,
    ).toBe('not_met');
    expect(run([planner], undefined).result.status).toBe('not_met');
  });

  it('leaves a feature inside its N days out until they are over (insufficient when it is the only one)', () => {
    const fresh = make.feature({ id: 'feat-fresh', date: '2026-02-10', analytics_events: ['quote_sent'] });
    const onlyFresh = run([fresh], undefined, '2026-02-15');
    expect(onlyFresh.result).toMatchObject({ status: 'insufficient', value: null });
    expect(onlyFresh.result.features?.[0]).toMatchObject({ status: 'pending', seen_by: '2026-02-24' });
    // On its last day it is still pending; the day after, missing.
    expect(run([fresh], undefined, '2026-02-24').result.status).toBe('insufficient');
    expect(run([fresh], undefined, '2026-02-25').result.status).toBe('not_met');
    // Seen within the period: counts at once.
    expect(run([fresh], sighted({ quote_sent: ['2026-02-12'] }), '2026-02-15').result.status).toBe('met');
    // A sighting dated after the evaluation day does not count yet.
    expect(run([fresh], sighted({ quote_sent: ['2026-02-20'] }), '2026-02-15').result.status).toBe(
      'insufficient',
    );
  });

  it('counts a feature that declares no events as missing at once', () => {
    const bare = make.feature({ id: 'feat-bare', date: '2026-02-14', analytics_events: [] });
    expect(run([bare], undefined, '2026-02-15').result.features?.[0]).toMatchObject({ status: 'missing' });
  });

  it('is refused in a ladder file on anything but features and their analytics_events', () => {
    const wrong = metricRuleSchema.safeParse({
      kind: 'share',
      evidence: 'decision',
      non_empty: 'data',
      min_percent: 50,
      seen_within_days: 7,
    });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['seen_within_days']);
    expect(metricRuleSchema.safeParse({ ...RULE, seen_within_days: 0 }).success).toBe(false);
  });
});
