import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builder, leader, mentorship, peopleMap } from '../../../test/factories/mentorship-world.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import { addDays } from '../dates/calendar.js';
import { DomainError } from '../errors.js';
import { isActiveOn, type Mentorship } from '../roster/roster.types.js';
import { checkAssignment, refusalError } from './assignment.js';
import { classifyMentorships, describeLevels, type PersonOnLadder } from './mentorship-rules.js';

const ana = builder('Ana', [
  ['L3', '2023-01-01'],
  ['L4', '2025-01-01'],
]);
const bo = builder('Bo', [['L4', '2024-06-01']]);
const cy = builder('Cy', [['L1', '2024-06-01']]);
const dee = builder('Dee', [['L2', '2025-06-01']]);
const eve = builder('Eve', [
  ['L2', '2024-01-01'],
  ['L3', '2026-03-01'],
]);
const fay = builder('Fay', [['L1', '2025-06-01']]);
const uma = builder('Uma', [['L5', '2023-09-01']]);
const wen = leader('Wen');
const people = peopleMap(ana, bo, cy, dee, eve, fay, uma, wen);

function check(
  mentor: PersonOnLadder,
  mentee: PersonOnLadder,
  start: string,
  existing: Mentorship[] = [],
  end: string | null = null,
) {
  const versions = [shippedLadder()];
  return checkAssignment(
    versions,
    { mentor, mentee, start, end },
    classifyMentorships(versions, people, existing),
    people,
  );
}

describe('assignment obeys the ladder (issue 5)', () => {
  it.each([
    {
      mentor: ana,
      mentee: cy,
      start: '2026-01-05',
      relation: 'gives',
      cadence: 'weekly',
      why: 'L4 gives to an L1',
    },
    {
      mentor: ana,
      mentee: dee,
      start: '2026-01-05',
      relation: 'gives',
      cadence: 'weekly',
      why: 'L4 gives to an L2',
    },
    {
      mentor: uma,
      mentee: eve,
      start: '2026-03-01',
      relation: 'gives',
      cadence: 'weekly',
      why: 'L5 gives to an L3',
    },
    {
      mentor: uma,
      mentee: ana,
      start: '2026-01-05',
      relation: 'receives',
      cadence: 'biweekly',
      why: 'an L4 receives an L5',
    },
    {
      mentor: wen,
      mentee: bo,
      start: '2026-01-05',
      relation: 'receives',
      cadence: 'biweekly',
      why: 'an L4 receives leadership',
    },
    {
      mentor: ana,
      mentee: cy,
      start: '2025-01-01',
      relation: 'gives',
      cadence: 'weekly',
      why: 'the mentor is L4 from that very day',
    },
  ])('allows: $why', ({ mentor, mentee, start, relation, cadence }) => {
    expect(check(mentor, mentee, start)).toMatchObject({ ok: true, relation, cadence });
  });

  it.each([
    {
      mentor: ana,
      mentee: eve,
      start: '2026-03-01',
      code: 'mentee_level_not_eligible',
      message: 'L4 mentors may take L1–L2 mentees; Eve is L3',
      why: 'an L3 mentee is beyond L4',
    },
    {
      mentor: ana,
      mentee: eve,
      start: '2026-02-28',
      code: null,
      message: null,
      why: 'the day before Eve became L3 she was L2: allowed',
    },
    {
      mentor: ana,
      mentee: cy,
      start: '2024-12-31',
      code: 'mentor_not_eligible',
      message: 'L3 mentors may hold 0 mentees (ladder of 2026-02-01); Ana is L3',
      why: 'the mentor is still L3 on the start day',
    },
    {
      mentor: bo,
      mentee: ana,
      start: '2026-01-05',
      code: 'mentor_not_eligible',
      message: 'L4 builders receive an L5 mentor or leadership; Bo is L4 (Ana is L4)',
      why: "the mentee's own rule: an L4 may not be mentored by an L4",
    },
    {
      mentor: cy,
      mentee: ana,
      start: '2026-01-05',
      code: 'mentor_not_eligible',
      message: 'L4 builders receive an L5 mentor or leadership; Cy is L1 (Ana is L4)',
      why: 'an L1 cannot mentor an L4',
    },
    {
      mentor: wen,
      mentee: cy,
      start: '2026-01-05',
      code: 'mentor_not_eligible',
      message:
        'Wen has no level on 2026-01-05, and L1 builders receive no leadership mentor in the ladder of 2026-02-01',
      why: 'leadership mentors only levels that receive leadership',
    },
    {
      mentor: ana,
      mentee: wen,
      start: '2026-01-05',
      code: 'mentee_level_not_eligible',
      message: 'Wen has no level on 2026-01-05: only builders are mentored',
      why: 'a mentee without a level',
    },
  ])('refuses: $why', ({ mentor, mentee, start, code, message }) => {
    const result = check(mentor, mentee, start);
    if (code === null) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result).toEqual({ ok: false, refusal: expect.objectContaining({ code, message }) });
  });

  describe('slots', () => {
    it('an L4 holds 1 mentee: the second is refused, naming both people and the number', () => {
      const result = check(ana, dee, '2026-02-01', [mentorship(ana, cy, '2026-01-05')]);
      expect(result).toEqual({
        ok: false,
        refusal: expect.objectContaining({
          code: 'mentor_slots_full',
          message: 'L4 mentors may hold 1 mentee; Ana already mentors Cy',
        }),
      });
    });

    it('a slot frees up the day after the earlier mentorship ends (its end date is its last day)', () => {
      const existing = [mentorship(ana, cy, '2026-01-05', '2026-01-31')];
      expect(check(ana, dee, '2026-01-31', existing).ok).toBe(false);
      expect(check(ana, dee, '2026-02-01', existing).ok).toBe(true);
    });

    it('counts a later mentorship the new one would overlap', () => {
      const result = check(ana, dee, '2026-01-01', [mentorship(ana, cy, '2026-03-01')]);
      expect(result).toMatchObject({
        ok: false,
        refusal: {
          code: 'mentor_slots_full',
          message: 'L4 mentors may hold 1 mentee; Ana already mentors Cy from 2026-03-01',
        },
      });
      // Ending before the later one starts fits.
      expect(check(ana, dee, '2026-01-01', [mentorship(ana, cy, '2026-03-01')], '2026-02-28').ok).toBe(true);
    });

    it('an L5 holds 2: the third is refused naming both mentees', () => {
      const existing = [mentorship(uma, cy, '2026-01-05'), mentorship(uma, dee, '2026-01-06')];
      expect(check(uma, fay, '2026-02-01', existing)).toMatchObject({
        ok: false,
        refusal: {
          code: 'mentor_slots_full',
          message: 'L5 mentors may hold 2 mentees; Uma already mentors Cy and Dee',
        },
      });
      expect(check(uma, fay, '2026-02-01', existing.slice(0, 1)).ok).toBe(true);
    });

    it('a received mentorship takes no slot on either side', () => {
      // Uma gives to Cy and Dee (2 of 2) and still mentors Ana, an L4 who receives an L5.
      const existing = [mentorship(uma, cy, '2026-01-05'), mentorship(uma, dee, '2026-01-06')];
      expect(check(uma, ana, '2026-02-01', existing)).toMatchObject({
        ok: true,
        relation: 'receives',
        slots: 0,
      });
      // Ana receiving Uma does not use Ana's own slot.
      expect(check(ana, cy, '2026-02-01', [mentorship(uma, ana, '2026-01-01')]).ok).toBe(true);
    });

    it('a mentorship the ladder never allowed does not hold a slot', () => {
      // Imported history: Ana (L4) "mentoring" Eve while Eve was L3 takes no slot.
      const existing = [mentorship(ana, eve, '2026-03-01')];
      expect(check(ana, cy, '2026-03-05', existing).ok).toBe(true);
    });
  });

  it('refuses the same pair twice while the first is active', () => {
    const result = check(uma, cy, '2026-02-01', [mentorship(uma, cy, '2026-01-05')]);
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'conflict', message: 'Uma already mentors Cy (since 2026-01-05)' },
    });
  });

  it('turns a refusal into a domain error with the same code and message', () => {
    const result = check(ana, eve, '2026-03-01');
    if (result.ok) throw new Error('expected a refusal');
    const error = refusalError(result.refusal);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('mentee_level_not_eligible');
    expect(error.message).toBe('L4 mentors may take L1–L2 mentees; Eve is L3');
  });
});

