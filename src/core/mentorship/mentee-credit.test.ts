import { describe, expect, it } from 'vitest';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import { levelOrder } from '../ladder/ladder-lookup.js';
import type { LevelStep, Mentorship } from '../roster/roster.types.js';
import { isPromotionCreditedToMentor, menteeAdvancesCreditedTo } from './mentee-credit.js';

const rank = (id: string) => levelOrder(shippedLadder(), id);
const m = (id: string, mentee: string, start: string, end: string | null): Mentorship => ({
  id,
  mentor: 'ana@x',
  mentee,
  start,
  end,
});

describe('a mentee promoted while mentored is credited to the mentor', () => {
  it.each([
    { on: '2025-12-31', credited: false, why: 'the day before the mentorship starts' },
    { on: '2026-01-01', credited: true, why: 'the first day' },
    { on: '2026-06-30', credited: true, why: 'the last day (end is inclusive)' },
    { on: '2026-07-01', credited: false, why: 'the day after it ended' },
  ])('$why: $credited', ({ on, credited }) => {
    expect(isPromotionCreditedToMentor({ start: '2026-01-01', end: '2026-06-30' }, on)).toBe(credited);
  });

  it('credits promotions only, only within the mentorship, and only up to `at`', () => {
    const levels = new Map<string, LevelStep[]>([
      [
        'cy@x',
        [
          { level: 'L1', since: '2025-01-01' },
          { level: 'L2', since: '2026-03-01' }, // credited
          { level: 'L1', since: '2026-04-01' }, // a step down is not a promotion
          { level: 'L3', since: '2026-09-01' }, // after the end
        ],
      ],
      [
        'dee@x',
        [
          { level: 'L2', since: '2025-01-01' },
          { level: 'L3', since: '2026-05-01' }, // credited, but only when at ≥ 2026-05-01
        ],
      ],
      ['eve@x', [{ level: 'L1', since: '2025-01-01' }]],
    ]);
    const mentorships = [
      m('m1', 'cy@x', '2026-01-01', '2026-06-30'),
      m('m2', 'dee@x', '2026-02-01', null),
      m('m3', 'eve@x', '2026-02-01', null),
      { ...m('m4', 'dee@x', '2026-01-01', null), mentor: 'someone-else@x' },
    ];
    expect(menteeAdvancesCreditedTo('ana@x', mentorships, levels, rank, '2026-12-31')).toEqual([
      {
        mentorship_id: 'm1',
        mentor: 'ana@x',
        mentee: 'cy@x',
        from_level: 'L1',
        to_level: 'L2',
        on: '2026-03-01',
      },
      {
        mentorship_id: 'm2',
        mentor: 'ana@x',
        mentee: 'dee@x',
        from_level: 'L2',
        to_level: 'L3',
        on: '2026-05-01',
      },
    ]);
    expect(
      menteeAdvancesCreditedTo('ana@x', mentorships, levels, rank, '2026-04-30').map((a) => a.mentee),
    ).toEqual(['cy@x']);
  });
});
