import { SELF_EVALUATION_ANSWERS } from '../evidence/evidence.schema.js';
import type { LevelDefinition } from '../ladder/ladder.schema.js';
import { byTimeline, windowRecords, type EvaluationScope } from './ledger-scope.js';

export type SelfEvaluationAnswer = (typeof SELF_EVALUATION_ANSWERS)[number];

export interface SelfEvaluationItem {
  id: string;
  text: string;
  /** The latest answer given at this level, or null when the item is unanswered. */
  answer: SelfEvaluationAnswer | null;
  /** Answered `yes` or `partly`: the builder claims it. */
  claimed: boolean;
  /** Linked records that exist in the builder's ledger on `at`. */
  evidence: string[];
  /** The self-evaluation record that gave the answer. */
  record: string | null;
}

export interface SelfEvaluationSummary {
  items: SelfEvaluationItem[];
  claimed: string[];
  /** Claimed items with no linked record that exists: a claim nobody can check yet. */
  without_evidence: string[];
}

/**
 * The self-evaluation at `at`: for each checklist item of the level, the latest answer given at this level
 * and the linked records that really exist (the builder's, dated on or before `at`). Links to unknown or
 * future records do not count as evidence.
 */
export function evaluateSelfEvaluation(
  level: LevelDefinition | undefined,
  scope: EvaluationScope,
): SelfEvaluationSummary {
  const latest = new Map<string, { answer: SelfEvaluationAnswer; evidenceIds: string[]; id: string }>();
  for (const record of [...windowRecords(scope, 'self_evaluation')].sort(byTimeline)) {
    if (record.kind === 'self_evaluation') {
      latest.set(record.item_id, { answer: record.answer, evidenceIds: record.evidence_ids, id: record.id });
    }
  }
  const summary: SelfEvaluationSummary = { items: [], claimed: [], without_evidence: [] };
  for (const item of level?.self_evaluation ?? []) {
    const found = latest.get(item.id);
    const evidence = (found?.evidenceIds ?? []).filter((id) => {
      const linked = scope.recordById(id);
      return linked !== undefined && linked.builder === scope.builder && linked.date <= scope.at;
    });
    const claimed = found !== undefined && found.answer !== 'no';
    if (claimed) summary.claimed.push(item.id);
    if (claimed && evidence.length === 0) summary.without_evidence.push(item.id);
    summary.items.push({
      id: item.id,
      text: item.text,
      answer: found?.answer ?? null,
      claimed,
      evidence,
      record: found?.id ?? null,
    });
  }
  return summary;
}
