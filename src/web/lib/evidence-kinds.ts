import type { ApiResponse } from '../api/contract';

type EvidenceKind = ApiResponse<'/api/evidence'>['items'][number]['kind'];

/** How each evidence kind of the ledger reads in a sentence, in the plural ("code reviews"); every kind of the contract. */
const KIND_WORDS: Record<EvidenceKind, string> = {
  decision: 'decisions',
  feature: 'features',
  retro: 'retros',
  adr: 'ADRs',
  code_review: 'code reviews',
  review_citation: 'review citations',
  mentee_review: 'mentee reviews',
  checkin: 'check-ins',
  client_feedback: 'client feedback',
  escalation: 'escalations',
  curriculum: 'curriculum records',
  self_evaluation: 'self-evaluations',
  milestone_assessment: 'milestone assessments',
};

/** "code_review" → "code reviews"; a kind this list does not know reads with its underscores as spaces. */
export function evidenceKindWords(kind: string): string {
  return (KIND_WORDS as Record<string, string | undefined>)[kind] ?? kind.replaceAll('_', ' ');
}

/** "18–30 months", "24 months", "1 month": a typical time in level as the ladder gives it. */
export function monthsRange(from: number, to: number): string {
  if (from === to) return `${from} month${from === 1 ? '' : 's'}`;
  return `${from}–${to} months`;
}
