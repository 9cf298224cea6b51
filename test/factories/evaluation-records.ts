import type {
  CheckinEvidence,
  ClientFeedbackEvidence,
  CodeReviewEvidence,
  CurriculumEvidence,
  DecisionEvidence,
  EscalationEvidence,
  EvidenceCommon,
  FeatureEvidence,
  MenteeReviewEvidence,
  ReviewCitationEvidence,
  SelfEvaluationEvidence,
} from '../../src/core/evidence/evidence.schema.js';
import type { BuilderEvidence } from '../../src/core/evaluation/evaluation.types.js';

/**
 * Ledger records for evaluation tests: sensible defaults for one builder (rosa), every field overridable.
 * Defaults are the "counts" case (an adopted scope change vouched by the client, a feature with events),
 * so each test states only the field its boundary is about.
 */

export const ROSA = 'rosa@example.test';
export const PM = 'pm@northwind.example.test';
export const TOM = 'tom@example.test';
export const ANA = 'ana@example.test';
export const BEN = 'ben@example.test';

let sequence = 0;

function common(prefix: string, overrides: Partial<EvidenceCommon>): EvidenceCommon {
  sequence += 1;
  const date = overrides.date ?? '2025-06-01';
  return {
    id: overrides.id ?? `${prefix}-${sequence}`,
    builder: ROSA,
    date,
    recorded_by: ROSA,
    recorded_at: `${date}T12:00:00.000Z`,
    confirmed_by: null,
    supersedes: null,
    ...overrides,
  };
}

export const make = {
  decision: (o: Partial<DecisionEvidence> = {}): DecisionEvidence => ({
    ...common('dec', o),
    recorded_by: PM,
    kind: 'decision',
    type: 'scope_change',
    title: 'Pilot one depot first',
    recommendation: 'Pilot before building multi-depot',
    data: 'Depot 4 has 38% of late deliveries',
    client: 'northwind',
    client_response: 'adopted',
    outcome: '',
    significant: false,
    ...o,
  }),
  feature: (o: Partial<FeatureEvidence> = {}): FeatureEvidence => ({
    ...common('feat', o),
    kind: 'feature',
    title: 'Route planner',
    client: 'northwind',
    shipped_on: o.date ?? '2025-06-01',
    analytics_events: ['route_planned'],
    ...o,
  }),
  codeReview: (o: Partial<CodeReviewEvidence> = {}): CodeReviewEvidence => ({
    ...common('cr', o),
    kind: 'code_review',
    link: 'https://git.example.test/pull/1',
    lesson: 'Measure before caching',
    ...o,
  }),
  citation: (o: Partial<ReviewCitationEvidence> & { review_id: string }): ReviewCitationEvidence => ({
    ...common('cite', o),
    recorded_by: TOM,
    kind: 'review_citation',
    ...o,
  }),
  menteeReview: (o: Partial<MenteeReviewEvidence> = {}): MenteeReviewEvidence => ({
    ...common('mr', o),
    kind: 'mentee_review',
    mentee: TOM,
    score: 2,
    notes: '',
    ...o,
  }),
  checkin: (o: Partial<CheckinEvidence> = {}): CheckinEvidence => ({
    ...common('ci', o),
    kind: 'checkin',
    mentee: TOM,
    ...o,
  }),
  feedback: (o: Partial<ClientFeedbackEvidence> = {}): ClientFeedbackEvidence => ({
    ...common('fb', o),
    recorded_by: PM,
    kind: 'client_feedback',
    client: 'northwind',
    rating: 5,
    text: 'Tells us early what not to build',
    ...o,
  }),
  escalation: (o: Partial<EscalationEvidence> = {}): EscalationEvidence => ({
    ...common('esc', o),
    recorded_by: 'head@example.test',
    kind: 'escalation',
    client: 'northwind',
    summary: 'Slipped date',
    ...o,
  }),
  curriculum: (o: Partial<CurriculumEvidence> & { module_id: string }): CurriculumEvidence => ({
    ...common('cur', o),
    kind: 'curriculum',
    status: 'done',
    ...o,
  }),
  selfEvaluation: (o: Partial<SelfEvaluationEvidence> & { item_id: string }): SelfEvaluationEvidence => ({
    ...common('se', o),
    kind: 'self_evaluation',
    answer: 'yes',
    evidence_ids: [],
    ...o,
  }),
};

/** Rosa at L4 since `since` (L3 before), with the given records and nothing else unless overridden. */
export function rosaAtL4(since: string, overrides: Partial<BuilderEvidence> = {}): BuilderEvidence {
  return {
    email: ROSA,
    // Each step in its track, as the roster reads it (ADR 0030).
    levels: [
      { level: 'L3', since: '2023-05-01', track: 'ai-first-business-manager' },
      { level: 'L4', since, track: 'ai-first-business-manager' },
    ],
    records: [],
    mentorships: [],
    menteeLevels: new Map(),
    placements: [],
    ...overrides,
  };
}
