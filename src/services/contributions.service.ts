import type { EvidenceRecord } from '../core/evidence/evidence.schema.js';
import { isContributedRule, selectContributions } from '../core/evaluation/contributions.js';
import type { MetricRule } from '../core/ladder/rule-kinds.js';
import type { Executor } from '../db/connection.js';
import {
  appendContributions,
  lockContributionKey,
  type AppendedRows,
  type ContributionKeyLock,
} from '../db/repositories/contributions.repository.js';
import { findEvidence } from '../db/repositories/evidence.repository.js';
import { evaluationCodeRevision } from './evaluation-key.service.js';
import { ruleKeyOf } from './readiness.service.js';

/**
 * Contributions maintained by the write (issue 15, ADR 0019): a record written through the evidence
 * service appends its own contribution rows to every marker of its builder that was current just
 * before the write, in the write's transaction, so the next cold readiness reads rows instead of
 * rebuilding them. Markers that were not current stay stale (the next readiness rebuilds them, ADR 0017).
 *
 * Call `lockContributions` before inserting the record and `maintainContributions` after, in the same
 * transaction: the lock holds the builder's stamp row, so no other write can slip between the markers
 * read and the record's own stamp.
 */

/** Before writing `record`: locks its builder's stamp and reads the markers current just before. */
export async function lockContributions(tx: Executor, record: EvidenceRecord): Promise<ContributionKeyLock> {
  return lockContributionKey(tx, record.builder, `${evaluationCodeRevision()}/`);
}

/**
 * After writing `record` (locked by `lockContributions`): selects its rows for each marker's rule (core
 * `selectContributions` on the one record: a correction's own rows; the corrected records' standing
 * intervals are updated in SQL from the write's trigger), appends them and advances the markers.
 * Returns how many markers advanced.
 */
export async function maintainContributions(
  tx: Executor,
  record: EvidenceRecord,
  lock: ContributionKeyLock,
): Promise<number> {
  if (lock.markers.length === 0) return 0;
  // A citation counts only for a code review of the builder's: selection looks the review up.
  const cited = record.kind === 'review_citation' ? await findEvidence(tx, record.review_id) : undefined;
  const context = {
    builder: record.builder,
    recordById: (id: string) => (cited?.id === id ? cited : undefined),
    // Read in SQL from evidence_corrected (nothing corrects a record being written through the service).
    supersededOn: () => null,
  };
  const appended: AppendedRows[] = [];
  for (const marker of lock.markers) {
    // The canonical JSON of a rule this code validated and keyed: it must key to the marker's own key.
    const rule = JSON.parse(marker.rule) as MetricRule;
    if (!isContributedRule(rule) || ruleKeyOf(marker.rule).ruleKey !== marker.ruleKey) continue;
    appended.push({ ruleKey: marker.ruleKey, rows: selectContributions(rule, [record], context) });
  }
  return appendContributions(tx, record.builder, lock.key, record.id, appended);
}
