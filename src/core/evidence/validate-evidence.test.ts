import { describe, expect, it } from 'vitest';
import { EVIDENCE_FIELDS, EVIDENCE_KINDS } from '../ladder/rule-kinds.js';
import { EVIDENCE_KIND_VALUES, kindFieldNames, type EvidenceKindName } from './evidence.schema.js';
import {
  checkEvidenceReferences,
  parseEvidenceInput,
  type EvidenceReferences,
  type KnownEvidence,
} from './validate-evidence.js';

const common = { builder: 'rosa@example.test', date: '2025-04-02', recorded_by: 'rosa@example.test' };

/** One valid record of every kind, as a line of evidence.ndjson would carry it. */
const VALID: Record<EvidenceKindName, Record<string, unknown>> = {
  decision: {
    id: 'd-1',
    kind: 'decision',
    ...common,
    type: 'scope_change',
    title: 'Pilot one depot',
    recommendation: 'Pilot first',
    data: '38% of late deliveries',
    client: 'northwind',
    client_response: 'adopted',
    confirmed_by: 'pm@northwind.example.test',
    outcome: '',
    significant: true,
  },
  feature: {
    id: 'f-1',
    kind: 'feature',
    ...common,
    title: 'Route planner',
    client: 'northwind',
    shipped_on: '2025-05-12',
    analytics_events: ['route_planned'],
  },
  retro: {
    id: 'r-1',
    kind: 'retro',
    ...common,
    feature_id: 'f-0',
    hypothesis: 'h',
    what_happened: '',
    what_to_change: '',
  },
  adr: { id: 'a-1', kind: 'adr', ...common, title: 'Use Postgres', status: 'accepted', link: '' },
  code_review: { id: 'cr-1', kind: 'code_review', ...common, link: 'https://x.test/pr/1', lesson: 'Measure' },
  review_citation: {
    id: 'rc-1',
    kind: 'review_citation',
    ...common,
    recorded_by: 'tom@example.test',
    review_id: 'cr-0',
  },
  mentee_review: {
    id: 'mr-1',
    kind: 'mentee_review',
    ...common,
    mentee: 'tom@example.test',
    score: 3,
    notes: '',
  },
  checkin: { id: 'ci-1', kind: 'checkin', ...common, mentee: 'tom@example.test' },
  client_feedback: {
    id: 'cf-1',
    kind: 'client_feedback',
    ...common,
    client: 'northwind',
    rating: 5,
    text: '',
  },
  escalation: { id: 'es-1', kind: 'escalation', ...common, client: 'northwind', summary: 'Slipped date' },
  curriculum: { id: 'cu-1', kind: 'curriculum', ...common, module_id: 'product-analytics', status: 'done' },
  self_evaluation: {
    id: 'se-1',
    kind: 'self_evaluation',
    ...common,
    item_id: 'instrument-features',
    answer: 'yes',
    evidence_ids: ['f-0'],
  },
  milestone_assessment: {
    id: 'ma-1',
    kind: 'milestone_assessment',
    ...common,
    // An assessment is the mentor's (ADR 0025): Tom mentors Rosa (refs.mentorshipsOf).
    recorded_by: 'tom@example.test',
    competency: 'code-quality',
    milestone: 5,
    note: 'Reviewed three changes.',
  },
};

const byRosa = { date: '2025-04-01', recorded_by: 'rosa@example.test', confirmed_by: null };
const existing: Record<string, KnownEvidence> = {
  'f-0': { kind: 'feature', builder: 'rosa@example.test', superseded_by: null, ...byRosa },
  'cr-0': { kind: 'code_review', builder: 'rosa@example.test', superseded_by: null, ...byRosa },
  'd-0': { kind: 'decision', builder: 'rosa@example.test', superseded_by: null, ...byRosa },
  'd-old': { kind: 'decision', builder: 'rosa@example.test', superseded_by: 'd-0', ...byRosa },
  'd-tom': { kind: 'decision', builder: 'tom@example.test', superseded_by: null, ...byRosa },
  'cr-tom': { kind: 'code_review', builder: 'tom@example.test', superseded_by: null, ...byRosa },
};

const refs: EvidenceReferences = {
  isBuilder: (email) => ['rosa@example.test', 'tom@example.test'].includes(email),
  isPerson: (email) => ['rosa@example.test', 'tom@example.test', 'pm@northwind.example.test'].includes(email),
  isClient: (id) => id === 'northwind',
  evidence: (id) => existing[id],
  curriculumModules: new Set(['product-analytics']),
  selfEvaluationItems: new Set(['instrument-features']),
  competencyAreas: new Set(['code-quality', 'communication']),
  pointsMilestones: new Map([['code-quality', 5]]),
  roleOf: (email) =>
    email === 'pm@northwind.example.test'
      ? 'client_stakeholder'
      : email.endsWith('@example.test')
        ? 'builder'
        : undefined,
  clientOf: () => undefined,
  placementsOf: () => [{ client: 'northwind', start: '2025-01-01', end: null }],
  mentorshipsOf: (builder) =>
    builder === 'rosa@example.test' ? [{ mentor: 'tom@example.test', start: '2025-01-01', end: null }] : [],
};

