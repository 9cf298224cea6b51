import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validLadder } from '../../../test/helpers/ladder-text.js';
import { checkAssignment } from './assignment.js';
import { classifyMentorship, classifyMentorships, type PersonOnLadder } from './mentorship-rules.js';

// backend E1 receives a backend E2 mentor; each E2 gives one slot to its own track's E1; m1 ≡ backend E2.
const ladder = validLadder(readFileSync(path.resolve('test/fixtures/ladders/shared-ids.yaml'), 'utf8'));
const DAY = '2026-03-01';

const person = (name: string, track: string, level: string): PersonOnLadder => ({
  email: `${name}@example.test`,
  name,
  levels: [{ level, since: '2025-01-01' }],
  leadership: false,
  track,
});
const backendJunior = person('bea', 'backend', 'E1');
const frontendJunior = person('fred', 'frontend', 'E1');
const backendSenior = person('bob', 'backend', 'E2');
const frontendSenior = person('fay', 'frontend', 'E2');
const manager = person('max', 'manager', 'm1');

const classify = (mentor: PersonOnLadder, mentee: PersonOnLadder) =>
  classifyMentorship([ladder], mentor, mentee, DAY);

describe('mentorship rules on tracks that share level ids (levels by track, ADR 0020)', () => {
  it("gives a slot only to the mentor's own track's E1, though both juniors are 'E1'", () => {
    expect(classify(frontendSenior, frontendJunior)).toMatchObject({ ok: true, relation: 'gives', slots: 1 });
    // Bare ids alone would let the frontend E2 take a backend E1 (and pay a referral for it).
    const refused = classify(frontendSenior, backendJunior);
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'mentor_not_eligible' } });
  });

  it('lets backend E1 receive a backend E2 mentor, not the frontend E2 of the same id', () => {
    expect(classify(backendSenior, backendJunior)).toMatchObject({
      ok: true,
      relation: 'receives',
      cadence: 'biweekly',
      slots: 0,
    });
    expect(classify(frontendSenior, backendJunior).ok).toBe(false);
  });

  it('lets a manager standing level with backend E2 mentor as a backend E2 may, and nothing more', () => {
    expect(classify(manager, backendJunior)).toMatchObject({ ok: true, relation: 'receives' });
    // m1 gives no slots and is equivalent to backend E2 only: the frontend junior receives no mentor rule.
    expect(classify(manager, frontendJunior)).toMatchObject({
      ok: false,
      refusal: { code: 'mentor_not_eligible' },
    });
  });

  it("counts a giving mentor's slot on their own track's level: the second mentee is refused", () => {
    const other = person('fio', 'frontend', 'E1');
    const people = new Map(
      [frontendSenior, frontendJunior, other].map((p): [string, PersonOnLadder] => [p.email, p]),
    );
    const existing = classifyMentorships([ladder], people, [
      { id: 'm-1', mentor: frontendSenior.email, mentee: frontendJunior.email, start: DAY, end: null },
    ]);
    expect(existing[0]).toMatchObject({ relation: 'gives', mentorLevel: 'E2' });
    const second = checkAssignment(
      [ladder],
      { mentor: frontendSenior, mentee: other, start: DAY, end: null },
      existing,
      people,
    );
    expect(second).toMatchObject({ ok: false, refusal: { code: 'mentor_slots_full' } });
  });
});
