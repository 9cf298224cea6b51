import { asc, eq, sql } from 'drizzle-orm';
import type { EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { Executor } from '../connection.js';
import { evidence } from '../schema/evidence.schema.js';
import { toEvidenceRecord } from './evidence.repository.js';

/**
 * Queries of the mentorship and payout services. Mentorships, placements and people themselves are the
 * roster's tables (roster.repository.ts); this file adds the lock that makes slot checks safe and the
 * ledger read for check-ins.
 */

/**
 * Serialises assignments of one mentor until the transaction ends, so two concurrent requests cannot both
 * see a free slot and both take it. A transaction-scoped advisory lock: nothing to clean up.
 */
export async function lockMentorAssignments(tx: Executor, mentorEmail: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mentorship-slots:${mentorEmail}`}))`);
}

/** Every check-in record of the ledger (corrections included), by date then ledger order. */
export async function listCheckinRecords(db: Executor): Promise<EvidenceRecord[]> {
  const rows = await db
    .select()
    .from(evidence)
    .where(eq(evidence.kind, 'checkin'))
    .orderBy(asc(evidence.date), asc(evidence.seq));
  return rows.map(toEvidenceRecord);
}
