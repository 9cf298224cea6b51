import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANA, make, PM, ROSA, rosaAtL4, TOM } from '../../../test/factories/evaluation-records.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import { addDays } from '../dates/calendar.js';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import { correctionIndex } from '../evidence/supersede.js';
import { findLevel } from '../ladder/ladder-lookup.js';
import type { MetricRule } from '../ladder/rule-kinds.js';
import {
  canonicalRule,
  isContributedRule,
  judgeContributions,
  selectContributions,
  type ContributedRule,
  type SelectionContext,
} from './contributions.js';
import { buildScope } from './ledger-scope.js';
import { evaluateMetric } from './metric-evaluators.js';

/**
 * Rows selected once from the whole ledger, judged at any `at` and any level start, give exactly the
 * verdict the evaluators give on that day's scope (what the maintained path relies on: rows built at
 * one date are reused at every other).
 */

const L4 = findLevel(shippedLadder(), 'L4')!;
const contributed = (L4.ranking_standard ?? []).filter((m) => isContributedRule(m.rule));

/** The selection context of the whole ledger: lookups among all records, standing ends from corrections. */
function contextOf(records: readonly EvidenceRecord[]): SelectionContext {
  const byId = new Map(records.map((r) => [r.id, r]));
  const corrections = correctionIndex(records);
  return {
    builder: ROSA,
    recordById: (id) => byId.get(id),
    supersededOn: (record) => {
      // The earliest date down the chain of corrections (what evidence_corrected keeps).
      let earliest: string | null = null;
      const seen = new Set([record.id]);
      for (let next = corrections.get(record.id); next !== undefined && !seen.has(next.id);) {
        if (earliest === null || next.date < earliest) earliest = next.date;
        seen.add(next.id);
        next = corrections.get(next.id);
      }
      return earliest;
    },
  };
}

const BASE = '2025-01-01';
const people = fc.constantFrom(ROSA, PM, ANA, TOM);
const recordArb = fc
  .record({
    offset: fc.integer({ min: 0, max: 500 }),
    kind: fc.constantFrom('decision', 'feature', 'citation', 'review', 'feedback', 'escalation'),
    type: fc.constantFrom('scope_change', 'feature_proposal', 'kill', 'descope' as const),
    response: fc.constantFrom('adopted', 'rejected' as const),
    recordedBy: people,
    confirmedBy: fc.option(people, { nil: null }),
    data: fc.constantFrom('', 'usage fell 40%'),
    events: fc.constantFrom([], ['used']),
    cites: fc.constantFrom('cr-early', 'cr-late', 'cr-tom', 'nothing'),
  })
  .map((r): EvidenceRecord => {
    const date = addDays(BASE, r.offset);
    switch (r.kind) {
      case 'decision':
        return make.decision({
          date,
          type: r.type,
          client_response: r.response,
          recorded_by: r.recordedBy,
          confirmed_by: r.confirmedBy,
          data: r.data,
        });
      case 'feature':
        return make.feature({ date, analytics_events: [...r.events] });
      case 'citation':
        return make.citation({ date, review_id: r.cites, recorded_by: r.recordedBy });
      case 'review':
        return make.codeReview({ date });
      case 'feedback':
        return make.feedback({ date, recorded_by: r.recordedBy });
      default:
        return make.escalation({ date });
    }
  });

/** The ledger plus corrections of some of its records (each dated on or after what it corrects). */
const ledgerArb = fc
  .tuple(
    fc.array(recordArb, { maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 200 })), { maxLength: 8 }),
  )
  .map(([records, fixes]) => {
    const fixed = new Set<string>();
    const all: EvidenceRecord[] = [
      make.codeReview({ id: 'cr-early', date: '2024-12-01' }),
      make.codeReview({ id: 'cr-late', date: addDays(BASE, 300) }),
      make.codeReview({ id: 'cr-tom', date: '2024-12-01', builder: TOM }),
      ...records,
    ];
    for (const [pick, days] of fixes) {
      const target = all[3 + (pick % Math.max(records.length, 1))];
      if (target === undefined || fixed.has(target.id)) continue;
      fixed.add(target.id);
      // A correction flips what the original says, so standing or not shows in the verdicts.
      const date = addDays(target.date, days);
      const fix: EvidenceRecord =
        target.kind === 'decision'
          ? { ...target, id: `${target.id}-fix`, date, supersedes: target.id, client_response: 'rejected' }
          : target.kind === 'feature'
            ? { ...target, id: `${target.id}-fix`, date, supersedes: target.id, analytics_events: [] }
            : { ...target, id: `${target.id}-fix`, date, supersedes: target.id };
      all.push(fix);
    }
    // Ledger order: by date (then arrival), as the repository loads records.
    return all
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i))
      .map((x) => x.r);
  });

