import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { EvidenceInput } from '../../src/core/evidence/evidence.schema.js';
import { correctionIndex, isSupersededAt, recordsInEffect } from '../../src/core/evidence/supersede.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { recordEvidence } from '../../src/services/evidence.service.js';
import { applyOrganisation } from '../../src/services/interchange/import.service.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { forEachEngine } from '../helpers/database.js';
import { organisationOf, organisationPlanArb } from './ledger-generators.js';

/**
 * Issue 15: the triggers keep `evidence_corrected` equal to what core/evidence/supersede.ts says,
 * whatever order the records arrive in within one transaction (the import takes them shuffled, so a
 * correction — or a correction of a correction — may come before the record it corrects), and when a
 * tail of them is recorded one by one afterwards. Expected: for every record some correction (direct
 * or down its chain) supersedes, the earliest date on which `isSupersededAt` says it no longer stands,
 * with the record's builder; then at every record date the rows give exactly `recordsInEffect`.
 *
 * A failure prints fast-check's seed and path; rerun with LADDER_FC_SEED=<seed> LADDER_FC_PATH=<path>.
 */

const clock = fixedClock('2026-02-15T12:00:00Z');
const seed = process.env.LADDER_FC_SEED === undefined ? undefined : Number(process.env.LADDER_FC_SEED);
const replayPath = process.env.LADDER_FC_PATH;
const NUM_RUNS = Number(process.env.LADDER_FC_RUNS ?? 30);

interface CorrectedRow {
  record_id: string;
  builder_email: string;
  superseded_on: string;
}

/** The rows supersede.ts implies: the first record date on which each record is superseded. */
function expectedRows(records: readonly EvidenceInput[]): CorrectedRow[] {
  const corrections = correctionIndex(records);
  const dates = [...new Set(records.map((r) => r.date))].sort();
  const out: CorrectedRow[] = [];
  for (const record of records) {
    if (!corrections.has(record.id)) continue;
    // Superseded from a correction's date on, so the first such date is one of the records' dates.
    const first = dates.find((at) => isSupersededAt(record, at, corrections));
    if (first !== undefined) {
      out.push({ record_id: record.id, builder_email: record.builder, superseded_on: first });
    }
  }
  return out.sort((a, b) => (a.record_id < b.record_id ? -1 : 1));
}

forEachEngine('evidence_corrected equals recordsInEffect, whatever the insert order', (getDb) => {
  let services: Services;
  let run = 0;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
  });

  const storedRows = async (prefix: string): Promise<CorrectedRow[]> => {
    const result: unknown = await getDb().db.execute(
      sql`select record_id, builder_email, superseded_on::text as superseded_on from evidence_corrected
          where record_id like ${`${prefix}-%`} order by record_id`,
    );
    // Both drivers answer `execute` with `{ rows }`; drizzle's type of it differs per driver.
    return (result as { rows: CorrectedRow[] }).rows.map((r) => ({
      ...r,
      superseded_on: String(r.superseded_on),
    }));
  };

  it('after a shuffled import and records added one by one', async () => {
    await fc.assert(
      fc.asyncProperty(organisationPlanArb, async (plan) => {
        run += 1;
        const prefix = `c${run}`;
        const org = organisationOf(plan, prefix);
        await applyOrganisation(services, systemActor, org.data, { source: `generated ${prefix}` });
        // After the import alone: what the imported records imply.
        expect(await storedRows(prefix)).toEqual(expectedRows(org.data.evidence));
        for (const record of org.tail) await recordEvidence(services, systemActor, record);
        const stored = await storedRows(prefix);
        expect(stored).toEqual(expectedRows(org.records));
        // The standing rule on the rows is recordsInEffect, at every date a record carries.
        const supersededOn = new Map(stored.map((r) => [r.record_id, r.superseded_on]));
        for (const at of new Set(org.records.map((r) => r.date))) {
          const byRows = org.records
            .filter((r) => r.date <= at && !((supersededOn.get(r.id) ?? '9999-12-31') <= at))
            .map((r) => r.id);
          expect(byRows, `standing on ${at}`).toEqual(recordsInEffect(org.records, at).map((r) => r.id));
        }
      }),
      {
        numRuns: NUM_RUNS,
        ...(seed === undefined ? {} : { seed }),
        ...(replayPath === undefined ? {} : { path: replayPath }),
      },
    );
    // Above vitest's 60 s default for a shared 2-core machine (idle: ~15 s per engine).
  }, 180_000);
});
