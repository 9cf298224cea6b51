import type { EvidenceInput, EvidenceRecord } from '../evidence/evidence.schema.js';
import { checkEvidenceReferences, type KnownEvidence } from '../evidence/validate-evidence.js';
import { isSameEvidence, type EvidenceFacts } from './check-organisation.js';

/**
 * The ledger part of an import, checked as a stream (ADR 0015): records arrive in batches, and each
 * batch is checked against the facts of the roster, itself, and what the ledger holds — which includes
 * the batches this import has written already. Nothing here holds more than one batch: what the checks
 * need from earlier records the caller looks up in the database (`LedgerLookups`).
 *
 * A record that names a record the import has not reached yet (a correction before the record it
 * corrects, a retro before its feature) is *deferred*: written now when its people exist, and checked in
 * full by `checkDeferredEvidence` once every record is in, so the order of a file never matters.
 */

/** One record of the import and where it came from (a file's line, a list's index). */
export interface IncomingEvidence {
  position: number;
  record: EvidenceInput;
}

/** What the ledger holds about one batch, looked up just before it is checked. */
export interface LedgerLookups {
  /**
   * Stored records among the batch's ids: `mine` when this import wrote it (then the id came twice in
   * the import), else the stored record, which a re-import must match.
   */
  stored: ReadonlyMap<string, { mine: true } | { mine: false; record: EvidenceRecord }>;
  /** The records the batch references, as stored (with their correction, if any). */
  known: ReadonlyMap<string, KnownEvidence>;
  /** For each record the batch corrects: the stored record that corrects it already, if any. */
  corrections: ReadonlyMap<string, string>;
}

/** A problem of one incoming record. */
export interface PositionedProblem {
  position: number;
  field: string;
  message: string;
}

/** What one batch's check decided. */
export interface EvidenceBatchCheck {
  /** The records to write, in order. */
  write: EvidenceInput[];
  /** Records that are stored already with the same content (a re-import). */
  unchanged: number;
  problems: PositionedProblem[];
  /** Positions of records that reference one the import has not reached yet: checked in the end. */
  deferred: number[];
  /** Records refused (or left unwritten) here, so later records that name them get no false "unknown". */
  refused: [string, KnownEvidence][];
}

/** The facts a check keeps about a record once its batch is gone. */
export function knownOf(record: EvidenceInput, supersededBy: string | null = null): KnownEvidence {
  return {
    kind: record.kind,
    builder: record.builder,
    date: record.date,
    recorded_by: record.recorded_by,
    confirmed_by: record.confirmed_by,
    superseded_by: supersededBy,
  };
}

/** Every evidence id a record points at: the one it corrects, its feature, review or cited records. */
export function evidenceIdsOf(record: EvidenceInput): string[] {
  const ids: string[] = [];
  if (record.supersedes !== null) ids.push(record.supersedes);
  if (record.kind === 'retro') ids.push(record.feature_id);
  if (record.kind === 'review_citation') ids.push(record.review_id);
  if (record.kind === 'self_evaluation') ids.push(...record.evidence_ids);
  return ids;
}

export interface BatchOptions {
  /** False when nothing can be written (the roster has problems): no record is written or deferred. */
  writable: boolean;
  /** How a position reads in a message: `line 12`, `entry 3`. */
  where: (position: number) => string;
}

/**
 * Checks one batch, in order: an id the import already had, a stored id (same content: unchanged;
 * other content: refused — the ledger is append-only), a second correction of one record, then every
 * reference and rule (checkEvidenceReferences, the same checks as a single write). `refused` are the
 * import's earlier refused records.
 */
