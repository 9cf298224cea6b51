import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import {
  listContributionMarkers,
  removeReadinessAnswersAndContributions,
  removeStoredReadinessAnswers,
} from '../../src/db/repositories/contributions.repository.js';
import { currentStamps } from '../../src/db/repositories/evaluation.repository.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { recordEvidence } from '../../src/services/evidence.service.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { publishLadder, publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { forEachEngine } from '../helpers/database.js';
import { maintainedReadiness, referenceReadiness } from './exactness.js';

/**
 * Per-rule contributions (ADR 0017): built on the first cold readiness, used by later cold reads only
 * while their marker's stamp and epoch are the builder's current ones, and rebuilt after any write the
 * answer reads (a new record, a correction dated before or after `at`, a ladder version that changes a
 * rule: that rule gets a new key, the others keep their rows).
 */

const AT = '2026-02-15';
const LATER = '2026-03-02';
const clock = fixedClock(`${AT}T12:00:00Z`);
const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');
const SHIPPED = path.resolve(import.meta.dirname, '../../ladders/ai-first-business-manager.yaml');
const ROSA = 'rosa@example.test';

forEachEngine('per-rule contributions: proven current by the stamp and epoch', (getDb) => {
  let services: Services;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
    await importOrganisation(services, systemActor, EXAMPLE);
  });

  const key = async () => {
    const { stamps, epoch } = await currentStamps(services.db, [ROSA]);
    return { stamp: stamps.get(ROSA) ?? 0, epoch };
  };
  /** The markers under the builder's current key, and under any other. */
  const markers = async () => {
    const now = await key();
    const all = await listContributionMarkers(services.db, ROSA);
    const current = all.filter((m) => m.stamp === now.stamp && m.epoch === now.epoch);
    return { current, stale: all.filter((m) => !current.includes(m)) };
  };
  const expectReference = async (at: string) => {
    expect(await maintainedReadiness(services, ROSA, at)).toEqual(
      await referenceReadiness(services, ROSA, at),
    );
  };

  it('a cold readiness builds one marker per contributed rule of the level, under the current key', async () => {
    expect((await markers()).current).toEqual([]);
    await expectReference(AT);
    const { current, stale } = await markers();
    // L4: two evidence counts, a share without seen_within_days, distinct citers, client trust.
    expect(current).toHaveLength(5);
    expect(stale).toEqual([]);
    expect(current.reduce((sum, m) => sum + m.rows, 0)).toBeGreaterThan(0);
  });

  it('a later cold readiness judges the stored rows (another date, the same rows)', async () => {
    const before = await markers();
    await removeStoredReadinessAnswers(services.db, ROSA);
    await expectReference(LATER);
    expect(await markers()).toEqual(before);
    // The rows, not the records, decide: a row altered in place changes the next cold answer (and only
    // removing the contributions brings the answer back to the reference).
    const reference = await referenceReadiness(services, ROSA, AT);
    await services.db.execute(
      sql`delete from readiness_contributions where builder_email = ${ROSA} and tag = 'feedback'`,
    );
    await removeStoredReadinessAnswers(services.db, ROSA);
    expect(await maintainedReadiness(services, ROSA, AT)).not.toEqual(reference);
    await removeReadinessAnswersAndContributions(services.db, ROSA);
    expect(await maintainedReadiness(services, ROSA, AT)).toEqual(reference);
  });

  const decision = (id: string, date: string, extra: Record<string, unknown> = {}) => ({
    id,
    kind: 'decision',
    builder: ROSA,
    date,
    recorded_by: ROSA,
    confirmed_by: 'pm@northwind.example.test',
    type: 'scope_change',
    title: id,
    recommendation: '',
    data: '',
    client: 'northwind',
    client_response: 'adopted',
    outcome: '',
    significant: true,
    supersedes: null,
    ...extra,
  });

  /**
   * After `write` through the evidence service (ADR 0019), every marker stays current — advanced to the
   * builder's new stamp with the same build (no rebuild) — and the next answers, judged from the rows,
   * equal the reference, which did change where the write matters (so stale rows would have shown).
   */
  const afterWrite = async (write: () => Promise<unknown>, changes: string[], dates = [AT, LATER]) => {
    for (const at of dates) await expectReference(at);
    const built = (await markers()).current;
    expect(built).toHaveLength(5);
    const before = new Map<string, unknown>();
    for (const at of dates) before.set(at, await referenceReadiness(services, ROSA, at));
    await write();
    const now = await key();
    const advanced = (await markers()).current;
    expect(
      advanced.map(({ ruleKey, buildStamp, buildEpoch }) => ({ ruleKey, buildStamp, buildEpoch })),
    ).toEqual(built.map(({ ruleKey, buildStamp, buildEpoch }) => ({ ruleKey, buildStamp, buildEpoch })));
    expect(advanced.every((m) => m.stamp === now.stamp && m.buildStamp < now.stamp)).toBe(true);
    for (const at of dates) await expectReference(at);
    // Still the same builds: the reads judged the appended rows, they did not rebuild.
    expect((await markers()).current).toEqual(advanced);
    for (const at of changes)
      expect(await referenceReadiness(services, ROSA, at)).not.toEqual(before.get(at));
  };

  it('a new record: its rows are appended and the markers advance', async () => {
    await afterWrite(
      () => recordEvidence(services, systemActor, decision('ct-new', '2026-01-10')),
      [AT, LATER],
    );
  });

  it('a correction dated on or before `at`: the corrected rows stop standing from its date', async () => {
    await afterWrite(
      () =>
        recordEvidence(
          services,
          systemActor,
          decision('ct-new-fix', '2026-02-01', {
            supersedes: 'ct-new',
            client_response: 'rejected',
            confirmed_by: null,
          }),
        ),
      [AT, LATER],
      [AT, LATER, '2026-01-31', '2026-02-01', '2026-02-02'],
    );
  });

  it('a correction dated after `at`: only the answers from its date on change', async () => {
    await afterWrite(
      () =>
        recordEvidence(
          services,
          systemActor,
          decision('ev-13-fix', '2026-03-01', {
            supersedes: 'ev-13',
            type: 'feature_proposal',
            confirmed_by: null,
            recorded_by: 'head@example.test',
          }),
        ),
      [LATER],
      [AT, '2026-02-28', '2026-03-01', LATER],
    );
  });

  it('a ladder version that changes one rule: a new key for that rule, the others keep their rows', async () => {
    await expectReference(AT);
    const before = (await markers()).current;
    const shipped = await readFile(SHIPPED, 'utf8');
    const citers = '          kind: distinct_citers\n          min: 2\n';
    expect(shipped).toContain(citers);
    const source = shipped
      .replace('version: 2026-02-01', 'version: 2026-02-10')
      .replace(citers, '          kind: distinct_citers\n          min: 3\n');
    const reference = await referenceReadiness(services, ROSA, AT);
    await publishLadder(services, systemActor, { source });
    await removeStoredReadinessAnswers(services.db, ROSA);
    await expectReference(AT);
    expect(await referenceReadiness(services, ROSA, AT)).not.toEqual(reference);
    const after = (await markers()).current;
    // Only the changed rule was built anew; the four others were judged from the rows built before.
    const added = after.filter((m) => !before.some((b) => b.ruleKey === m.ruleKey));
    expect(added).toHaveLength(1);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 1);
  });
});
