import { describe, expect, it } from 'vitest';
import { loadShippedLadder } from '../../../test/helpers/promotion-fixtures.js';
import { DomainError } from '../errors.js';
import {
  assertValidPanel,
  panelistConflict,
  panelistRefusal,
  seatsConflictedBy,
  type CandidateRelations,
  type PanelistFacts,
} from './panel.js';
import { panelPromotionFrom } from './promotion-rules.js';

const doc = loadShippedLadder();
const { panel } = panelPromotionFrom(doc, 'L4');
const relations: CandidateRelations = {
  candidateEmail: 'cy@worca.test',
  mentorEmails: ['mentor@worca.test', 'past-mentor@worca.test'],
  menteeEmails: ['mentee@worca.test'],
};
const person = (email: string, levelId: string | null, leadership = false): PanelistFacts => ({
  email,
  levelId,
  leadership,
});

function codeOf(work: () => void): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('panel eligibility and conflicts', () => {
  it.each<[string, PanelistFacts, string | null]>([
    ['an L5 builder', person('l5@worca.test', 'L5'), null],
    ['leadership without a level', person('boss@worca.test', null, true), null],
    ['leadership at L3', person('lead3@worca.test', 'L3', true), null],
    ['an L4 builder', person('l4@worca.test', 'L4'), 'panelist_not_eligible'],
    ['an L1 builder', person('l1@worca.test', 'L1'), 'panelist_not_eligible'],
    ['someone with no level and no leadership', person('x@worca.test', null), 'panelist_not_eligible'],
    ['the candidate', person('CY@worca.test', 'L5'), 'panelist_conflict'],
    ['the current mentor, even at L5', person('mentor@worca.test', 'L5'), 'panelist_conflict'],
    ['a past mentor who is leadership', person('past-mentor@worca.test', null, true), 'panelist_conflict'],
    ['someone the candidate mentors', person('mentee@worca.test', 'L5'), 'panelist_conflict'],
  ])('%s', (_label, facts, expected) => {
    expect(panelistRefusal(doc, panel, facts, relations)?.code ?? null).toBe(expected);
  });

  it('refuses leadership when the ladder does not admit leadership', () => {
    const strict = { ...panel, eligibility: { ...panel.eligibility, leadership: false } };
    expect(panelistRefusal(doc, strict, person('boss@worca.test', null, true), relations)?.code).toBe(
      'panelist_not_eligible',
    );
  });

  it('accepts a panel of exactly the ladder size (3) with eligible members', () => {
    const members = [person('a@w.t', 'L5'), person('b@w.t', 'L5'), person('c@w.t', null, true)];
    expect(() => assertValidPanel(doc, panel, members, relations)).not.toThrow();
  });

  it.each([2, 4])('refuses a panel of %i members with validation_failed', (size) => {
    const members = Array.from({ length: size }, (_, i) => person(`p${i}@w.t`, 'L5'));
    expect(codeOf(() => assertValidPanel(doc, panel, members, relations))).toBe('validation_failed');
  });

  it('refuses the same person twice', () => {
    const members = [person('a@w.t', 'L5'), person('A@w.t', 'L5'), person('c@w.t', 'L5')];
    expect(codeOf(() => assertValidPanel(doc, panel, members, relations))).toBe('validation_failed');
  });

  it('throws the first refusal and lists them all', () => {
    const members = [person('l4@w.t', 'L4'), person('mentor@worca.test', 'L5'), person('c@w.t', 'L5')];
    try {
      assertValidPanel(doc, panel, members, relations);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('panelist_not_eligible');
      expect((error as DomainError).details).toMatchObject({
        refusals: [{ code: 'panelist_not_eligible' }, { code: 'panelist_conflict' }],
      });
    }
  });

  it('refuses a case from a level whose promotion has no panel', () => {
    expect(codeOf(() => panelPromotionFrom(doc, 'L2'))).toBe('case_not_eligible');
    expect(codeOf(() => panelPromotionFrom(doc, 'L9'))).toBe('case_not_eligible');
  });
});

describe('conflicts re-checked after seating', () => {
  const withRecords: CandidateRelations = {
    ...relations,
    mentorships: [
      { id: 'ms-now', mentor: 'mentor@worca.test', mentee: 'cy@worca.test' },
      { id: 'ms-down', mentor: 'cy@worca.test', mentee: 'mentee@worca.test' },
    ],
  };

  it('names the mentorship record behind a conflict, in either direction', () => {
    expect(panelistConflict('Mentor@worca.test', withRecords)).toMatchObject({
      code: 'panelist_conflict',
      mentorship: 'ms-now',
      reason: "Mentor@worca.test is or was the candidate's mentor (mentorship ms-now)",
    });
    expect(panelistConflict('mentee@worca.test', withRecords)?.mentorship).toBe('ms-down');
    expect(panelistConflict('l5@worca.test', withRecords)).toBeNull();
  });

  const seats = [
    { caseId: 7, candidateEmail: 'cy@worca.test', panelistEmail: 'p1@worca.test' },
    { caseId: 7, candidateEmail: 'cy@worca.test', panelistEmail: 'p2@worca.test' },
    { caseId: 8, candidateEmail: 'di@worca.test', panelistEmail: 'p1@worca.test' },
  ];

  it.each([
    ['a seated panelist becoming the candidate’s mentor', 'P1@worca.test', 'cy@worca.test', [7], 'mentor'],
    ['the candidate becoming a seated panelist’s mentor', 'cy@worca.test', 'p2@worca.test', [7], 'mentee'],
    ['the same panelist on another candidate’s case', 'p1@worca.test', 'di@worca.test', [8], 'mentor'],
    ['a tie between two panelists', 'p1@worca.test', 'p2@worca.test', [], ''],
    ['a tie with someone not seated', 'x@worca.test', 'cy@worca.test', [], ''],
  ])('%s', (_label, mentor, mentee, cases, role) => {
    const found = seatsConflictedBy(seats, [{ id: 'ms-new', mentor, mentee }]);
    expect(found.map((c) => c.caseId)).toEqual(cases);
    for (const c of found) {
      expect(c.mentorship).toBe('ms-new');
      expect(c.reason).toContain(`the ${role} of`);
    }
  });
});
