import { describe, expect, it } from 'vitest';
import type { EvidenceInput } from './evidence.schema.js';
import { checkEvidenceRules, type CorrectedRecord, type EvidenceRuleFacts } from './evidence-rules.js';
import { parseEvidenceInput } from './validate-evidence.js';

const ROSA = 'rosa@example.test';
const TOM = 'tom@example.test';
const LEAD = 'lead@example.test';
const PM = 'pm@northwind.example.test';
const OTHER_PM = 'cto@acme.example.test';

const facts: EvidenceRuleFacts = {
  roleOf: (email) =>
    (({ [ROSA]: 'builder', [TOM]: 'builder', [LEAD]: 'leadership', [PM]: 'client_stakeholder' }) as const)[
      email
    ] ?? (email === OTHER_PM ? 'client_stakeholder' : undefined),
  clientOf: (email) => (email === PM ? 'northwind' : undefined),
  placementsOf: (builder) =>
    builder === ROSA ? [{ client: 'northwind', start: '2025-03-01', end: '2025-12-31' }] : [],
};

function input(raw: Record<string, unknown>): EvidenceInput {
  const parsed = parseEvidenceInput({ builder: ROSA, date: '2025-09-02', ...raw });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const escalationByLead: CorrectedRecord = { date: '2025-09-02', recorded_by: LEAD, confirmed_by: null };
const escalation = (patch: Record<string, unknown>) =>
  input({ id: 'esc-2', kind: 'escalation', supersedes: 'esc-1', client: 'northwind', summary: '', ...patch });
const rulesOf = (record: EvidenceInput, original?: CorrectedRecord) =>
  checkEvidenceRules(record, original, facts).map((p) => p.rule);

describe('who may correct a record', () => {
  it('refuses the builder correcting what leadership recorded about her, naming both records', () => {
    const problems = checkEvidenceRules(escalation({ recorded_by: ROSA }), escalationByLead, facts);
    expect(problems).toEqual([
      {
        field: 'supersedes',
        rule: 'correctionAuthor',
        message: expect.stringMatching(/esc-2 would correct esc-1, which lead@example.test recorded/),
      },
    ]);
  });

  it('lets the original recorder and any leadership person correct it', () => {
    expect(rulesOf(escalation({ recorded_by: LEAD }), escalationByLead)).toEqual([]);
    const byRosa = { ...escalationByLead, recorded_by: ROSA };
    expect(rulesOf(escalation({ recorded_by: ROSA }), byRosa)).toEqual([]);
    expect(rulesOf(escalation({ recorded_by: LEAD }), byRosa)).toEqual([]);
  });

  it('refuses a colleague correcting a citation another colleague recorded', () => {
    const citation = input({
      id: 'c-2',
      kind: 'review_citation',
      supersedes: 'c-1',
      recorded_by: TOM,
      review_id: 'cr-1',
    });
    expect(
      rulesOf(citation, { date: '2025-09-02', recorded_by: 'ana@example.test', confirmed_by: null }),
    ).toEqual(['correctionAuthor']);
  });
});

describe('the date of a correction', () => {
  it('may be the day of the original, not the day before', () => {
    expect(rulesOf(escalation({ recorded_by: LEAD, date: '2025-09-02' }), escalationByLead)).toEqual([]);
    const early = checkEvidenceRules(
      escalation({ recorded_by: LEAD, date: '2025-09-01' }),
      escalationByLead,
      facts,
    );
    expect(early).toEqual([
      {
        field: 'date',
        rule: 'correctionDate',
        message: expect.stringMatching(/esc-2 is dated 2025-09-01, before esc-1 \(2025-09-02\)/),
      },
    ]);
  });
});

describe('a vouch on a corrected record', () => {
  const adopted: CorrectedRecord = { date: '2025-04-02', recorded_by: ROSA, confirmed_by: PM };
  const decision = (patch: Record<string, unknown>) =>
    input({
      id: 'd-2',
      kind: 'decision',
      supersedes: 'd-1',
      date: '2025-05-01',
      recorded_by: ROSA,
      type: 'scope_change',
      title: '',
      recommendation: '',
      data: '',
      client: 'northwind',
      client_response: 'adopted',
      outcome: '',
      significant: false,
      ...patch,
    });

  it('does not carry over to the builder’s own correction', () => {
    expect(rulesOf(decision({ confirmed_by: PM }), adopted)).toEqual(['vouchNotCarried']);
    expect(rulesOf(decision({ confirmed_by: null }), adopted)).toEqual([]);
    expect(rulesOf(decision({ confirmed_by: ROSA }), adopted)).toEqual([]);
  });

  it('may stand on a correction leadership records', () => {
    expect(rulesOf(decision({ recorded_by: LEAD, confirmed_by: PM }), adopted)).toEqual([]);
  });
});

describe('a client contact’s feedback and escalations', () => {
  const feedback = (patch: Record<string, unknown>) =>
    input({
      id: 'fb-1',
      kind: 'client_feedback',
      recorded_by: PM,
      client: 'northwind',
      rating: 4,
      text: '',
      ...patch,
    });

  it('name the client the contact speaks for', () => {
    expect(rulesOf(feedback({}))).toEqual([]);
    const other = checkEvidenceRules(feedback({ client: 'acme' }), undefined, facts);
    expect(other).toEqual([
      {
        field: 'client',
        rule: 'contactOwnClient',
        message: expect.stringMatching(/fb-1 names acme, but pm@northwind.example.test speaks for northwind/),
      },
    ]);
    expect(
      rulesOf(input({ id: 'e-1', kind: 'escalation', recorded_by: PM, client: 'acme', summary: '' })),
    ).toEqual(['contactOwnClient']);
  });

  it('are dated while the builder is placed with that client, both ends inclusive', () => {
    expect(rulesOf(feedback({ date: '2025-03-01' }))).toEqual([]);
    expect(rulesOf(feedback({ date: '2025-12-31' }))).toEqual([]);
    expect(rulesOf(feedback({ date: '2025-02-28' }))).toEqual(['contactPlacement']);
    expect(rulesOf(feedback({ date: '2026-01-01' }))).toEqual(['contactPlacement']);
    expect(rulesOf(feedback({ builder: TOM }))).toEqual(['contactPlacement']);
  });

  it('of a contact without an account still need the placement', () => {
    expect(rulesOf(feedback({ recorded_by: OTHER_PM, client: 'northwind' }))).toEqual([]);
    expect(rulesOf(feedback({ recorded_by: OTHER_PM, client: 'acme' }))).toEqual(['contactPlacement']);
  });

  it('are not limited when leadership records them', () => {
    expect(rulesOf(feedback({ recorded_by: LEAD, client: 'acme', date: '2020-01-01' }))).toEqual([]);
  });
});

describe('who may assess a milestone (ADR 0025)', () => {
  const mentorFacts: EvidenceRuleFacts = {
    ...facts,
    mentorshipsOf: (builder) =>
      builder === ROSA ? [{ mentor: TOM, start: '2025-06-01', end: '2025-12-31' }] : [],
  };
  const assessment = (patch: Record<string, unknown>) =>
    input({
      id: 'ma-1',
      kind: 'milestone_assessment',
      competency: 'pipelines',
      milestone: 2,
      note: '',
      ...patch,
    });
  const problemsOf = (record: EvidenceInput, rules = mentorFacts) =>
    checkEvidenceRules(record, undefined, rules);

  it('lets the mentor (on the assessment date) and leadership assess', () => {
    expect(problemsOf(assessment({ recorded_by: TOM }))).toEqual([]);
    expect(problemsOf(assessment({ recorded_by: TOM, date: '2025-06-01' }))).toEqual([]);
    expect(problemsOf(assessment({ recorded_by: TOM, date: '2025-12-31' }))).toEqual([]);
    expect(problemsOf(assessment({ recorded_by: LEAD }))).toEqual([]);
    expect(problemsOf(assessment({ recorded_by: LEAD }), facts)).toEqual([]);
  });

  it('refuses the builder assessing herself, even confirmed by her mentor', () => {
    const own = problemsOf(assessment({ recorded_by: ROSA, confirmed_by: TOM }));
    expect(own).toEqual([
      {
        field: 'recorded_by',
        rule: 'assessor',
        message:
          "ma-1: rosa@example.test may not assess their own milestones; their mentor or leadership records the assessment (rule: a milestone is assessed by the builder's mentor on its date or by leadership, never by the builder)",
      },
    ]);
  });

  it('refuses the mentor outside the mentorship, and anyone else, naming who and when', () => {
    for (const date of ['2025-05-31', '2026-01-01'])
      expect(problemsOf(assessment({ recorded_by: TOM, date })).map((p) => p.message)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^ma-1: tom@example.test is neither leadership nor rosa@example.test's mentor on ${date}`,
          ),
        ),
      ]);
    expect(problemsOf(assessment({ recorded_by: PM })).map((p) => p.rule)).toEqual(['assessor']);
    // Without mentorship facts nobody but leadership is known to assess: the rule fails closed.
    expect(problemsOf(assessment({ recorded_by: TOM }), facts).map((p) => p.rule)).toEqual(['assessor']);
  });
});
