import { sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import type { EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import { addDays } from '../../core/dates/calendar.js';
import { recordsInEffect } from '../../core/evidence/supersede.js';
import { insertEvidence } from '../repositories/evidence.repository.js';
import { insertBuilders } from '../repositories/roster.repository.js';

// Each test names the trigger it covers: dropping that trigger from migration 0011 fails the test.

const ana = 'ana@example.test';
const ben = 'ben@example.test';
const lead = 'lead@example.test';

const adr = (id: string, date: string, supersedes: string | null = null, builder = ana): EvidenceRecord => ({
  id,
  kind: 'adr',
  builder,
  date,
  recorded_by: builder,
  recorded_at: '2026-01-01T00:00:00.000Z',
  confirmed_by: null,
  supersedes,
  title: id,
  status: 'accepted',
  link: '',
});

const person = (email: string) => ({
  email,
  name: email,
  track: 'ai-first-business-manager',
  level: 'L1',
  level_since: '2025-01-01',
  levels: [{ level: 'L1', since: '2025-01-01' }],
  rates: [{ since: '2025-01-01', rate_minor: 1, currency: 'USD' }],
});

forEachEngine('evaluation triggers (migration 0011)', (getDb) => {
  const rows = async <T>(query: SQL): Promise<T[]> => {
    // Both drivers answer `execute` with `{ rows }`; drizzle types it per driver.
    const result: unknown = await getDb().db.execute(query);
    return (result as { rows: T[] }).rows;
  };
  const stampOf = async (email: string): Promise<number> => {
    const found = await rows<{ stamp: string | number }>(
      sql`select stamp from evaluation_stamps where builder_email = ${email}`,
    );
    return Number(found[0]?.stamp ?? 0);
  };
  const epoch = async (): Promise<number> =>
    Number((await rows<{ epoch: string | number }>(sql`select epoch from evaluation_epoch`))[0]?.epoch);
  const corrected = async (): Promise<Record<string, string>> => {
    const found = await rows<{ record_id: string; superseded_on: string | Date }>(
      sql`select record_id, superseded_on::text as superseded_on from evidence_corrected`,
    );
    return Object.fromEntries(found.map((r) => [r.record_id, String(r.superseded_on)]));
  };
  /** The records standing on each date by the maintained rows, and by recordsInEffect, side by side. */
  const standing = (records: readonly EvidenceRecord[], rowsById: Record<string, string>) => {
    const days = [
      ...new Set(records.flatMap((r) => [r.date, addDays(r.date, -1), addDays(r.date, 1)])),
    ].sort();
    return days.map((at) => ({
      at,
      maintained: records
        .filter((r) => r.date <= at && (rowsById[r.id] === undefined || (rowsById[r.id] ?? '') > at))
        .map((r) => r.id)
        .sort(),
      reference: recordsInEffect(records, at)
        .map((r) => r.id)
        .sort(),
    }));
  };

  beforeAll(async () => {
    await insertBuilders(getDb().db, [person(ana), person(ben)], new Date('2026-01-01T00:00:00Z'));
    await getDb().db.execute(
      sql`insert into people (email, name, role, created_at) values (${lead}, 'Lead', 'leadership', now())`,
    );
    await getDb().db.execute(sql`insert into clients (id, name) values ('acme', 'Acme')`);
  });

  describe('evidence_evaluation_stamp', () => {
    it('stamps the builders of every inserted record, once per statement, with a fresh value', async () => {
      const before = [await stampOf(ana), await stampOf(ben)];
      await insertEvidence(getDb().db, [adr('s-1', '2025-02-01'), adr('s-2', '2025-02-02', null, ben)]);
      const after = [await stampOf(ana), await stampOf(ben)];
      expect(after[0]).toBeGreaterThan(before[0] ?? 0);
      expect(after[1]).toBeGreaterThan(before[1] ?? 0);
      await insertEvidence(getDb().db, [adr('s-3', '2025-02-03')]);
      expect(await stampOf(ana)).toBeGreaterThan(after[0] ?? 0);
      expect(await stampOf(ben)).toBe(after[1]);
    });

    it('stamps a builder once when one statement writes many of their records (migration 0012)', async () => {
      const before = await stampOf(ben);
      // The import's shape (insert … select from jsonb_to_recordset): 0011 refused it on PGlite.
      const many = Array.from({ length: 15 }, (_, i) => ({
        ...adr(`many-${i}`, '2025-03-01', i % 3 === 1 ? `many-${i - 1}` : null, ben),
      }));
      await getDb().db
        .execute(sql`insert into evidence (id, kind, builder_email, date, recorded_by, recorded_at, confirmed_by, supersedes, fields)
        select r.id, r.kind, r.builder, r.date, r.recorded_by, r.recorded_at, r.confirmed_by, r.supersedes, '{}'::jsonb
        from jsonb_to_recordset(${JSON.stringify(many)}::jsonb) as r(id text, kind text, builder text, date date,
          recorded_by text, recorded_at timestamptz, confirmed_by text, supersedes text)`);
      expect(await stampOf(ben)).toBeGreaterThan(before);
      // A placement statement of several rows of one builder goes through evaluation_stamp_emails.
      await getDb().db
        .execute(sql`insert into placements (id, builder_email, client_id, start, rate_minor, currency, extended, requested_back)
        select 'many-p-' || i, ${ben}, 'acme', '2025-01-01', 100, 'USD', false, false from generate_series(1, 50) i`);
      await getDb().db.execute(sql`delete from placements where id like 'many-p-%'`);
    });

    it('leaves nothing behind when the writing transaction rolls back', async () => {
      const before = await stampOf(ana);
      await expect(
        getDb().db.transaction(async (tx) => {
          await insertEvidence(tx, [
            adr('s-rolled', '2025-02-01'),
            adr('s-rolled-c', '2025-03-01', 's-rolled'),
          ]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await stampOf(ana)).toBe(before);
      expect((await corrected())['s-rolled']).toBeUndefined();
    });
  });

  describe('evidence_evaluation_corrected', () => {
    it('records the earliest correction down a chain, whatever order one statement inserts it in', async () => {
      // r1 <- c1 (2025-06-01) <- c2 (2025-04-01): r1 stops standing on 2025-04-01, c1 too.
      const chain = [
        adr('c2', '2025-04-01', 'c1'),
        adr('r1', '2025-01-10'),
        adr('c1', '2025-06-01', 'r1'),
        adr('r2', '2025-01-10'),
        adr('c3', '2025-05-01', 'r2'),
      ];
      await insertEvidence(getDb().db, chain);
      const got = await corrected();
      expect({ r1: got.r1, c1: got.c1, r2: got.r2 }).toEqual({
        r1: '2025-04-01',
        c1: '2025-04-01',
        r2: '2025-05-01',
      });
      expect(got.c2).toBeUndefined();
      expect(got.c3).toBeUndefined();
      for (const day of standing(chain, got)) expect(day.maintained, day.at).toEqual(day.reference);
    });

    it('agrees with recordsInEffect when a chain arrives one row per statement, correction first', async () => {
      const chain = [adr('o3', '2025-03-01', 'o2'), adr('o2', '2025-08-01', 'o1'), adr('o1', '2025-02-01')];
      await getDb().db.transaction(async (tx) => {
        for (const record of chain) await insertEvidence(tx, [record]);
      });
      const got = await corrected();
      // o3 (dated before o2) means o2 never stands and o1 stops on 2025-03-01.
      expect({ o1: got.o1, o2: got.o2, o3: got.o3 }).toEqual({
        o1: '2025-03-01',
        o2: '2025-03-01',
        o3: undefined,
      });
      for (const day of standing(chain, got)) expect(day.maintained, day.at).toEqual(day.reference);
    });
  });

  describe('stamps of rows local to one builder', () => {
    it('placements_evaluation_stamp_*: a placement insert, a flag update and a delete stamp its builder', async () => {
      const db = getDb().db;
      let last = await stampOf(ben);
      const step = async (query: SQL) => {
        await db.execute(query);
        const now = await stampOf(ben);
        expect(now).toBeGreaterThan(last);
        last = now;
      };
      await step(sql`insert into placements (id, builder_email, client_id, start, rate_minor, currency, extended, requested_back)
        values ('p-1', ${ben}, 'acme', '2025-01-01', 100, 'USD', false, false)`);
      await step(sql`update placements set extended = true where id = 'p-1'`);
      await step(sql`delete from placements where id = 'p-1'`);
    });

    it('mentorships_evaluation_stamp_*: assigning, ending and removing a mentorship stamp the mentor only', async () => {
      const db = getDb().db;
      let last = await stampOf(lead);
      const ben0 = await stampOf(ben);
      const step = async (query: SQL) => {
        await db.execute(query);
        const now = await stampOf(lead);
        expect(now).toBeGreaterThan(last);
        last = now;
      };
      await step(
        sql`insert into mentorships (id, mentor_email, mentee_email, start) values ('m-1', ${lead}, ${ben}, '2025-01-01')`,
      );
      await step(sql`update mentorships set "end" = '2025-06-01' where id = 'm-1'`);
      await step(sql`delete from mentorships where id = 'm-1'`);
      expect(await stampOf(ben)).toBe(ben0);
    });

    it('promotion_cases_* and promotion_decisions_*: opening, deciding and changing a case stamp the candidate', async () => {
      const db = getDb().db;
      const version = await rows<{ id: string | number }>(sql`insert into ladder_versions
        (ladder_id, version, name, document, source, content_hash, published_at, published_by)
        values ('l', '2025-01-01', 'L', '{}'::jsonb, 'x', 'h', now(), ${lead}) returning id`);
      const versionId = Number(version[0]?.id);
      let last = await stampOf(ana);
      const step = async (query: SQL) => {
        await db.execute(query);
        const now = await stampOf(ana);
        expect(now).toBeGreaterThan(last);
        last = now;
      };
      await step(sql`insert into promotion_cases (candidate_email, ladder_id, ladder_version_id, ladder_version,
        from_level, target_level, status, opened_on, opened_at, opened_by, readiness_snapshot, eligible_at_opening)
        values (${ana}, 'l', ${versionId}, '2025-01-01', 'L1', 'L2', 'open', '2025-03-01', now(), ${lead}, '{}'::jsonb, true)`);
      const caseId = Number(
        (await rows<{ id: string | number }>(sql`select id from promotion_cases`))[0]?.id,
      );
      await step(sql`update promotion_cases set status = 'decided' where id = ${caseId}`);
      // The decision alone (a trigger on promotion_cases would not see it).
      await step(sql`insert into promotion_decisions (case_id, computed_outcome, outcome, overridden, note, computed,
        decided_by, decided_at, decided_on) values (${caseId}, 'promoted', 'promoted', false, '', '{}'::jsonb, ${lead}, now(), '2025-04-01')`);
      await step(sql`update promotion_decisions set decided_on = '2025-04-02' where case_id = ${caseId}`);
      await step(sql`delete from promotion_decisions where case_id = ${caseId}`);
      await step(sql`delete from promotion_cases where id = ${caseId}`);
    });
  });

  describe('the epoch (writes that cross builders)', () => {
    const bumps: [string, SQL][] = [
      [
        'builder_levels_evaluation_epoch (a level change)',
        sql`insert into builder_levels (builder_email, level, track, since) values (${ben}, 'L2', 'ai-first-business-manager', '2025-09-01')`,
      ],
      [
        'builder_levels_evaluation_epoch (a level corrected)',
        sql`update builder_levels set since = '2025-09-02' where builder_email = ${ben} and level = 'L2'`,
      ],
      [
        // Level ids are scoped by track (migration 0022, ADR 0030): the same id in another track is
        // another level, so moving a step to another track changes what the builder is evaluated on.
        'builder_levels_evaluation_epoch (a step moved to another track)',
        sql`update builder_levels set track = 'owner' where builder_email = ${ben} and level = 'L2'`,
      ],
      [
        'builder_levels_evaluation_epoch (a level removed)',
        sql`delete from builder_levels where builder_email = ${ben} and level = 'L2'`,
      ],
      [
        'builders_evaluation_epoch (a track change)',
        sql`update builders set track = track where email = ${ben}`,
      ],
      [
        'client_analytics_projects_evaluation_epoch',
        sql`insert into client_analytics_projects (project, provider, client_id) values ('pr', 'posthog', 'acme')`,
      ],
      [
        'analytics_event_days_evaluation_epoch',
        sql`insert into analytics_event_days (project, event, day, count) values ('pr', 'signup', '2025-05-01', 3)`,
      ],
      ['placements_evaluation_truncate', sql`truncate placements`],
    ];
    it.each(bumps)('%s draws a new epoch', async (_name, query) => {
      const before = await epoch();
      await getDb().db.execute(query);
      expect(await epoch()).toBeGreaterThan(before);
    });

    it('a write local to one builder leaves the epoch alone', async () => {
      const before = await epoch();
      await insertEvidence(getDb().db, [adr('local-1', '2025-02-01')]);
      expect(await epoch()).toBe(before);
    });
  });
});
