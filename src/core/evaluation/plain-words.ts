import type { EvidenceKind } from '../ladder/rule-kinds.js';

/** Plain-words helpers for gaps: nouns of evidence kinds, lists, counts. */

const NOUNS: Record<EvidenceKind, [singular: string, plural: string]> = {
  decision: ['decision', 'decisions'],
  feature: ['feature', 'features'],
  retro: ['retro', 'retros'],
  adr: ['ADR', 'ADRs'],
  code_review: ['code review', 'code reviews'],
  review_citation: ['review citation', 'review citations'],
  mentee_review: ['mentee review', 'mentee reviews'],
  checkin: ['check-in', 'check-ins'],
  client_feedback: ['client feedback', 'client feedback'],
  escalation: ['escalation', 'escalations'],
  curriculum: ['curriculum record', 'curriculum records'],
  self_evaluation: ['self-evaluation answer', 'self-evaluation answers'],
  milestone_assessment: ['milestone assessment', 'milestone assessments'],
};

/** The noun for `count` records of a kind ("1 decision", "2 decisions"). */
export function kindNoun(kind: EvidenceKind, count: number): string {
  const [singular, plural] = NOUNS[kind];
  return count === 1 ? singular : plural;
}

/** `word` or its plural by count (regular plurals only). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** A field or value as words: `feature_proposal` → `feature proposal`. */
export function words(value: unknown): string {
  return String(value).replaceAll('_', ' ');
}

/** Joins alternatives: `a`, `a or b`, `a, b or c`. */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** A short list of ids for a sentence; long lists end with "and N more". */
export function idList(ids: readonly string[], max = 5): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}
