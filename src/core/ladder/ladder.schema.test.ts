import { describe, expect, it } from 'vitest';
import { promotionSchema } from './ladder.schema.js';

/** The first issue zod reports for a promotion, as path and message (what validate-ladder positions). */
function issuesOf(promotion: unknown): { path: PropertyKey[]; message: string }[] {
  const parsed = promotionSchema.safeParse(promotion);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

const judged = {
  target_level: 'L4',
  decided_by: 'judgment',
  weighs: [{ id: 'impact', name: 'Impact', evidence: ['decision', 'feature'] }],
};

describe('promotion: minimum and typical time in level (issue 16)', () => {
  it('accepts 0 months at level as the minimum (no minimum), refuses -1, fractions and text', () => {
    expect(issuesOf({ target_level: 'L4', min_months_at_level: 0 })).toEqual([]);
    expect(issuesOf({ target_level: 'L4', min_months_at_level: 1 })).toEqual([]);
    for (const bad of [-1, 1.5, '18']) {
      expect(issuesOf({ target_level: 'L4', min_months_at_level: bad })).toEqual([
        { path: ['min_months_at_level'], message: 'expected a whole number of months (0 or more)' },
      ]);
    }
  });

  it('accepts a typical time as months or as a range, with or without a minimum', () => {
    expect(issuesOf({ target_level: 'L4', typical_months_at_level: 24 })).toEqual([]);
    expect(issuesOf({ target_level: 'L4', typical_months_at_level: { from: 24, to: 48 } })).toEqual([]);
    expect(
      issuesOf({
        target_level: 'L4',
        min_months_at_level: 24,
        typical_months_at_level: { from: 24, to: 24 },
      }),
    ).toEqual([]);
  });

  it('refuses a range that ends before it begins, at its `to`', () => {
    expect(issuesOf({ target_level: 'L4', typical_months_at_level: { from: 24, to: 23 } })).toEqual([
      { path: ['typical_months_at_level', 'to'], message: 'expected to ≥ from (24)' },
    ]);
  });

  it('refuses a typical time shorter than the minimum (one month under; equal is fine)', () => {
    expect(issuesOf({ target_level: 'L4', min_months_at_level: 18, typical_months_at_level: 17 })).toEqual([
      {
        path: ['typical_months_at_level'],
        message: 'typical time in level is shorter than the minimum (min_months_at_level: 18)',
      },
    ]);
    expect(issuesOf({ target_level: 'L4', min_months_at_level: 18, typical_months_at_level: 18 })).toEqual(
      [],
    );
    expect(
      issuesOf({
        target_level: 'L4',
        min_months_at_level: 18,
        typical_months_at_level: { from: 12, to: 30 },
      }),
    ).toEqual([
      {
        path: ['typical_months_at_level'],
        message: 'typical time in level is shorter than the minimum (min_months_at_level: 18)',
      },
    ]);
  });

  it('refuses a typical time that is not months', () => {
    expect(issuesOf({ target_level: 'L4', typical_months_at_level: '2-4 years' })).toEqual([
      {
        path: ['typical_months_at_level'],
        message: 'expected a number of months, or a range { from, to } in months',
      },
    ]);
  });
});

describe('promotion by judgment (issue 16)', () => {
  it('accepts weighs with evidence kinds, and a tenure requirement for the minimum time', () => {
    expect(issuesOf(judged)).toEqual([]);
    expect(
      issuesOf({
        ...judged,
        min_months_at_level: 12,
        requirements: [{ id: 'time', name: 'A year', rule: { kind: 'tenure' } }],
      }),
    ).toEqual([]);
  });

  it('needs something to weigh: weighs, or panel criteria', () => {
    expect(issuesOf({ target_level: 'L4', decided_by: 'judgment' })).toEqual([
      {
        path: ['decided_by'],
        message: 'a promotion by judgment needs weighs (or panel criteria): what the panel will weigh',
      },
    ]);
  });

  it('lists no checklist requirement besides tenure, naming the one it refuses', () => {
    expect(
      issuesOf({
        ...judged,
        requirements: [
          { id: 'time', name: 'A year', rule: { kind: 'tenure' } },
          { id: 'advanced', name: 'A mentee advanced', rule: { kind: 'mentee_advanced', min: 1 } },
        ],
        min_months_at_level: 12,
      }),
    ).toEqual([
      {
        path: ['requirements', 1, 'rule', 'kind'],
        message:
          'a promotion by judgment lists no mentee_advanced requirement (only tenure: the minimum time in level)',
      },
    ]);
  });

  it('refuses an unknown basis and an unknown evidence kind, with the allowed words', () => {
    expect(issuesOf({ ...judged, decided_by: 'vote' })).toEqual([
      { path: ['decided_by'], message: 'expected one of: requirements, judgment' },
    ]);
    const kinds = issuesOf({ ...judged, weighs: [{ id: 'impact', name: 'Impact', evidence: ['commit'] }] });
    expect(kinds).toHaveLength(1);
    expect(kinds[0]?.path).toEqual(['weighs', 0, 'evidence', 0]);
    expect(kinds[0]?.message).toMatch(/^expected one of: decision, feature, retro, /);
  });

  it('refuses an empty weighs list', () => {
    expect(issuesOf({ ...judged, weighs: [] })).toEqual([
      { path: ['weighs'], message: 'expected at least one thing the panel weighs' },
    ]);
  });
});
