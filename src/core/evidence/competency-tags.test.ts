import { describe, expect, it } from 'vitest';
import { checkEvidenceReferences, parseEvidenceInput, type EvidenceReferences } from './validate-evidence.js';

const rosa = 'rosa@example.test';
const review = {
  id: 'cr-1',
  kind: 'code_review',
  builder: rosa,
  date: '2026-03-02',
  recorded_by: rosa,
  link: 'https://git.example.test/pull/1',
  lesson: 'Name the invariant',
};

const refsWith = (areas: ReadonlySet<string> | null): EvidenceReferences => ({
  isBuilder: (email) => email === rosa,
  isPerson: (email) => email === rosa,
  isClient: () => true,
  evidence: () => undefined,
  curriculumModules: null,
  selfEvaluationItems: null,
  competencyAreas: areas,
  pointsMilestones: null,
  roleOf: (email) => (email === rosa ? 'builder' : undefined),
  clientOf: () => undefined,
  placementsOf: () => [],
});
const refs = refsWith(new Set(['code-quality', 'system-design', 'communication']));

function problemsOf(raw: Record<string, unknown>, with_ = refs): { field: string; message: string }[] {
  const parsed = parseEvidenceInput(raw);
  if (!parsed.ok) return parsed.problems;
  return checkEvidenceReferences(parsed.value, with_);
}

describe('competency tags on evidence', () => {
  it('are optional: a record without them parses without the field', () => {
    const parsed = parseEvidenceInput(review);
    expect(parsed.ok && 'competencies' in parsed.value).toBe(false);
    expect(problemsOf(review)).toEqual([]);
  });

  it('accept areas the active ladder declares, in the order given', () => {
    const parsed = parseEvidenceInput({ ...review, competencies: ['system-design', 'code-quality'] });
    expect(parsed.ok && parsed.value.competencies).toEqual(['system-design', 'code-quality']);
    expect(problemsOf({ ...review, competencies: ['system-design', 'code-quality'] })).toEqual([]);
    expect(problemsOf({ ...review, competencies: [] })).toEqual([]);
  });

  it('refuse an area the ladder does not declare, naming the field, the id and the known areas', () => {
    expect(problemsOf({ ...review, competencies: ['code-quality', 'juggling'] })).toEqual([
      {
        field: 'competencies[1]',
        message:
          'unknown competency area juggling in the active ladder (areas: code-quality, system-design, communication)',
      },
    ]);
  });

  it('say so when the active ladder declares no competencies at all', () => {
    expect(problemsOf({ ...review, competencies: ['code-quality'] }, refsWith(new Set()))).toEqual([
      {
        field: 'competencies[0]',
        message: 'unknown competency area code-quality: the active ladder declares no competencies',
      },
    ]);
  });

  it('are not checked against a ladder when none is active', () => {
    expect(problemsOf({ ...review, competencies: ['anything'] }, refsWith(null))).toEqual([]);
  });

  it('refuse a malformed list: not a list, a bad id, a duplicate', () => {
    expect(problemsOf({ ...review, competencies: 'code-quality' })).toEqual([
      { field: 'competencies', message: 'expected a list of competency area ids' },
    ]);
    expect(problemsOf({ ...review, competencies: ['Code Quality'] })).toEqual([
      { field: 'competencies[0]', message: 'expected a competency area id (a-z, 0-9, -)' },
    ]);
    expect(
      problemsOf({ ...review, competencies: ['code-quality', 'communication', 'code-quality'] }),
    ).toEqual([
      { field: 'competencies[2]', message: 'duplicate competency area code-quality (first at index 0)' },
    ]);
  });

  it('go on every kind of record', () => {
    const checkin = {
      id: 'c-1',
      kind: 'checkin',
      builder: rosa,
      date: '2026-03-02',
      recorded_by: rosa,
      mentee: rosa,
    };
    expect(problemsOf({ ...checkin, competencies: ['communication'] }).map((p) => p.field)).toEqual([
      'mentee',
    ]);
  });
});