function problemsOf(raw: Record<string, unknown>): { field: string; message: string }[] {
  const parsed = parseEvidenceInput(raw);
  if (!parsed.ok) return parsed.problems;
  return checkEvidenceReferences(parsed.value, refs);
}

describe('evidence kinds', () => {
  it('are exactly the kinds and fields the ladder rules may name', () => {
    expect([...EVIDENCE_KIND_VALUES]).toEqual([...EVIDENCE_KINDS]);
    for (const kind of EVIDENCE_KIND_VALUES) {
      // confirmed_by is a common field here; the ladder lists it under decision for `where` filters.
      expect(kindFieldNames(kind).sort()).toEqual(
        EVIDENCE_FIELDS[kind].filter((field) => field !== 'confirmed_by').sort(),
      );
    }
  });
});

describe.each(EVIDENCE_KIND_VALUES)('a %s record', (kind) => {
  const valid = VALID[kind];

  it('is accepted when complete, with absent optionals normalised to null', () => {
    const parsed = parseEvidenceInput(valid);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.supersedes).toBeNull();
    expect(checkEvidenceReferences(parsed.value, refs)).toEqual([]);
  });

  it.each(['id', 'builder', 'date', 'recorded_by', ...kindFieldNames(kind)])(
    'is rejected naming %s when that field is missing',
    (field) => {
      const { [field]: _dropped, ...rest } = valid;
      expect(problemsOf(rest)).toContainEqual({ field, message: 'required field is missing' });
    },
  );

  it('is rejected naming a field the kind does not have', () => {
    expect(problemsOf({ ...valid, colour: 'blue' })).toEqual([
      { field: 'colour', message: 'unknown field for this kind' },
    ]);
  });

  it('is rejected naming builder and recorded_by when they are unknown', () => {
    const problems = problemsOf({
      ...valid,
      builder: 'ghost@example.test',
      recorded_by: 'nobody@example.test',
    });
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['builder', 'recorded_by']));
  });

  it('is rejected naming date when it is not a calendar date', () => {
    expect(problemsOf({ ...valid, date: '2025-02-30' })).toEqual([
      { field: 'date', message: 'expected a real calendar date YYYY-MM-DD' },
    ]);
  });
});

