import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../dates/calendar.js';
import { checkinsDue, summarizeCheckins, type CheckinReport } from './checkins.js';
import type { Cadence, ClassifiedMentorship } from './mentorship-rules.js';

function mentorship(
  start: string,
  end: string | null,
  cadence: Cadence = 'weekly',
  mentee = 'cy@x',
): ClassifiedMentorship {
  return {
    id: `m-${mentee}`,
    mentor: 'ana@x',
    mentee,
    start,
    end,
    relation: cadence === 'weekly' ? 'gives' : 'receives',
    cadence,
    mentorLevel: 'L4',
    menteeLevel: 'L1',
  };
}

function report(m: ClassifiedMentorship, dates: string[], at: string): CheckinReport {
  const result = summarizeCheckins(m, dates, at);
  if (result === undefined) throw new Error('expected a report');
  return result;
}

// Weeks from Monday 2026-01-05: [01-05..01-11] [01-12..01-18] [01-19..01-25] [01-26..02-01] [02-02..02-08]
const weekly = mentorship('2026-01-05', null);
const checkins = ['2026-01-06', '2026-01-13', '2026-01-27', '2026-02-03'];

describe('check-in cadence', () => {
  it.each([
    {
      at: '2026-02-05',
      expected: {
        with_checkin: 4,
        without_checkin: 1,
        streak: 2,
        missed_in_a_row: 0,
        status: 'done',
        due_by: '2026-02-08',
      },
      why: 'this week done; week 3 missed breaks the streak',
    },
    {
      at: '2026-02-02',
      expected: {
        with_checkin: 3,
        without_checkin: 1,
        streak: 1,
        missed_in_a_row: 0,
        status: 'due',
        due_by: '2026-02-08',
      },
      why: 'a new week without a check-in yet is due, not missed, and keeps the streak',
    },
    {
      at: '2026-01-25',
      expected: { with_checkin: 2, without_checkin: 0, streak: 2, status: 'due', due_by: '2026-01-25' },
      why: 'the last day of week 3: still due today',
    },
    {
      at: '2026-01-26',
      expected: {
        with_checkin: 2,
        without_checkin: 1,
        streak: 0,
        missed_in_a_row: 1,
        status: 'overdue',
        due_by: '2026-02-01',
        overdue_since: '2026-01-26',
      },
      why: 'the day after a missed week, with none in the new week: overdue',
    },
    {
      at: '2026-01-05',
      expected: { with_checkin: 0, without_checkin: 0, streak: 0, status: 'due', due_by: '2026-01-11' },
      why: 'the first day',
    },
    {
      at: '2026-01-04',
      expected: {
        with_checkin: 0,
        without_checkin: 0,
        streak: 0,
        status: 'not_started',
        due_by: null,
        periods: [],
      },
      why: 'before the start',
    },
  ])('$why (at $at)', ({ at, expected }) => {
    expect(report(weekly, checkins, at)).toMatchObject(expected);
  });

  it('counts a check-in on the last day of a week for that week', () => {
    const r = report(weekly, ['2026-01-11'], '2026-01-12');
    expect(r.periods[0]).toMatchObject({
      start: '2026-01-05',
      end: '2026-01-11',
      checkins: ['2026-01-11'],
      complete: true,
    });
    expect(r).toMatchObject({ streak: 1, status: 'due' });
  });

  it('counts several weeks missed in a row and when the overdue run began', () => {
    const r = report(weekly, ['2026-01-06'], '2026-01-28');
    expect(r).toMatchObject({
      missed_in_a_row: 2,
      status: 'overdue',
      overdue_since: '2026-01-19',
      last_checkin: '2026-01-06',
    });
  });

  it('uses fortnights for a bi-weekly cadence', () => {
    const r = report(mentorship('2026-01-05', null, 'biweekly'), ['2026-01-16'], '2026-02-01');
    expect(r.period_days).toBe(14);
    expect(r.periods.map((p) => [p.start, p.end, p.checkins.length])).toEqual([
      ['2026-01-05', '2026-01-18', 1],
      ['2026-01-19', '2026-02-01', 0],
    ]);
    expect(r).toMatchObject({ status: 'due', due_by: '2026-02-01', streak: 1 });
  });

  it('stops at the end of an ended mentorship, truncating its last period', () => {
    const r = report(mentorship('2026-01-05', '2026-01-14'), ['2026-01-06', '2026-01-20'], '2026-03-01');
    expect(r.periods.map((p) => [p.start, p.end])).toEqual([
      ['2026-01-05', '2026-01-11'],
      ['2026-01-12', '2026-01-14'],
    ]);
    expect(r).toMatchObject({
      status: 'ended',
      due_by: null,
      with_checkin: 1,
      without_checkin: 1,
      streak: 0,
    });
  });

  it('ignores check-ins before the start and after the day of the report', () => {
    const r = report(weekly, ['2026-01-01', '2026-01-07', '2026-01-20'], '2026-01-12');
    expect(r).toMatchObject({ with_checkin: 1, last_checkin: '2026-01-07', status: 'due' });
  });

  it('has nothing to say about a mentorship without a cadence', () => {
    expect(summarizeCheckins({ ...weekly, cadence: null, relation: null }, [], '2026-02-01')).toBeUndefined();
  });

  it('lists what is due, overdue first', () => {
    const reports = [
      report(mentorship('2026-01-05', null, 'weekly', 'a@x'), ['2026-01-06'], '2026-01-13'), // due
      report(mentorship('2026-01-05', null, 'weekly', 'b@x'), [], '2026-01-13'), // overdue
      report(mentorship('2026-01-05', null, 'weekly', 'c@x'), ['2026-01-12'], '2026-01-13'), // done
    ];
    expect(checkinsDue(reports).map((r) => [r.mentee, r.status])).toEqual([
      ['b@x', 'overdue'],
      ['a@x', 'due'],
    ]);
  });
});

