import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import { recordsInEffect } from '../evidence/supersede.js';
import type { EvidenceKind } from '../ladder/rule-kinds.js';
import type { BuilderEvidence } from './evaluation.types.js';

/**
 * The ledger as it stood on `at` for one builder and one level: what the metrics count.
 *
 * - Records dated after `at` never count.
 * - A correction (`supersedes: id`) takes effect from its own date: on or after it, the original no longer
 *   stands and the correction does; before it, the original still stands.
 * - The window is the current level: from the level's start to `at`, both inclusive.
 */
export interface EvaluationScope {
  builder: string;
  at: string;
  levelSince: string;
  /** The builder's records standing on `at`, any date up to `at`. */
  standing: readonly EvidenceRecord[];
  /** Any input record by id, standing or not (a citation may name a review corrected since). */
  recordById: (id: string) => EvidenceRecord | undefined;
  /** Standing records dated inside the window, by kind. */
  windowByKind: ReadonlyMap<EvidenceKind, readonly EvidenceRecord[]>;
  input: BuilderEvidence;
}

/** Builds the scope a metric reads for `builder` at `at`, with the window opening on `levelSince`. */
export function buildScope(input: BuilderEvidence, at: string, levelSince: string): EvaluationScope {
  const standing: EvidenceRecord[] = [];
  const windowByKind = new Map<EvidenceKind, EvidenceRecord[]>();
  // The ledger's own supersede rule, so evaluation and every other reader agree on what is in effect.
  for (const record of recordsInEffect(input.records, at)) {
    if (record.builder !== input.email) continue;
    standing.push(record);
    if (record.date < levelSince) continue;
    const list = windowByKind.get(record.kind);
    if (list === undefined) windowByKind.set(record.kind, [record]);
    else list.push(record);
  }
  // Built on first use: only citations and self-evaluation links look records up by id.
  let byId: Map<string, EvidenceRecord> | undefined;
  const recordById = (id: string): EvidenceRecord | undefined => {
    byId ??= new Map([...(input.lookupOnly ?? []), ...input.records].map((record) => [record.id, record]));
    return byId.get(id);
  };
  return { builder: input.email, at, levelSince, standing, recordById, windowByKind, input };
}

/** The window's records of one kind (empty list when none). */
export function windowRecords(scope: EvaluationScope, kind: EvidenceKind): readonly EvidenceRecord[] {
  return scope.windowByKind.get(kind) ?? [];
}

/** A record's field by its snake_case name, as a ladder rule names it. */
export function fieldOf(record: EvidenceRecord, field: string): unknown {
  return (record as unknown as Record<string, unknown>)[field];
}

/** True for text with non-blank content, a non-empty list, a number or a boolean; false for nothing. */
export function isNonEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Vouched: someone other than the builder recorded or confirmed the record, so the builder's own word is
 * not the only source. A record the builder recorded and confirmed themself is not vouched.
 */
export function isVouched(record: EvidenceRecord, builder: string): boolean {
  if (record.recorded_by !== builder) return true;
  return record.confirmed_by !== null && record.confirmed_by !== builder;
}

/** Orders records by date, then by when they were recorded, then by id: a deterministic timeline. */
export function byTimeline(a: EvidenceRecord, b: EvidenceRecord): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.recorded_at !== b.recorded_at) return a.recorded_at < b.recorded_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
