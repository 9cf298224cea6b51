import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MilestoneAssessmentEvidence } from '../evidence/evidence.schema.js';
import type { LadderDocument } from '../ladder/ladder.schema.js';
import { formatProblem, validateLadderText } from '../ladder/validate-ladder.js';
import { evaluatePoints, MAX_LISTED_SETS, type PointsAnswer } from './points.js';

const root = path.resolve(import.meta.dirname, '../../..');
const source = readFileSync(path.join(root, 'ladders/examples/data-engineer-points.yaml'), 'utf8');
const validated = validateLadderText(source);
if (!validated.ok) throw new Error(validated.problems.map(formatProblem).join('\n'));
const ladder: LadderDocument = validated.ladder;

const builder = 'ana@example.test';
const lead = 'lead@example.test';
let serial = 0;

/** An assessment of `builder` by the lead (someone else) unless said otherwise. */
function assessed(
  competency: string,
  milestone: number,
  fields: Partial<MilestoneAssessmentEvidence> = {},
): MilestoneAssessmentEvidence {
  serial += 1;
  return {
    id: `ma-${serial}`,
    kind: 'milestone_assessment',
    builder,
    date: '2026-03-10',
    recorded_by: lead,
    recorded_at: '2026-03-10T10:00:00.000Z',
    confirmed_by: null,
    supersedes: null,
    competency,
    milestone,
    note: 'seen in review',
    ...fields,
  };
}

function evaluate(records: MilestoneAssessmentEvidence[], at = '2026-04-01', doc = ladder): PointsAnswer {
  const answer = evaluatePoints(doc, records, at);
  if (answer === null) throw new Error('the example ladder scores points');
  return answer;
}

// 20 + 20 + 6 + 3 = 49: the last point below band d3-1 (50–74).
const fortyNine = () => [
  assessed('data-modelling', 5),
  assessed('pipelines', 5),
  assessed('data-quality', 3),
  assessed('reliability', 2),
];

describe('points at band boundaries', () => {
  it('49 points (one below the floor of d3-1) is in d2-2, and one point reaches d3-1', () => {
    const answer = evaluate(fortyNine());
    expect(answer.total).toBe(49);
    expect(answer.band).toEqual({ id: 'd2-2', from: 35, to: 49, level: 'D2', title: 'Data Engineer II' });
    expect(answer.next?.band.id).toBe('d3-1');
    expect(answer.next?.needed).toBe(1);
    expect(answer.next?.fewest).toBe(1);
    // Every area not at its last milestone has a next one worth ≥ 1: the first five in the ladder's order.
    expect(answer.next?.sets).toHaveLength(MAX_LISTED_SETS);
    expect(answer.next?.sets[0]?.steps).toEqual([
      { area: 'data-quality', name: 'Data quality', milestone: 4, gain: 6 },
    ]);
    expect(answer.next?.more_sets).toBe(true);
    expect(answer.summary).toEqual([
      '49 of 240 points from 4 of 12 competencies assessed: band d2-2 (D2, Data Engineer II, 35–49 points).',
      '1 more point reaches band d3-1 (D3, Senior Data Engineer, 50–74 points).',
      'The fewest that do it: one next milestone, for example Data quality milestone 4 (+6).',
    ]);
  });

  it('exactly 50 points (the floor) is in d3-1', () => {
    const answer = evaluate([...fortyNine(), assessed('hiring', 1)]);
    expect(answer.total).toBe(50);
    expect(answer.band?.id).toBe('d3-1');
    expect(answer.next?.band.id).toBe('d3-2');
    expect(answer.next?.needed).toBe(25);
  });

  it('0 points is the first band; ten next milestones of 1 point are the fewest to reach 10', () => {
    const answer = evaluate([]);
    expect(answer.total).toBe(0);
    expect(answer.band?.id).toBe('d1-1');
    expect(answer.competencies.every((c) => c.milestone === 0 && c.assessment === null)).toBe(true);
    expect(answer.next).toMatchObject({ needed: 10, fewest: 10, more_sets: true });
    const first = answer.next?.sets[0];
    expect(first?.gain).toBe(10);
    expect(first?.steps.map((s) => s.area)).toEqual([
      'data-modelling',
      'pipelines',
      'data-quality',
      'reliability',
      'performance-cost',
      'privacy-security',
      'documentation',
      'tooling',
      'mentoring',
      'stakeholders',
    ]);
  });

  it('the fewest counts steps, and every set listed reaches the floor', () => {
    // 12 × milestone 3 = 72, in d3-1 (50–74); 3 more reach d3-2 at 75. A step 3 → 4 adds 6 (one is
    // enough); no step adds fewer than 6 here, so every area is a one-step set.
    const answer = evaluate(ladder.points?.competencies.map((c) => assessed(c.area, 3)) ?? []);
    expect(answer.total).toBe(72);
    expect(answer.next).toMatchObject({ needed: 3, fewest: 1 });
    // Two areas at 1 (1 point each, next step +2) and the rest at 3: 2 + 60 = 62; 13 to 75.
    const mixed = evaluate(ladder.points?.competencies.map((c, i) => assessed(c.area, i < 2 ? 1 : 3)) ?? []);
    expect(mixed.total).toBe(62);
    expect(mixed.next?.needed).toBe(13);
    // The largest steps are +6 (3 → 4): two (12) fall short, so three are needed; a set of three may
    // hold a small step (+2, 1 → 2) when the other two make up the rest (2 + 6 + 6 = 14 ≥ 13).
    expect(mixed.next?.fewest).toBe(3);
    expect(mixed.next?.sets[0]?.steps.map((s) => [s.area, s.gain])).toEqual([
      ['data-modelling', 2],
      ['data-quality', 6],
      ['reliability', 6],
    ]);
    // Two small steps and one big one (2 + 2 + 6 = 10) fall short: never listed.
    expect(mixed.next?.sets.map((set) => set.steps.map((s) => s.area))).not.toContainEqual([
      'data-modelling',
      'pipelines',
      'data-quality',
    ]);
    for (const set of mixed.next?.sets ?? []) expect(set.gain).toBeGreaterThanOrEqual(13);
  });

  it('every area at its last milestone is the top band, with nothing above', () => {
    const answer = evaluate(ladder.points?.competencies.map((c) => assessed(c.area, 5)) ?? []);
    expect(answer.total).toBe(240);
    expect(answer.max_total).toBe(240);
    expect(answer.band).toMatchObject({ id: 'd5', to: null, title: 'Principal Data Engineer' });
    expect(answer.next).toBeNull();
    expect(answer.summary[1]).toBe('This is the top band: no band lies above it.');
  });

  it('says when no set of next milestones reaches the next band', () => {
    const wide = structuredClone(ladder);
    if (wide.points === undefined) throw new Error('points expected');
    wide.points.bands = [
      { id: 'low', from: 0, to: 99, level: 'D1' },
      { id: 'high', from: 100, level: 'D2', title: 'High' },
    ];
    const answer = evaluate([], '2026-04-01', wide);
    expect(answer.band).toEqual({ id: 'low', from: 0, to: 99, level: 'D1', title: 'Data Engineer I' });
    expect(answer.next).toMatchObject({ needed: 100, fewest: null, sets: [], all_next_gain: 12 });
    expect(answer.summary[2]).toBe(
      'No set of next milestones reaches it: all of them together add 12 points, so it takes assessments further up.',
    );
  });
});