describe('check-in periods, for any mentorship and check-ins', () => {
  it('partition the days, count consistently, and never report a streak longer than the check-ins', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
        fc.constantFrom<Cadence>('weekly', 'biweekly'),
        fc.array(fc.integer({ min: -20, max: 500 }), { maxLength: 40 }),
        fc.integer({ min: -10, max: 500 }),
        (startOffset, length, cadence, checkinOffsets, atOffset) => {
          const start = addDays('2026-01-01', startOffset);
          const end = length === null ? null : addDays(start, length);
          const at = addDays(start, atOffset);
          const r = summarizeCheckins(
            mentorship(start, end, cadence),
            checkinOffsets.map((d) => addDays(start, d)),
            at,
          );
          if (r === undefined) throw new Error('expected a report');
          const last = end !== null && end < at ? end : at;
          if (at < start) {
            expect(r.periods).toEqual([]);
            return;
          }
          // Periods tile [start, last] without gaps or overlaps.
          expect(r.periods[0]?.start).toBe(start);
          r.periods.forEach((p, i) => {
            expect(daysBetween(p.start, p.end)).toBeLessThan(r.period_days);
            const next = r.periods[i + 1];
            if (next !== undefined) expect(next.start).toBe(addDays(p.end, 1));
          });
          expect(r.periods.at(-1)!.end >= last).toBe(true);
          const open = r.periods.filter((p) => !p.complete);
          expect(open.length).toBeLessThanOrEqual(1);
          const openEmpty = open.filter((p) => p.checkins.length === 0).length;
          expect(r.with_checkin + r.without_checkin + openEmpty).toBe(r.periods.length);
          expect(r.streak).toBeLessThanOrEqual(r.with_checkin);
          expect(r.status === 'overdue').toBe(r.missed_in_a_row > 0 && openEmpty === 1);
        },
      ),
    );
  });
});
