import { beforeAll, expect, it } from 'vitest';
import { make, PM, ROSA, TOM } from '../../../test/factories/evaluation-records.js';
import { shippedLevel } from '../../../test/factories/shipped-ladder.js';
import { forEachEngine } from '../../../test/helpers/database.js';
import { rankingNeeds } from '../../core/evaluation/ranking.js';
import { unevaluatedFields } from '../../core/evaluation/evaluated-fields.js';
import { insertEvidence } from './evidence.repository.js';
import { readinessNeeds } from '../../core/evaluation/readiness-needs.js';
import { sql } from 'drizzle-orm';
import {
  findBuilderLevels,
  findReadinessStart,
  loadBuilderEvidence,
  loadReadinessInputs,
  storeReadinessAnswer,
} from './evaluation.repository.js';
import { listLevelMembers, loadLevelEvidence } from './ranking.repository.js';
import { insertBuilders, insertMentorships, insertPeople } from './roster.repository.js';

const KIM = 'kim@example.test';
const L4 = shippedLevel('L4');

forEachEngine('evaluation repository', (getDb) => {
  beforeAll(async () => {
    const { db } = getDb();
    const now = new Date('2026-02-15T12:00:00Z');
    await insertPeople(db, [{ email: PM, name: 'Ola', role: 'client_stakeholder' }], now);
    const builder = (email: string, levels: { level: string; since: string }[]) => ({
      email,
      name: email,
      track: 'ai-first-business-manager',
      level: levels.at(-1)!.level,
      level_since: levels.at(-1)!.since,
      levels,
      rates: [{ since: levels[0]!.since, rate_minor: 100, currency: 'USD' }],
    });
    await insertBuilders(
      db,
      [
        builder(ROSA, [
          { level: 'L3', since: '2023-05-01' },
          { level: 'L4', since: '2025-02-03' },
        ]),
        builder(TOM, [{ level: 'L1', since: '2024-06-01' }]),
        // Kim reaches L4 on 2025-09-01 and L5 on 2026-01-01.
        builder(KIM, [
          { level: 'L3', since: '2024-01-01' },
          { level: 'L4', since: '2025-09-01' },
          { level: 'L5', since: '2026-01-01' },
        ]),
      ],
      now,
    );
    await insertEvidence(db, [
      // A chain whose middle link is dated after `at` (2025-08-01): O ← C1 (2025-10-01) ← C2 (2025-07-01).
      make.decision({ id: 'o', date: '2025-05-01', client_response: 'pending' }),
      make.decision({ id: 'c1', date: '2025-10-01', supersedes: 'o', client_response: 'rejected' }),
      make.decision({ id: 'c2', date: '2025-07-01', supersedes: 'c1' }),
      make.decision({ id: 'before-window', date: '2025-01-15' }),
      make.decision({ id: 'after-at', date: '2025-08-02' }),
      make.codeReview({ id: 'old-review', date: '2024-01-10' }),
      make.feature({ id: 'feat', title: 'A long title the evaluation never reads' }),
      make.checkin({ id: 'checkin-recent', date: '2025-07-19' }),
      make.checkin({ id: 'checkin-old', date: '2025-07-18' }),
      make.menteeReview({ id: 'review-of-tom', date: '2025-07-10' }),
    ]);
  });

  it('loads the builder’s records up to `at` plus every correction, without the unevaluated fields', async () => {
    const { db } = getDb();
    const rosa = (await findBuilderLevels(db, ROSA))!;
    // Each step in its own track (written without one: the builder's, ADR 0030).
    expect(rosa.levels).toEqual([
      { level: 'L3', since: '2023-05-01', track: 'ai-first-business-manager' },
      { level: 'L4', since: '2025-02-03', track: 'ai-first-business-manager' },
    ]);
    const loaded = await loadBuilderEvidence(db, rosa, '2025-08-01', unevaluatedFields(L4));
    expect(loaded.records.map((r) => r.id).sort()).toEqual(
      [
        'before-window',
        'c1',
        'c2',
        'feat',
        'o',
        'old-review',
        'checkin-recent',
        'checkin-old',
        'review-of-tom',
      ].sort(),
    );
    const feature = loaded.records.find((r) => r.id === 'feat')!;
    expect(feature).toMatchObject({ kind: 'feature', analytics_events: ['route_planned'], builder: ROSA });
    expect(feature).not.toHaveProperty('title');
    expect(feature.recorded_at).toBe('2025-06-01T12:00:00.000Z');
  });

  it('loads a builder’s records in ledger order (date, then insertion), and none for a builder without any', async () => {
    const { db } = getDb();
    const rosa = (await findBuilderLevels(db, ROSA))!;
    const loaded = await loadBuilderEvidence(db, rosa, '2025-08-01', []);
    // Inserted out of date order (c1 is dated after c2), so only an ordered load passes.
    expect(loaded.records.map((r) => r.id)).toEqual([
      'old-review',
      'before-window',
      'o',
      'feat',
      'c2',
      'review-of-tom',
      'checkin-old',
      'checkin-recent',
      'c1',
    ]);
    const c2 = loaded.records.find((r) => r.id === 'c2')!;
    expect(c2).toMatchObject({ date: '2025-07-01', supersedes: 'c1', confirmed_by: null, builder: ROSA });
    // Nothing dropped: every kind field is there.
    expect(loaded.records.find((r) => r.id === 'feat')).toHaveProperty(
      'title',
      'A long title the evaluation never reads',
    );
    const kim = (await findBuilderLevels(db, KIM))!;
    expect((await loadBuilderEvidence(db, kim, '2026-02-01', unevaluatedFields(L4))).records).toEqual([]);
  });

  it('finds the members of a level on a day from their level history', async () => {
    const { db } = getDb();
    expect((await listLevelMembers(db, 'L4', '2025-08-31')).map((m) => m.email)).toEqual([ROSA]);
    expect(await listLevelMembers(db, 'L4', '2025-09-01')).toEqual([
      { email: KIM, level: 'L4', since: '2025-09-01' },
      { email: ROSA, level: 'L4', since: '2025-02-03' },
    ]);
    expect((await listLevelMembers(db, 'L4', '2026-01-01')).map((m) => m.email)).toEqual([ROSA]);
  });

  it('loads a level’s window records, the any-date kinds and the corrections', async () => {
    const { db } = getDb();
    const { evidence } = await loadLevelEvidence(db, 'L4', '2025-08-01', rankingNeeds(L4, '2025-08-01'));
    const ids = evidence
      .get(ROSA)!
      .records.map((r) => r.id)
      .sort();
    // Not loaded: before-window (a window kind before Rosa's L4), after-at, a check-in older than the 14
    // days up to `at` (2025-07-19 … 2025-08-01), mentee reviews of a builder with no active mentorship.
    expect(ids).toEqual(['c1', 'c2', 'checkin-recent', 'feat', 'o', 'old-review'].sort());
  });

  it('loads mentee reviews once the builder gives a mentorship active on `at`', async () => {
    const { db } = getDb();
    await insertMentorships(db, [
      { id: 'ms-rosa-tom', mentor: ROSA, mentee: TOM, start: '2025-07-01', end: null },
    ]);
    const { evidence } = await loadLevelEvidence(db, 'L4', '2025-08-01', rankingNeeds(L4, '2025-08-01'));
    expect(evidence.get(ROSA)!.records.map((r) => r.id)).toContain('review-of-tom');
    expect(evidence.get(ROSA)!.mentorships.map((m) => m.id)).toEqual(['ms-rosa-tom']);
  });

  it('stores an answer only under the current key, reads it back verbatim, and prunes answers no longer current', async () => {
    const { db } = getDb();
    const at = '2025-08-01';
    expect(await findReadinessStart(db, 'nobody@example.test', at, 'rev/')).toBeUndefined();
    const { key } = await loadReadinessInputs(db, ROSA, at, '2025-02-03', readinessNeeds(L4, at));
    // Key order is the computed text's, not jsonb's (which would sort "a" before "b").
    await storeReadinessAnswer(db, ROSA, at, 'rev/version:1', key, '{"b":1,"a":[2]}');
    // Under a key that is not the current one (an older stamp): nothing is stored.
    await storeReadinessAnswer(
      db,
      ROSA,
      '2025-08-02',
      'rev/version:1',
      { ...key, stamp: key.stamp - 1 },
      '{}',
    );
    const start = (await findReadinessStart(db, ROSA, at, 'rev/'))!;
    expect(start.builder).toEqual({
      email: ROSA,
      track: 'ai-first-business-manager',
      levels: [
        { level: 'L3', since: '2023-05-01', track: 'ai-first-business-manager' },
        { level: 'L4', since: '2025-02-03', track: 'ai-first-business-manager' },
      ],
    });
    expect([...start.answers.keys()]).toEqual(['rev/version:1']);
    // The text as stored, byte for byte (never parsed on the way).
    expect(start.answers.get('rev/version:1')).toBe('{"b":1,"a":[2]}');
    // Two ladder keys on one day: each text back under its own key (they travel joined by line feeds).
    await storeReadinessAnswer(db, ROSA, at, 'rev/version:2', key, '{"text":"two\\nlines"}');
    const both = (await findReadinessStart(db, ROSA, at, 'rev/'))!.answers;
    expect([...both.entries()]).toEqual([
      ['rev/version:1', '{"b":1,"a":[2]}'],
      ['rev/version:2', '{"text":"two\\nlines"}'],
    ]);
    // Another code revision's answers are never read; another day has none.
    expect((await findReadinessStart(db, ROSA, at, 'other/'))!.answers.size).toBe(0);
    expect((await findReadinessStart(db, ROSA, '2025-08-02', 'rev/'))!.answers.size).toBe(0);

    // A new record moves Rosa's stamp: the stored answer is no longer current, so it is not read, and
    // the next answer stored (another day) prunes it.
    await insertEvidence(db, [make.decision({ id: 'after-store', date: '2025-07-20' })]);
    expect((await findReadinessStart(db, ROSA, at, 'rev/'))!.answers.size).toBe(0);
    const moved = await loadReadinessInputs(
      db,
      ROSA,
      '2025-08-03',
      '2025-02-03',
      readinessNeeds(L4, '2025-08-03'),
    );
    expect(moved.key.stamp).toBeGreaterThan(key.stamp);
    expect(moved.records.map((r) => r.id)).toContain('after-store');
    await storeReadinessAnswer(db, ROSA, '2025-08-03', 'rev/version:1', moved.key, '{"c":3}');
    // Both drivers answer `execute` with `{ rows }`; drizzle types it per driver.
    const result: unknown = await db.execute(
      sql`select at::text as at from readiness_answers where builder_email = ${ROSA} order by at`,
    );
    const rows = result as { rows: unknown[] };
    expect(rows.rows).toEqual([{ at: '2025-08-03' }]);
    expect((await findReadinessStart(db, ROSA, '2025-08-03', 'rev/'))!.answers.get('rev/version:1')).toBe(
      '{"c":3}',
    );
  });

  it('keeps stored readiness answers in an UNLOGGED table (a cache: a crash only makes reads cold)', async () => {
    const { db } = getDb();
    const result: unknown = await db.execute(
      sql`select relpersistence from pg_class where relname = 'readiness_answers' and relkind = 'r'`,
    );
    const rows = result as { rows: unknown[] };
    expect(rows.rows).toEqual([{ relpersistence: 'u' }]);
  });
});
