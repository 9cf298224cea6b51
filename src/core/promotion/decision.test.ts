import { describe, expect, it } from 'vitest';
import { buildSheet, loadShippedLadder } from '../../../test/helpers/promotion-fixtures.js';
import { DomainError } from '../errors.js';
import { computeDecision, median, resolveDecision } from './decision.js';
import { panelPromotionFrom, type PanelPromotion } from './promotion-rules.js';
import type { ScoreSheet } from './score-sheet.js';

const promotion = panelPromotionFrom(loadShippedLadder(), 'L4');
const GATE = 'multiplication-instinct';
const OTHER = 'teaching-ability';

const gateSheets = (scores: number[]): ScoreSheet[] =>
  scores.map((s) => buildSheet({ scores: { [GATE]: s } }));
const otherSheets = (scores: number[]): ScoreSheet[] =>
  scores.map((s) => buildSheet({ scores: { [OTHER]: s } }));

describe('median', () => {
  it.each([
    [[3], 3],
    [[1, 4, 3], 3],
    [[2, 3], 2.5],
    [[4, 1, 2, 3], 2.5],
    [[2, 2, 3, 4], 2.5],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('decision rule from the ladder (components by majority, gate ≥ 3, others ≥ 2.5)', () => {
  it.each<[string, number[], 'promoted' | 'not_yet']>([
    ['gate median exactly 3 passes', [3, 3, 2], 'promoted'],
    ['gate median 2 fails', [2, 2, 4], 'not_yet'],
    ['a 2–3–4 split has median 3 and passes', [2, 3, 4], 'promoted'],
    ['a 1–2–4 split has median 2 and fails', [1, 2, 4], 'not_yet'],
    ['gate median 2.5 on an even panel fails (below 3)', [2, 3], 'not_yet'],
    ['gate median 3 on an even panel passes', [2, 4], 'promoted'],
    ['gate median 3.5 on a panel of four passes', [3, 3, 4, 4], 'promoted'],
    ['gate median 2.5 on a panel of four fails', [2, 2, 3, 4], 'not_yet'],
  ])('%s', (_label, scores, outcome) => {
    expect(computeDecision(promotion, gateSheets(scores)).outcome).toBe(outcome);
  });

  it.each<[string, number[], 'promoted' | 'not_yet']>([
    ['other median exactly 2.5 passes', [2, 3], 'promoted'],
    ['other median 2.5 on four passes', [1, 2, 3, 4], 'promoted'],
    ['other median 2 fails', [2, 2, 4], 'not_yet'],
    ['other median 3 passes', [2, 3, 4], 'promoted'],
  ])('%s', (_label, scores, outcome) => {
    expect(computeDecision(promotion, otherSheets(scores)).outcome).toBe(outcome);
  });

  it.each<[string, ('pass' | 'fail')[], boolean]>([
    ['2–1 passes a component', ['pass', 'pass', 'fail'], true],
    ['1–2 fails a component', ['pass', 'fail', 'fail'], false],
    ['1–1 on a panel of two is not a majority', ['pass', 'fail'], false],
    ['2–2 on a panel of four is not a majority', ['pass', 'pass', 'fail', 'fail'], false],
    ['3–1 on a panel of four passes', ['pass', 'pass', 'pass', 'fail'], true],
    ['a single pass on a panel of one passes', ['pass'], true],
  ])('%s', (_label, results, passed) => {
    const sheets = results.map((r) => buildSheet({ fail: r === 'fail' ? ['mentee-outcome'] : [] }));
    const decision = computeDecision(promotion, sheets);
    expect(decision.components.find((c) => c.id === 'mentee-outcome')?.passed).toBe(passed);
    expect(decision.outcome).toBe(passed ? 'promoted' : 'not_yet');
  });

  it('a 1–1–1 split (each panelist failing a different component) passes every component 2–1', () => {
    const sheets = [
      buildSheet({ fail: ['mentee-outcome'] }),
      buildSheet({ fail: ['live-scope-exercise'] }),
      buildSheet({ fail: ['team-building-simulation'] }),
    ];
    const decision = computeDecision(promotion, sheets);
    expect(decision.components.every((c) => c.passed)).toBe(true);
    expect(decision.outcome).toBe('promoted');
  });

  it('unanimous, when the file says so, fails a 2–1 component', () => {
    const unanimous: PanelPromotion = {
      ...promotion,
      panel: { ...promotion.panel, decision: { ...promotion.panel.decision, component_pass: 'unanimous' } },
    };
    const sheets = [buildSheet(), buildSheet(), buildSheet({ fail: ['mentee-outcome'] })];
    expect(computeDecision(unanimous, sheets).outcome).toBe('not_yet');
    expect(computeDecision(promotion, sheets).outcome).toBe('promoted');
  });

  it('reads the thresholds from the file, not from code', () => {
    const lenient: PanelPromotion = {
      ...promotion,
      panel: { ...promotion.panel, decision: { ...promotion.panel.decision, gate_median_min: 2 } },
    };
    expect(computeDecision(lenient, gateSheets([2, 2, 2])).outcome).toBe('promoted');
    expect(computeDecision(promotion, gateSheets([2, 2, 2])).outcome).toBe('not_yet');
  });

  it('says why, for every part that failed', () => {
    const sheets = [
      buildSheet({ fail: ['mentee-outcome'], scores: { [GATE]: 2, [OTHER]: 2 } }),
      buildSheet({ fail: ['mentee-outcome'], scores: { [GATE]: 3, [OTHER]: 2 } }),
      buildSheet({ scores: { [GATE]: 2, [OTHER]: 4 } }),
    ];
    expect(computeDecision(promotion, sheets).reasons).toEqual([
      'Mentee outcome: 1 of 3 panelists passed it; a majority must',
      'Multiplication instinct (the gate): median 2 is below 3',
      'Teaching ability: median 2 is below 2.5',
    ]);
  });

  it('refuses to decide on no sheets', () => {
    expect(() => computeDecision(promotion, [])).toThrow(DomainError);
  });
});

describe('leadership confirmation and override', () => {
  const promoted = computeDecision(promotion, [buildSheet(), buildSheet(), buildSheet()]);

  it('confirms the computed outcome with a note', () => {
    expect(resolveDecision(promoted, { note: 'Clear case.' })).toEqual({
      computedOutcome: 'promoted',
      outcome: 'promoted',
      overridden: false,
      note: 'Clear case.',
      overrideReason: null,
    });
  });

  it('overrides with a reason', () => {
    const resolved = resolveDecision(promoted, {
      outcome: 'not_yet',
      note: 'Hold.',
      overrideReason: 'Open client escalation',
    });
    expect(resolved).toMatchObject({ computedOutcome: 'promoted', outcome: 'not_yet', overridden: true });
    expect(resolved.overrideReason).toBe('Open client escalation');
  });

  it.each([
    [{ note: '  ' }, 'note'],
    [{ note: 'x', outcome: 'not_yet' as const }, 'override_reason'],
    [{ note: 'x', outcome: 'not_yet' as const, overrideReason: ' ' }, 'override_reason'],
    [{ note: 'x', outcome: 'promoted' as const, overrideReason: 'because' }, 'override_reason'],
  ])('refuses %j naming %s', (input, field) => {
    try {
      resolveDecision(promoted, input);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('validation_failed');
      expect((error as DomainError).details).toEqual([expect.objectContaining({ field })]);
    }
  });
});