export function checkEvidenceBatch(
  batch: readonly IncomingEvidence[],
  lookups: LedgerLookups,
  refused: ReadonlyMap<string, KnownEvidence>,
  facts: EvidenceFacts,
  options: BatchOptions,
): EvidenceBatchCheck {
  const out: EvidenceBatchCheck = { write: [], unchanged: 0, problems: [], deferred: [], refused: [] };
  const add = (position: number, field: string, message: string): void => {
    out.problems.push({ position, field, message });
  };
  // The batch's own records, first occurrence of each id: a reference inside one batch is never deferred.
  const inBatch = new Map<string, IncomingEvidence>();
  for (const incoming of batch)
    if (!inBatch.has(incoming.record.id)) inBatch.set(incoming.record.id, incoming);
  // Who corrects what: the ledger's corrections (this import's earlier batches included) come first,
  // then this batch's in order — the first correction of a record is the one that stands.
  const claims = new Map<string, string>();
  const correctorOf = (id: string): string | null =>
    lookups.corrections.get(id) ?? claims.get(id) ?? lookups.known.get(id)?.superseded_by ?? null;
  const evidence = (id: string): KnownEvidence | undefined => {
    const own = inBatch.get(id)?.record;
    const known = own === undefined ? (lookups.known.get(id) ?? refused.get(id)) : knownOf(own);
    return known === undefined ? undefined : { ...known, superseded_by: correctorOf(id) };
  };
  const resolvable = (id: string, self: string): boolean =>
    id === self || inBatch.has(id) || lookups.known.has(id) || refused.has(id);
  const refuse = (record: EvidenceInput): void => {
    out.refused.push([record.id, knownOf(record)]);
  };

  // Built once per batch: spreading the facts for every record cost more than checking it.
  const references = { ...facts, evidence };

  for (const { position, record } of batch) {
    const first = inBatch.get(record.id);
    if (first !== undefined && first.position !== position) {
      add(position, 'id', `duplicate evidence id ${record.id} (first at ${options.where(first.position)})`);
      continue;
    }
    const stored = lookups.stored.get(record.id);
    if (stored?.mine === true) {
      add(position, 'id', `duplicate evidence id ${record.id} (an earlier record of this import has it)`);
      continue;
    }
    if (stored !== undefined) {
      if (isSameEvidence(record, stored.record)) out.unchanged += 1;
      else
        add(
          position,
          'id',
          `${record.id} is already in the ledger with other content; a correction is a new record with supersedes: ${record.id}`,
        );
      continue;
    }
    if (record.supersedes !== null && record.supersedes !== record.id) {
      const other = lookups.corrections.get(record.supersedes) ?? claims.get(record.supersedes);
      if (other !== undefined && other !== record.id) {
        add(
          position,
          'supersedes',
          `${record.supersedes} is already corrected by ${other}; correct that record instead`,
        );
        refuse(record);
        continue;
      }
      claims.set(record.supersedes, record.id);
    }
    if (!evidenceIdsOf(record).every((id) => resolvable(id, record.id))) {
      if (!options.writable) continue;
      out.deferred.push(position);
      // Written now so later records may name it; only the people are checked first (foreign keys).
      const people =
        facts.isBuilder(record.builder) &&
        facts.isPerson(record.recorded_by) &&
        (record.confirmed_by === null || facts.isPerson(record.confirmed_by));
      if (people) out.write.push(record);
      else refuse(record);
      continue;
    }
    const problems = checkEvidenceReferences(record, references);
    for (const problem of problems) add(position, problem.field, problem.message);
    if (problems.length > 0) refuse(record);
    else out.write.push(record);
  }
  return out;
}

/**
 * Checks deferred records once every record of the import is written: every reference and rule, as
 * for the others. `known` holds the records they reference as stored now; `refused` the import's refused.
 */
export function checkDeferredEvidence(
  batch: readonly IncomingEvidence[],
  known: ReadonlyMap<string, KnownEvidence>,
  refused: ReadonlyMap<string, KnownEvidence>,
  facts: EvidenceFacts,
): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const evidence = (id: string): KnownEvidence | undefined => known.get(id) ?? refused.get(id);
  const references = { ...facts, evidence };
  for (const { position, record } of batch) {
    for (const problem of checkEvidenceReferences(record, references))
      problems.push({ position, field: problem.field, message: problem.message });
  }
  return problems;
}
