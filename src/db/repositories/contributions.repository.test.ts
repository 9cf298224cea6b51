import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { readinessNeeds } from '../../core/evaluation/readiness-needs.js';
import {
  listContributionMarkers,
  removeReadinessAnswersAndContributions,
  removeStoredReadinessAnswers,
} from './contributions.repository.js';
import { currentStamps, loadReadinessInputs, storeReadinessAnswer } from './evaluation.repository.js';

/**
 * Contribution rows go in with the answer's statement, under its guard, and come back as stored (texts
 * with quotes, backslashes, commas and braces; nulls; flags), in ledger order; each removal removes
 * what its name says.
 */

const EMAIL = 'nobody-yet@example.test';
const AT = '2026-02-15';

forEachEngine('contributions repository', (getDb) => {
  it('stores rows under the current key only, reads them back verbatim, and removes what it is asked to', async () => {
    const { db } = getDb();
    const { stamps, epoch } = await currentStamps(db, [EMAIL]);
    const key = { stamp: stamps.get(EMAIL) ?? 0, epoch };
    const reads = { ruleKeys: ['rev/rule:a', 'rev/rule:b'], kinds: ['decision'], lookupCitedReviews: false };
    const odd = 'id "quoted", {braced} \\ back';
    const rows = [
      {
        record: 'late',
        seq: 9,
        date: '2026-01-02',
        supersededOn: null,
        tag: null,
        flag: false,
        extraDate: null,
      },
      {
        record: odd,
        seq: 3,
        date: '2026-01-01',
        supersededOn: '2026-03-01',
        tag: 'a,b',
        flag: true,
        extraDate: '2025-12-31',
      },
    ];
    const builds = [
      { ruleKey: 'rev/rule:a', rule: '{"kind":"a"}', rows },
      { ruleKey: 'rev/rule:b', rule: '{"kind":"b"}', rows: [] },
    ];
    // Under a key that is not the current one: nothing is stored.
    await storeReadinessAnswer(
      db,
      EMAIL,
      AT,
      'rev/version:1',
      { ...key, epoch: key.epoch - 1 },
      '{}',
      builds,
    );
    expect(await listContributionMarkers(db, EMAIL)).toEqual([]);
    await storeReadinessAnswer(db, EMAIL, AT, 'rev/version:1', key, '{}', builds);
    const built = { buildStamp: key.stamp, buildEpoch: key.epoch };
    expect(await listContributionMarkers(db, EMAIL)).toEqual([
      { ruleKey: 'rev/rule:a', ...key, ...built, rows: 2 },
      { ruleKey: 'rev/rule:b', ...key, ...built, rows: 0 },
    ]);
    // A second build under the same key (a concurrent reader) stores no second set of rows.
    await storeReadinessAnswer(db, EMAIL, AT, 'rev/version:1', key, '{}', builds);
    expect((await listContributionMarkers(db, EMAIL)).map((m) => m.rows)).toEqual([2, 0]);

    const inputs = await loadReadinessInputs(
      db,
      EMAIL,
      AT,
      '2025-01-01',
      readinessNeeds(undefined, AT),
      reads,
    );
    expect(inputs.contributions).toEqual({
      fresh: true,
      rows: new Map([
        [
          'rev/rule:a',
          [
            {
              record: odd,
              date: '2026-01-01',
              supersededOn: '2026-03-01',
              tag: 'a,b',
              flag: true,
              extraDate: '2025-12-31',
            },
            {
              record: 'late',
              date: '2026-01-02',
              supersededOn: null,
              tag: null,
              flag: false,
              extraDate: null,
            },
          ],
        ],
        ['rev/rule:b', []],
      ]),
    });
    // Only rows standing on `at` inside the window are read: a window opening after both, none.
    const later = await loadReadinessInputs(
      db,
      EMAIL,
      AT,
      '2026-01-03',
      readinessNeeds(undefined, AT),
      reads,
    );
    expect(later.contributions).toEqual({
      fresh: true,
      rows: new Map([
        ['rev/rule:a', []],
        ['rev/rule:b', []],
      ]),
    });
    // A rule key without a marker: not fresh, and the records to rebuild from come instead.
    const missing = await loadReadinessInputs(db, EMAIL, AT, '2025-01-01', readinessNeeds(undefined, AT), {
      ...reads,
      ruleKeys: [...reads.ruleKeys, 'rev/rule:c'],
    });
    expect(missing.contributions).toEqual({ fresh: false, rebuild: { records: [], lookup: [] } });

    await removeStoredReadinessAnswers(db, EMAIL);
    expect(await listContributionMarkers(db, EMAIL)).toHaveLength(2);
    await removeReadinessAnswersAndContributions(db, EMAIL);
    expect(await listContributionMarkers(db, EMAIL)).toEqual([]);
  });

  it('a rebuild keeps only the builds of markers current under its key: other revisions, rule keys and builds go', async () => {
    const { db } = getDb();
    const email = 'prune@example.test';
    const keyNow = async () => {
      const { stamps, epoch } = await currentStamps(db, [email]);
      return { stamp: stamps.get(email) ?? 0, epoch };
    };
    const moveStamp = () =>
      db.execute(sql`insert into evaluation_stamps (builder_email, stamp) values (${email}, nextval('evaluation_stamp_seq'))
        on conflict (builder_email) do update set stamp = excluded.stamp`);
    const row = (record: string) => ({
      record,
      seq: 1,
      date: '2026-01-01',
      supersededOn: null,
      tag: null,
      flag: false,
      extraDate: null,
    });
    const first = await keyNow();
    // An older code revision's rules, and this revision's rule b (a past ladder version's, say).
    await storeReadinessAnswer(db, email, AT, 'old/version:1', first, '{}', [
      { ruleKey: 'old/rule:a', rule: '{}', rows: [row('x1')] },
    ]);
    await storeReadinessAnswer(db, email, AT, 'rev/version:1', first, '{}', [
      { ruleKey: 'rev/rule:b', rule: '{}', rows: [row('x2')] },
    ]);
    // Rows of another code revision are never read again: the next build of this revision removes them.
    expect((await listContributionMarkers(db, email)).map((m) => [m.ruleKey, m.rows])).toEqual([
      ['rev/rule:b', 1],
    ]);
    await moveStamp();
    const second = await keyNow();
    await storeReadinessAnswer(db, email, AT, 'rev/version:2', second, '{}', [
      { ruleKey: 'rev/rule:c', rule: '{}', rows: [row('x3')] },
    ]);
    // b is stale (built under another key) and goes with its rows; only c's build stays.
    expect(await listContributionMarkers(db, email)).toEqual([
      { ruleKey: 'rev/rule:c', ...second, buildStamp: second.stamp, buildEpoch: second.epoch, rows: 1 },
    ]);
    const left: unknown = await db.execute(
      sql`select record_id from readiness_contributions where builder_email = ${email}`,
    );
    expect((left as { rows: { record_id: string }[] }).rows.map((r) => r.record_id)).toEqual(['x3']);
  });
});