describe('contributions: selected once, judged at any date', () => {
  it('judging the rows equals evaluating the scope, for every contributed L4 rule, at many dates', () => {
    expect(contributed.map((m) => m.rule.kind).sort()).toEqual(
      ['client_trust', 'distinct_citers', 'evidence_count', 'evidence_count', 'share'].sort(),
    );
    fc.assert(
      fc.property(
        ledgerArb,
        fc.array(fc.integer({ min: -30, max: 800 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -60, max: 400 }),
        (records, atOffsets, sinceOffset) => {
          const context = contextOf(records);
          const rows = new Map(
            contributed.map((m) => [m.id, selectContributions(m.rule as ContributedRule, records, context)]),
          );
          // The day before and the day of every correction: where a standing end one day off shows.
          const fixDates = records.filter((r) => r.supersedes !== null).map((r) => r.date);
          const ats = [
            ...atOffsets.map((offset) => addDays(BASE, offset)),
            ...fixDates.flatMap((date) => [addDays(date, -1), date]),
          ];
          for (const at of ats) {
            const since = addDays(BASE, sinceOffset) < at ? addDays(BASE, sinceOffset) : at;
            const scope = buildScope(rosaAtL4(since, { records }), at, since);
            for (const metric of contributed) {
              const judged = judgeContributions(
                metric.id,
                metric.rule as ContributedRule,
                rows.get(metric.id)!,
                at,
                since,
              );
              expect(judged).toEqual(evaluateMetric(metric, scope));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a row stops counting on the day its correction takes effect, not the day before', () => {
    const rule = contributed.find((m) => m.id === 'product-decisions-adopted')?.rule as ContributedRule;
    expect(rule.kind).toBe('evidence_count');
    const row = {
      record: 'd1',
      date: '2025-06-01',
      supersededOn: '2025-07-01',
      tag: null,
      flag: false,
      extraDate: null,
    };
    expect(judgeContributions('m', rule, [row], '2025-06-30', '2025-01-01').result.evidence).toEqual(['d1']);
    expect(judgeContributions('m', rule, [row], '2025-07-01', '2025-01-01').result.evidence).toEqual([]);
    // Dated the day the window opens counts; the day before does not; after `at` does not.
    expect(judgeContributions('m', rule, [row], '2025-06-15', '2025-06-01').result.value).toBe(1);
    expect(judgeContributions('m', rule, [row], '2025-06-15', '2025-06-02').result.value).toBe(0);
    expect(judgeContributions('m', rule, [row], '2025-05-31', '2025-01-01').result.value).toBe(0);
  });

  it('a citation counts once its review is dated on or before `at`', () => {
    const rule: ContributedRule = { kind: 'distinct_citers', min: 1 };
    const row = {
      record: 'c1',
      date: '2025-06-01',
      supersededOn: null,
      tag: PM,
      flag: false,
      extraDate: '2025-06-10',
    };
    expect(judgeContributions('m', rule, [row], '2025-06-09', '2025-01-01').result.status).toBe('not_met');
    expect(judgeContributions('m', rule, [row], '2025-06-10', '2025-01-01').result.status).toBe('met');
  });

  it('only rules that read nothing across builders are contributed; equal rules have equal keys', () => {
    const seen: MetricRule = {
      kind: 'share',
      evidence: 'feature',
      non_empty: 'analytics_events',
      min_percent: 100,
      seen_within_days: 30,
    };
    expect(isContributedRule(seen)).toBe(false);
    expect(isContributedRule({ kind: 'mentee_progress', checkin_within_days: 14, min_reviews: 2 })).toBe(
      false,
    );
    expect(isContributedRule({ ...seen, seen_within_days: undefined })).toBe(true);
    expect(canonicalRule({ kind: 'distinct_citers', min: 2 })).toBe(
      canonicalRule({ min: 2, kind: 'distinct_citers' }),
    );
    expect(canonicalRule({ kind: 'distinct_citers', min: 2 })).not.toBe(
      canonicalRule({ kind: 'distinct_citers', min: 3 }),
    );
  });
});