describe('evidence validation', () => {
  it('rejects an unknown kind naming the kind field', () => {
    expect(problemsOf({ ...VALID.decision, kind: 'vibe' })).toEqual([
      { field: 'kind', message: expect.stringContaining('unknown evidence kind "vibe"') },
    ]);
  });

  it('rejects a record without a kind', () => {
    const { kind: _kind, ...rest } = VALID.adr;
    expect(problemsOf(rest)).toEqual([{ field: 'kind', message: 'required field is missing' }]);
  });

  it('rejects a line that is not an object', () => {
    expect(parseEvidenceInput([1, 2])).toEqual({
      ok: false,
      problems: [{ field: '', message: 'expected a JSON object' }],
    });
  });

  it('treats empty confirmed_by and null supersedes as not given', () => {
    const parsed = parseEvidenceInput({ ...VALID.decision, confirmed_by: '', supersedes: null });
    expect(parsed.ok && parsed.value.confirmed_by).toBeNull();
    expect(parsed.ok && parsed.value.supersedes).toBeNull();
  });

  it('stores emails lower-case so one person is one key', () => {
    const parsed = parseEvidenceInput({ ...VALID.checkin, builder: 'Rosa@Example.TEST' });
    expect(parsed.ok && parsed.value.builder).toBe('rosa@example.test');
  });

  it('accepts empty text fields', () => {
    expect(problemsOf({ ...VALID.decision, title: '', recommendation: '', data: '', outcome: '' })).toEqual(
      [],
    );
  });

  const cases: [string, EvidenceKindName, Record<string, unknown>, string, RegExp][] = [
    [
      'decision type outside the list',
      'decision',
      { type: 'pivot' },
      'type',
      /scope_change, feature_proposal, kill, descope/,
    ],
    [
      'client response outside the list',
      'decision',
      { client_response: 'maybe' },
      'client_response',
      /adopted/,
    ],
    ['significant as text', 'decision', { significant: 'yes' }, 'significant', /true or false/],
    ['unknown client', 'decision', { client: 'acme' }, 'client', /unknown client acme/],
    ['unknown confirmer', 'decision', { confirmed_by: 'x@example.test' }, 'confirmed_by', /unknown person/],
    [
      'feature events not a list',
      'feature',
      { analytics_events: 'route_planned' },
      'analytics_events',
      /list/,
    ],
    ['empty event name', 'feature', { analytics_events: [''] }, 'analytics_events[0]', /event name/],
    ['shipped_on not a date', 'feature', { shipped_on: 'May' }, 'shipped_on', /YYYY-MM-DD/],
    [
      'retro of an unknown feature',
      'retro',
      { feature_id: 'f-404' },
      'feature_id',
      /unknown evidence record f-404/,
    ],
    [
      'retro of a code review',
      'retro',
      { feature_id: 'cr-0' },
      'feature_id',
      /code_review record, expected feature/,
    ],
    ['adr status outside the list', 'adr', { status: 'maybe' }, 'status', /accepted/],
    [
      'citation of an unknown review',
      'review_citation',
      { review_id: 'cr-404' },
      'review_id',
      /unknown evidence/,
    ],
    ['citation of a feature', 'review_citation', { review_id: 'f-0' }, 'review_id', /expected code_review/],
    [
      "citation of another builder's review",
      'review_citation',
      { review_id: 'cr-tom' },
      'review_id',
      /cr-tom is a code review of tom@example.test, not of rosa@example.test/,
    ],
    ['mentee review score 0', 'mentee_review', { score: 0 }, 'score', /1–5/],
    ['mentee review score 6', 'mentee_review', { score: 6 }, 'score', /1–5/],
    ['mentee review score 2.5', 'mentee_review', { score: 2.5 }, 'score', /whole number/],
    ['unknown mentee', 'mentee_review', { mentee: 'ghost@example.test' }, 'mentee', /unknown builder/],
    ['checkin with oneself', 'checkin', { mentee: 'rosa@example.test' }, 'mentee', /own mentee/],
    ['feedback rating 0', 'client_feedback', { rating: 0 }, 'rating', /1–5/],
    ['escalation at unknown client', 'escalation', { client: 'acme' }, 'client', /unknown client/],
    [
      'unknown curriculum module',
      'curriculum',
      { module_id: 'juggling' },
      'module_id',
      /unknown curriculum module/,
    ],
    ['curriculum status outside the list', 'curriculum', { status: 'half' }, 'status', /in_progress/],
    ['unknown checklist item', 'self_evaluation', { item_id: 'juggling' }, 'item_id', /self-evaluation item/],
    ['answer outside the list', 'self_evaluation', { answer: 'sure' }, 'answer', /yes, partly, no/],
    [
      'link to unknown evidence',
      'self_evaluation',
      { evidence_ids: ['f-0', 'zz'] },
      'evidence_ids[1]',
      /unknown evidence record zz/,
    ],
    ['self link', 'self_evaluation', { evidence_ids: ['se-1'] }, 'evidence_ids[0]', /itself/],
    [
      'milestone of an area the ladder does not score',
      'milestone_assessment',
      { competency: 'communication' },
      'competency',
      /^competency area communication has no milestones in the active ladder \(areas with milestones: code-quality\)$/,
    ],
    [
      'milestone past the last (5 of 5 is the last)',
      'milestone_assessment',
      { milestone: 6 },
      'milestone',
      /^unknown milestone 6 of code-quality: the active ladder gives it milestones 1–5$/,
    ],
    ['milestone 0', 'milestone_assessment', { milestone: 0 }, 'milestone', /^expected a milestone number/],
    [
      'milestone 2.5',
      'milestone_assessment',
      { milestone: 2.5 },
      'milestone',
      /^expected a milestone number/,
    ],
    [
      'milestone of a badly written area',
      'milestone_assessment',
      { competency: 'Code Quality' },
      'competency',
      /a-z, 0-9/,
    ],
    ['supersedes unknown', 'decision', { supersedes: 'd-404' }, 'supersedes', /unknown evidence record/],
    ['supersedes another kind', 'decision', { supersedes: 'f-0' }, 'supersedes', /keeps the kind/],
    ['supersedes another builder', 'decision', { supersedes: 'd-tom' }, 'supersedes', /keeps the builder/],
    [
      'supersedes a corrected record',
      'decision',
      { supersedes: 'd-old' },
      'supersedes',
      /already corrected by d-0/,
    ],
    ['supersedes itself', 'decision', { supersedes: 'd-1' }, 'supersedes', /itself/],
    ['id with a space', 'adr', { id: 'a 1' }, 'id', /letters, digits/],
    ['recorded_at without offset', 'adr', { recorded_at: '2025-01-01T10:00:00' }, 'recorded_at', /offset/],
  ];
  it.each(cases)('rejects %s naming the field', (_name, kind, patch, field, message) => {
    const problems = problemsOf({ ...VALID[kind], ...patch });
    expect(problems).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('says so when no active ladder scores points at all', () => {
    const parsed = parseEvidenceInput(VALID.milestone_assessment);
    if (!parsed.ok) throw new Error('the valid assessment is refused');
    expect(checkEvidenceReferences(parsed.value, { ...refs, pointsMilestones: new Map() })).toEqual([
      {
        field: 'competency',
        message: 'competency area code-quality has no milestones: no active ladder scores points',
      },
    ]);
    expect(checkEvidenceReferences(parsed.value, { ...refs, pointsMilestones: null })).toEqual([]);
  });

  it('accepts a correction of a record not yet corrected', () => {
    expect(problemsOf({ ...VALID.decision, supersedes: 'd-0' })).toEqual([]);
  });

  it('skips ladder checks when no ladder is active', () => {
    const parsed = parseEvidenceInput({ ...VALID.curriculum, module_id: 'anything' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(checkEvidenceReferences(parsed.value, { ...refs, curriculumModules: null })).toEqual([]);
  });
});
