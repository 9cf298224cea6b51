/**
 * Evidence ledger records as /api/evidence answers them, aliases of the server's route schemas (the
 * generated contract, ADR 0023): common fields plus the kind's own fields.
 */
import type { ApiResponse } from '../../api/contract';

type EvidenceList = ApiResponse<'/api/evidence'>;
/** A record exactly as the contract types it: one kind's shape. */
export type EvidenceItem = EvidenceList['items'][number];
export type EvidenceKind = EvidenceItem['kind'];

// A kind the server accepts but this list lacks (or one it does not know) fails to compile here.
function everyKind<const Kinds extends readonly EvidenceKind[]>(
  kinds: Kinds &
    ([Exclude<EvidenceKind, Kinds[number]>] extends [never]
      ? unknown
      : { missing: Exclude<EvidenceKind, Kinds[number]> }),
): Kinds {
  return kinds;
}

/** Every evidence kind, in the order the forms offer them. */
export const EVIDENCE_KINDS = everyKind([
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
]);

/** The fields every record has, and the kind's own fields read by name (the record list shows them all). */
export type EvidenceRecord = Pick<
  EvidenceItem,
  'id' | 'kind' | 'builder' | 'date' | 'recorded_by' | 'recorded_at' | 'confirmed_by' | 'supersedes'
> & { [field: string]: unknown };

export interface Page<T> {
  items: T[];
  total: EvidenceList['total'];
  limit: EvidenceList['limit'];
  offset: EvidenceList['offset'];
}
