/** Evidence ledger records as /api/evidence answers them: common fields plus the kind's own fields. */

export const EVIDENCE_KINDS = [
  'decision',
  'feature',
  'retro',
  'adr',
  'code_review',
  'review_citation',
  'mentee_review',
  'checkin',
  'client_feedback',
  'escalation',
  'curriculum',
  'self_evaluation',
  'milestone_assessment',
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceRecord {
  id: string;
  kind: EvidenceKind;
  builder: string;
  date: string;
  recorded_by: string;
  recorded_at: string;
  confirmed_by: string | null;
  supersedes: string | null;
  [field: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