describe('which assessments count', () => {
  it('takes the highest milestone per area, with the record behind it', () => {
    const low = assessed('pipelines', 2, { date: '2026-01-05' });
    const high = assessed('pipelines', 4, { date: '2026-02-05' });
    const later = assessed('pipelines', 3, { date: '2026-03-05' });
    const pipelines = evaluate([low, high, later]).competencies.find((c) => c.area === 'pipelines');
    expect(pipelines).toMatchObject({
      milestone: 4,
      points: 12,
      category: 'Building data products',
      assessment: { id: high.id, date: '2026-02-05', recorded_by: lead, milestone: 4 },
      other_assessments: [low.id, later.id],
      next: { milestone: 5, points: 20, gain: 8 },
    });
  });

  it('counts only assessments by someone else: self-assessed is listed as not counted, confirmed counts', () => {
    const own = assessed('tooling', 5, { recorded_by: builder });
    const confirmed = assessed('mentoring', 2, { recorded_by: builder, confirmed_by: lead });
    const answer = evaluate([own, confirmed]);
    expect(answer.total).toBe(3);
    expect(answer.not_counted).toEqual([
      {
        id: own.id,
        date: own.date,
        competency: 'tooling',
        milestone: 5,
        reason: 'self-assessed: points count only assessments by someone else',
      },
    ]);
    expect(answer.summary.at(-1)).toBe(
      `1 assessment does not count (${own.id}: self-assessed: points count only assessments by someone else).`,
    );
  });

  it('honours `at` and corrections from their own date', () => {
    const original = assessed('hiring', 5, { date: '2026-02-01' });
    const correction = assessed('hiring', 3, { date: '2026-03-01', supersedes: original.id });
    const records = [original, correction];
    expect(evaluate(records, '2026-01-31').total).toBe(0);
    expect(evaluate(records, '2026-02-01').total).toBe(20);
    expect(evaluate(records, '2026-02-28').total).toBe(20);
    const corrected = evaluate(records, '2026-03-01');
    expect(corrected.total).toBe(6);
    expect(corrected.competencies.find((c) => c.area === 'hiring')?.assessment?.id).toBe(correction.id);
  });

  it('does not count an area or milestone the ladder does not score (an older or other ladder’s record)', () => {
    const answer = evaluate([assessed('juggling', 1), assessed('hiring', 6)]);
    expect(answer.total).toBe(0);
    expect(answer.not_counted.map((u) => u.reason)).toEqual([
      'this ladder scores no competency juggling',
      'this ladder gives hiring milestones 1–5',
    ]);
  });

  it('answers null for a ladder without points', () => {
    const { points: _points, ...without } = ladder;
    expect(evaluatePoints(without, [assessed('hiring', 1)], '2026-04-01')).toBeNull();
  });
});
