import { EVIDENCE_KIND_VALUES, kindFieldNames } from '../evidence/evidence.schema.js';
import type { LevelDefinition } from '../ladder/ladder.schema.js';

/**
 * The kind fields an evaluation reads, so a repository may load only those (a decision's recommendation
 * or a feature's title never decide anything): every field the level's rules name, plus the fields the
 * evaluators themselves follow (citations to reviews, mentee reviews and check-ins to mentees, curriculum
 * modules, self-evaluation answers and their links).
 */
export const EVALUATOR_FIELDS = [
  'review_id',
  'mentee',
  'score',
  'module_id',
  'status',
  'item_id',
  'answer',
  'evidence_ids',
] as const;

/** Every kind field the evaluation of `level` reads (sorted, without duplicates). */
export function evaluatedFields(level: LevelDefinition | undefined): string[] {
  const fields = new Set<string>(EVALUATOR_FIELDS);
  for (const metric of level?.ranking_standard ?? []) {
    const rule = metric.rule;
    if (rule.kind === 'evidence_count') {
      for (const field of Object.keys(rule.where ?? {})) fields.add(field);
      for (const field of rule.non_empty ?? []) fields.add(field);
    } else if (rule.kind === 'share') {
      fields.add(rule.non_empty);
      // Seen-within-days looks the events up in the client's analytics from the shipping day.
      if (rule.seen_within_days !== undefined) fields.add('client').add('shipped_on');
    }
  }
  return [...fields].sort();
}

/**
 * The kind fields the evaluation of `level` never reads: what a repository may leave on the server
 * (removing known keys from the stored JSON is cheap; building a new object per row is not).
 */
export function unevaluatedFields(level: LevelDefinition | undefined): string[] {
  const read = new Set(evaluatedFields(level));
  const all = new Set(EVIDENCE_KIND_VALUES.flatMap((kind) => kindFieldNames(kind)));
  return [...all].filter((field) => !read.has(field)).sort();
}