describe('describeLevels', () => {
  it('writes consecutive levels as a range and others as a list', () => {
    const doc = shippedLadder();
    expect(describeLevels(doc, ['L1', 'L2', 'L3'])).toBe('L1–L3');
    expect(describeLevels(doc, ['L1', 'L3'])).toBe('L1, L3');
    expect(describeLevels(doc, ['L2'])).toBe('L2');
    expect(describeLevels(doc, [])).toBe('no levels');
  });
});

describe('slots, for any sequence of requests', () => {
  it('never lets a mentor hold more giving mentorships on one day than their level allows', () => {
    const mentees = Array.from({ length: 6 }, (_, i) => builder(`M${i}`, [['L1', '2020-01-01']]));
    const world = peopleMap(ana, uma, ...mentees);
    const versions = [shippedLadder()];
    const request = fc.record({
      mentor: fc.constantFrom(ana, uma),
      mentee: fc.integer({ min: 0, max: 5 }),
      start: fc.integer({ min: 0, max: 200 }),
      length: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 12 }), (requests) => {
        const accepted: Mentorship[] = [];
        for (const r of requests) {
          const mentee = mentees[r.mentee]!;
          const start = addDays('2026-01-01', r.start);
          const end = r.length === null ? null : addDays(start, r.length);
          const result = checkAssignment(
            versions,
            { mentor: r.mentor, mentee, start, end },
            classifyMentorships(versions, world, accepted),
            world,
          );
          if (result.ok)
            accepted.push({ ...mentorship(r.mentor, mentee, start, end), id: `m${accepted.length}` });
        }
        for (const mentor of [ana, uma]) {
          const slots = mentor === ana ? 1 : 2;
          const held = accepted.filter((m) => m.mentor === mentor.email);
          for (const day of held.map((m) => m.start)) {
            expect(held.filter((m) => isActiveOn(m, day)).length).toBeLessThanOrEqual(slots);
          }
        }
      }),
    );
  });
});
