import {
  and,
  asc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EvidenceKindName, EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { BuilderEvidence } from '../../core/evaluation/evaluation.types.js';
import type { RankingNeeds } from '../../core/evaluation/ranking.js';
import type { Mentorship } from '../../core/roster/roster.types.js';
import type { Executor } from '../connection.js';
import { evidence } from '../schema/evidence.schema.js';
import { evaluationEpoch, evaluationStamps, rankingRows } from '../schema/evaluation.schema.js';

const stampSequence = sql.identifier('evaluation_stamp_seq');
import { rankingAnswers } from '../schema/ranking-snapshots.schema.js';
import { ladderVersions } from '../schema/ladders.schema.js';
import { builderLevels, mentorships } from '../schema/roster.schema.js';
import { projectedColumns, toMentorship, toProjectedRecord } from './evaluation.repository.js';

/**
 * Loads what a level's ranking reads, for every member at once: members, their records and their active
 * mentorships — three queries whatever the level's size, with no list of emails sent to the server.
 */

/** A builder's level step on `at`, as the ranking needs it. */
export interface LevelMember {
  email: string;
  /** The level as the ranking names it: the bare id, or `track/level` when it was asked so. */
  level: string;
  since: string;
}

const laterStep = alias(builderLevels, 'later_step');

/**
 * The steps of the level a ranking names (ADR 0030): `track/level` is that track's level only — tracks
 * may share level ids, and each step names its own track, so disciplines sharing `E1` never mix; a bare
 * id is every step of that id, one level wherever no two tracks have it (the ranking service finds no
 * level for a bare id two tracks share). The member's level is the reference as named, so the
 * evaluation reads the same level the ranking asked for.
 */
function stepsOfLevel(level: string): { where: SQL | undefined; named: SQL<string> } {
  const slash = level.indexOf('/');
  if (slash < 0) return { where: eq(builderLevels.level, level), named: sql<string>`${builderLevels.level}` };
  return {
    where: and(
      eq(builderLevels.track, level.slice(0, slash)),
      eq(builderLevels.level, level.slice(slash + 1)),
    ),
    named: sql<string>`${level}::text`,
  };
}

/**
 * The level step in force on `at` of every builder whose level that day is `level`: a step of that level
 * dated on or before `at` with no later step on or before `at`. Written as NOT EXISTS (not DISTINCT ON)
 * so the planner estimates the level's size from its statistics and picks a hash join for big levels.
 */
function levelStepsQuery(db: Executor, level: string, at: string) {
  const steps = stepsOfLevel(level);
  return db
    .select({
      email: sql<string>`${builderLevels.builderEmail}`.as('member_email'),
      level: steps.named.as('member_level'),
      since: sql<string>`${builderLevels.since}`.as('member_since'),
    })
    .from(builderLevels)
    .where(
      and(
        steps.where,
        lte(builderLevels.since, at),
        sql`not exists (${db
          .select({ one: sql`1` })
          .from(laterStep)
          .where(
            and(
              eq(laterStep.builderEmail, builderLevels.builderEmail),
              gt(laterStep.since, builderLevels.since),
              lte(laterStep.since, at),
            ),
          )})`,
      ),
    );
}

function levelSteps(db: Executor, level: string, at: string) {
  return levelStepsQuery(db, level, at).as('members');
}

type Members = ReturnType<typeof levelSteps>;

/** Every kind the level's metrics read, once. */
function neededKinds(needs: RankingNeeds): EvidenceKindName[] {
  return [
    ...new Set<EvidenceKindName>([
      ...needs.windowKinds,
      ...needs.anyDateKinds,
      ...needs.recentKinds.map((recent) => recent.kind),
      ...needs.mentorKinds,
    ]),
  ];
}

/**
 * The members' records a ranking reads on `at`: the needed kinds, each as its rules read it (window
 * kinds from the member's own level start), plus every correction of those kinds whatever its date (a
 * chain of corrections is judged as a whole: see evaluation.repository.ts).
 */
function recordsRead(
  db: Executor,
  needs: RankingNeeds,
  kinds: readonly EvidenceKindName[],
  at: string,
  members: Members,
): SQL | undefined {
  const givesActiveMentorship = exists(
    db
      .select({ one: sql`1` })
      .from(mentorships)
      .where(
        and(
          eq(mentorships.mentorEmail, evidence.builderEmail),
          lte(mentorships.start, at),
          or(isNull(mentorships.end), gte(mentorships.end, at)),
        ),
      ),
  );
  // One clause per way a rule reads a kind; `or` drops the clauses of kinds the level does not read.
  const read = or(
    needs.windowKinds.length === 0
      ? undefined
      : and(inArray(evidence.kind, needs.windowKinds), gte(evidence.date, members.since)),
    needs.anyDateKinds.length === 0 ? undefined : inArray(evidence.kind, needs.anyDateKinds),
    ...needs.recentKinds.map((recent) =>
      and(eq(evidence.kind, recent.kind), gte(evidence.date, recent.from)),
    ),
    needs.mentorKinds.length === 0
      ? undefined
      : and(inArray(evidence.kind, needs.mentorKinds), givesActiveMentorship),
  );
  return and(
    inArray(evidence.kind, [...kinds]),
    or(isNotNull(evidence.supersedes), and(lte(evidence.date, at), read)),
  );
}

/** The builders whose level on `at` is `level`, with the day that level began, by email. */
export async function listLevelMembers(db: Executor, level: string, at: string): Promise<LevelMember[]> {
  const members = levelSteps(db, level, at);
  return db.select().from(members).orderBy(asc(members.email));
}

/**
 * Everything the ranking of one level reads, for every member at once: the members, their records of
 * the needed kinds and fields (window kinds from each member's own level start) and the mentorships they
 * give that are active on `at`.
 */
export async function loadLevelEvidence(
  db: Executor,
  level: string,
  at: string,
  needs: RankingNeeds,
): Promise<{ members: LevelMember[]; evidence: Map<string, BuilderEvidence> }> {
  const kinds = neededKinds(needs);

  const recordQuery = (async () => {
    if (kinds.length === 0) return [];
    const members = levelSteps(db, level, at);
    return db
      .select(projectedColumns(needs.dropFields))
      .from(evidence)
      .innerJoin(members, eq(members.email, evidence.builderEmail))
      .where(recordsRead(db, needs, kinds, at, members));
    // No ORDER BY: a ranking only counts, and a sort of a big level's records would spill to disk.
  })();
  const mentorshipQuery = (async () => {
    if (!needs.mentorships) return [];
    const members = levelSteps(db, level, at);
    return db
      .select({ row: mentorships })
      .from(mentorships)
      .innerJoin(members, eq(members.email, mentorships.mentorEmail))
      .where(and(lte(mentorships.start, at), or(isNull(mentorships.end), gte(mentorships.end, at))));
  })();
  const [members, recordRows, mentorshipRows] = await Promise.all([
    listLevelMembers(db, level, at),
    recordQuery,
    mentorshipQuery,
  ]);

  const records = new Map<string, EvidenceRecord[]>();
  for (const row of recordRows) {
    const list = records.get(row.builder);
    if (list === undefined) records.set(row.builder, [toProjectedRecord(row)]);
    else list.push(toProjectedRecord(row));
  }
  const given = new Map<string, Mentorship[]>();
  for (const { row } of mentorshipRows) {
    const list = given.get(row.mentorEmail) ?? [];
    list.push(toMentorship(row));
    given.set(row.mentorEmail, list);
  }
  const out = new Map<string, BuilderEvidence>();
  for (const member of members) {
    out.set(member.email, {
      email: member.email,
      levels: [{ level: member.level, since: member.since }],
      records: records.get(member.email) ?? [],
      mentorships: given.get(member.email) ?? [],
      menteeLevels: new Map(),
      placements: [],
    });
  }
  return { members, evidence: out };
}

/** The rows a raw statement returned (both drivers answer `{ rows }`; drizzle types it as unknown). */
async function executeRows<R>(db: Executor, query: SQL): Promise<R[]> {
  const result = await db.execute(query);
  return (result as { rows: R[] }).rows;
}

/** Restricts `column` to `emails`, sent as one JSON parameter (a list of 10 000 would be 10 000 parameters). */
function amongEmails(column: AnyColumn, emails: readonly string[]): SQL {
  return sql`${column} in (select json_array_elements_text(${JSON.stringify(emails)}::json))`;
}

/**
 * A member of a level on `at` with what proves a stored ranking row current: the builder's stamp and the
 * epoch now (0 when never drawn), and the stored row for (level, at, ladder key), if any.
 */
export interface RankingMemberState {
  email: string;
  level: string;
  since: string;
  stamp: number;
  epoch: number;
  stored: { stamp: number; epoch: number; levelSince: string; metricsMet: number } | null;
}

/**
 * What proves a level's stored ranking answer current: the epoch, the number of members and a
 * fingerprint of every member's (email, level start, stamp), all read in one snapshot; and the
 * transactions in progress in that snapshot (`pending`, for the sequence watermark: see
 * readRankingAnswerByWatermark).
 */
export interface RankingAnswerKey {
  epoch: number;
  members: number;
  fingerprint: string;
  pending: string[];
}

/**
 * The stamp sequence's watermark: the last value drawn (0 before the first). Every stamp and every
 * epoch is drawn from it, so while it has not moved, no write any evaluation reads has drawn one. Read
 * in its own statement before the snapshot it vouches for (see readRankingAnswerByWatermark).
 */
export async function readStampWatermark(db: Executor): Promise<string> {
  const rows = await executeRows<{ mark: string }>(
    db,
    sql`select (case when is_called then last_value else 0 end)::text as mark from ${stampSequence}`,
  );
  return rows[0]?.mark ?? '0';
}

/**
 * `members` (the level's steps on `at`) with each member's stamp, and the key of the whole level: its
 * size and an md5 of every member's email, level start and stamp in byte order of the email (one
 * collation whatever the database's). A stamp is never drawn twice and any write a member's evaluation
 * reads draws them a new one, so the fingerprint changes with every such write; a change of levels
 * draws a new epoch. Both statements below build the key with this one fragment, so they agree.
 */
function levelStateSql(db: Executor, level: string, at: string): SQL {
  return sql`
    members as (${levelStepsQuery(db, level, at)}),
    state as materialized (
      select m.member_email as email, m.member_level as level, m.member_since as since,
        coalesce(s.stamp, 0) as stamp
      from members m left join ${evaluationStamps} s on s.builder_email = m.member_email
    ),
    level_key as (
      select count(*)::int as members,
        md5(coalesce(string_agg(email || ' ' || since::text || ' ' || stamp::text, ',' order by email collate "C"), ''))
          as fingerprint,
        coalesce((select e.epoch from ${evaluationEpoch} e where e.id = 1), 0)::text
          as epoch,
        array(select x::text from pg_snapshot_xip(pg_current_snapshot()) as x) as pending
      from state
    )`;
}

/** One member's state as the statement below sends it: a JSON array (keys would repeat 10 000 times). */
type StateTuple = [
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  number | null,
];

/** Members per chunk of readRankingState's answer: one chunk parses well inside a slice. */
const STATE_CHUNK = 500;

/**
 * The members of `level` on `at` joined with their current stamps, the epoch and their stored ranking
 * rows, and the level's answer key, in one statement (one snapshot), by email. Read before any record
 * is loaded: a row or answer computed from records at least as new as its key can only be too fresh,
 * never stale. The members travel as JSON texts of STATE_CHUNK members each (parseRankingState), so
 * the caller parses them a chunk per slice instead of 10 000 rows or one big text in one go.
 */
export async function readRankingState(
  db: Executor,
  level: string,
  at: string,
  ladderKey: string,
): Promise<{ chunks: string[]; key: RankingAnswerKey }> {
  const rows = await executeRows<{
    members: number;
    fingerprint: string;
    epoch: string;
    pending: string[];
    state: string | null;
  }>(
    db,
    sql`
    with ${levelStateSql(db, level, at)},
    numbered as (
      select (row_number() over (order by st.email) - 1) / ${STATE_CHUNK} as chunk,
        json_build_array(st.email, st.level, st.since, st.stamp::text, r.stamp::text, r.epoch::text,
          r.level_since, r.metrics_met) as member,
        st.email
      from state st left join ${rankingRows} r
        on r.level = ${level} and r.at = ${at}::date and r.ladder_key = ${ladderKey}
        and r.builder_email = st.email
    ),
    chunks as (
      select chunk, json_agg(member order by email)::text as state from numbered group by chunk
    )
    select k.members, k.fingerprint, k.epoch, k.pending, c.state
    from level_key k left join chunks c on true
    order by c.chunk`,
  );
  const first = rows[0];
  if (first === undefined) throw new Error('readRankingState: the statement returned no row');
  return {
    chunks: rows.flatMap((row) => (row.state === null ? [] : [row.state])),
    key: {
      epoch: Number(first.epoch),
      members: Number(first.members),
      fingerprint: first.fingerprint,
      pending: first.pending,
    },
  };
}

/** One chunk of readRankingState's members, with the epoch of its key. */
export function parseRankingState(chunk: string, epoch: number): RankingMemberState[] {
  // Stamps are bigints: compared as numbers they stay exact far beyond any sequence this will draw.
  return (JSON.parse(chunk) as StateTuple[]).map(
    ([email, memberLevel, since, stamp, storedStamp, storedEpoch, storedSince, storedMet]) => ({
      email,
      level: memberLevel,
      since,
      stamp: Number(stamp),
      epoch,
      stored:
        storedStamp === null || storedEpoch === null || storedSince === null || storedMet === null
          ? null
          : {
              stamp: Number(storedStamp),
              epoch: Number(storedEpoch),
              levelSince: storedSince,
              metricsMet: storedMet,
            },
    }),
  );
}

/**
 * The stored answer (the route's JSON text) of `level` on `at` under `ladderKey` by its watermark alone,
 * without reading a single member: current when the stamp sequence has not moved since the watermark
 * stored with it and none of the transactions in progress when its key was read has committed since.
 * Why that proves it: the watermark was read before the key's snapshot, so every value drawn up to it
 * belongs to a transaction that had its id before that snapshot — committed in it (the answer saw its
 * write), in progress (listed in `pending`) or rolled back. A write committed since either drew a later
 * value (the sequence moved) or is one of `pending`. A pending transaction still in progress now is not
 * in the reader's snapshot either. Also returns the watermark now, read before any later statement, and
 * whether any answer is stored under the key (when none is, there is no fingerprint to compare).
 */
export async function readRankingAnswerByWatermark(
  db: Executor,
  level: string,
  at: string,
  ladderKey: string,
): Promise<{ watermark: string; body: string | null; stored: boolean }> {
  const rows = await executeRows<{ watermark: string; body: string | null; stored: boolean }>(
    db,
    sql`
    with mark as (
      select case when is_called then last_value else 0 end as value from ${stampSequence}
    )
    select mark.value::text as watermark, (
      select a.body from ${rankingAnswers} a
      where a.level = ${level} and a.at = ${at}::date and a.ladder_key = ${ladderKey}
        and a.watermark = mark.value
        and not exists (
          select 1 from unnest(a.pending) as p(xid)
          where coalesce(pg_xact_status(p.xid::xid8), 'committed') = 'committed'
        )
    ) as body, exists (
      select 1 from ${rankingAnswers} a
      where a.level = ${level} and a.at = ${at}::date and a.ladder_key = ${ladderKey}
    ) as stored
    from mark`,
  );
  const row = rows[0];
  return { watermark: row?.watermark ?? '0', body: row?.body ?? null, stored: row?.stored ?? false };
}

/**
 * The stored answer (the route's JSON text) of `level` on `at` under `ladderKey`, only if its key is
 * still current: one statement that recomputes the level's key (indexed reads of the level's steps and
 * its members' stamps) and compares it with the stored one. A current answer gets `watermark` (read
 * before this statement) and this snapshot's pending transactions as its new watermark key, so the
 * next read needs no members. Null when there is none or it is stale.
 */
export async function readCurrentRankingAnswer(
  db: Executor,
  level: string,
  at: string,
  ladderKey: string,
  watermark: string,
): Promise<string | null> {
  const rows = await executeRows<{ body: string }>(
    db,
    sql`
    with ${levelStateSql(db, level, at)},
    confirmed as (
      update ${rankingAnswers} a set watermark = ${watermark}::bigint, pending = k.pending
      from level_key k
      where a.level = ${level} and a.at = ${at}::date and a.ladder_key = ${ladderKey}
        and a.epoch = k.epoch::bigint and a.members = k.members and a.fingerprint = k.fingerprint
      returning a.body
    )
    select body from confirmed`,
  );
  return rows[0]?.body ?? null;
}

/**
 * Stores the answer of (level, at, ladder key) computed under `key` (and the watermark read before it),
 * replacing the one stored before and dropping the day's answers under other ladder keys (a new
 * version or a deploy: never read again).
 */
export async function storeRankingAnswer(
  db: Executor,
  answer: {
    level: string;
    at: string;
    ladderKey: string;
    key: RankingAnswerKey;
    watermark: string | null;
    body: string;
  },
): Promise<void> {
  const pending = sql`array(select json_array_elements_text(${JSON.stringify(answer.key.pending)}::json))`;
  await db.execute(sql`
    with dropped as (
      delete from ${rankingAnswers}
      where level = ${answer.level} and at = ${answer.at}::date and ladder_key <> ${answer.ladderKey}
    )
    insert into ${rankingAnswers} (level, at, ladder_key, epoch, members, fingerprint, watermark, pending, body)
    values (${answer.level}, ${answer.at}::date, ${answer.ladderKey}, ${String(answer.key.epoch)}::bigint,
      ${answer.key.members}, ${answer.key.fingerprint}, ${answer.watermark}::bigint, ${pending}, ${answer.body})
    on conflict (level, at, ladder_key) do update set
      epoch = excluded.epoch, members = excluded.members, fingerprint = excluded.fingerprint,
      watermark = excluded.watermark, pending = excluded.pending, body = excluded.body`);
}

/** One ranking row to store: computed for `builder` under (stamp, epoch). */
export interface RankingRowInput {
  builder: string;
  stamp: number;
  epoch: number;
  levelSince: string;
  metricsMet: number;
}

const UPSERT_CHUNK = 5_000;

/** Stores (or replaces) ranking rows of (level, at, ladder key), sent as JSON in a few statements. */
export async function upsertRankingRows(
  db: Executor,
  key: { level: string; at: string; ladderKey: string },
  rows: readonly RankingRowInput[],
): Promise<void> {
  for (let from = 0; from < rows.length; from += UPSERT_CHUNK) {
    const chunk = rows
      .slice(from, from + UPSERT_CHUNK)
      .map((row) => [row.builder, String(row.stamp), String(row.epoch), row.levelSince, row.metricsMet]);
    await db.execute(sql`
      insert into ${rankingRows} (level, at, ladder_key, builder_email, stamp, epoch, level_since, metrics_met)
      select ${key.level}, ${key.at}::date, ${key.ladderKey}, r->>0, (r->>1)::bigint, (r->>2)::bigint,
        (r->>3)::date, (r->>4)::int
      from json_array_elements(${JSON.stringify(chunk)}::json) as r
      on conflict (level, at, ladder_key, builder_email) do update set
        stamp = excluded.stamp, epoch = excluded.epoch,
        level_since = excluded.level_since, metrics_met = excluded.metrics_met`);
  }
}

/** The stored ranking rows of (level, at), every ladder key, by email (for tests and inspection). */
export async function listStoredRankingRows(
  db: Executor,
  level: string,
  at: string,
): Promise<(RankingRowInput & { ladderKey: string })[]> {
  const rows = await db
    .select()
    .from(rankingRows)
    .where(and(eq(rankingRows.level, level), eq(rankingRows.at, at)))
    .orderBy(asc(rankingRows.builderEmail), asc(rankingRows.ladderKey));
  return rows.map((row) => ({
    builder: row.builderEmail,
    ladderKey: row.ladderKey,
    stamp: Number(row.stamp),
    epoch: Number(row.epoch),
    levelSince: row.levelSince,
    metricsMet: row.metricsMet,
  }));
}

/** The ladder keys of the stored answers of (level, at) (for tests and inspection). */
export async function listStoredRankingAnswerKeys(
  db: Executor,
  level: string,
  at: string,
): Promise<string[]> {
  const rows = await db
    .select({ ladderKey: rankingAnswers.ladderKey })
    .from(rankingAnswers)
    .where(and(eq(rankingAnswers.level, level), eq(rankingAnswers.at, at)))
    .orderBy(asc(rankingAnswers.ladderKey));
  return rows.map((row) => row.ladderKey);
}

/**
 * Deletes stored ranking rows and answers no ranking will read soon: per level, every `at` except
 * `today` and the `keepOthers` other dates nearest to it (a ranking of another day is asked for again
 * around the same day, if at all). Returns the number of rows and answers deleted.
 */
export async function pruneRankingRows(db: Executor, today: string, keepOthers: number): Promise<number> {
  let deleted = 0;
  for (const table of [rankingRows, rankingAnswers]) {
    const result = await executeRows<{ one: number }>(
      db,
      sql`
      with days as (
        select level, at, row_number() over (
          partition by level order by (at = ${today}::date) desc, abs(at - ${today}::date), at desc
        ) as place
        from (select distinct level, at from ${table}) d
      )
      delete from ${table} r
      using days
      where days.level = r.level and days.at = r.at and days.place > ${keepOthers + 1}
      returning 1 as one`,
    );
    deleted += result.length;
  }
  return deleted;
}

/** What the ranking evaluation reads of one builder: their records as one JSON text, unparsed. */
export interface LevelRecordsJson {
  builder: string;
  /** `RecordTuple`s as JSON (see parseRankingRecords), in no particular order. */
  records: string;
}

/** A projected record as one JSON array (keys would repeat for every record). */
type RecordTuple = [string, string, string, string, string, string, string | null, string | null, unknown];

/** Parses one builder's records text into the records the evaluation reads. */
export function parseRankingRecords(text: string): EvidenceRecord[] {
  return (JSON.parse(text) as RecordTuple[]).map(
    ([id, kind, builder, date, recordedBy, recordedAt, confirmedBy, supersedes, fields]) =>
      toProjectedRecord({ id, kind, builder, date, recordedBy, recordedAt, confirmedBy, supersedes, fields }),
  );
}

/**
 * What the ranking of `level` on `at` reads for the members `only` (every member when null): the same
 * records as loadLevelEvidence (the reference's loader), but one row per builder carrying their records
 * as one JSON text, parsed later builder by builder, so neither the driver nor the evaluation decodes a
 * level's records in one go; and the mentorships they give that are active on `at`.
 */
export async function loadLevelRecordsJson(
  db: Executor,
  level: string,
  at: string,
  needs: RankingNeeds,
  only: readonly string[] | null,
): Promise<{ records: LevelRecordsJson[]; mentorships: Map<string, Mentorship[]> }> {
  const kinds = neededKinds(needs);
  if (only !== null && only.length === 0) return { records: [], mentorships: new Map() };
  const recordQuery = (async (): Promise<LevelRecordsJson[]> => {
    if (kinds.length === 0) return [];
    const members = levelSteps(db, level, at);
    const c = projectedColumns(needs.dropFields);
    const loaded = db
      .select({
        id: evidence.id,
        kind: evidence.kind,
        builder: evidence.builderEmail,
        date: evidence.date,
        recordedBy: evidence.recordedBy,
        recordedAt: sql<string>`${c.recordedAt}`.as('recorded_at_text'),
        confirmedBy: evidence.confirmedBy,
        supersedes: evidence.supersedes,
        fields: sql<unknown>`${c.fields}`.as('kept_fields'),
        reviewId: sql<string | null>`${evidence.fields}->>'review_id'`.as('cited_review_id'),
      })
      .from(evidence)
      .innerJoin(members, eq(members.email, evidence.builderEmail))
      .where(
        and(
          recordsRead(db, needs, kinds, at, members),
          only === null ? undefined : amongEmails(evidence.builderEmail, only),
        ),
      );
    // Kinds read only as cited reviews (at any date, not counted themselves): a review that none of
    // the builder's loaded citations names is never looked at by the evaluation, which sees only what
    // is loaded; half of a level's records are such reviews. Corrections are kept whatever they are.
    const citedOnly = needs.anyDateKinds.filter(
      (kind) =>
        !needs.windowKinds.includes(kind) &&
        !needs.mentorKinds.includes(kind) &&
        !needs.recentKinds.some((recent) => recent.kind === kind),
    );
    const keep =
      citedOnly.length === 0
        ? sql`true`
        : sql`l.kind <> all(${`{${citedOnly.join(',')}}`}::text[]) or l.supersedes is not null
            or (l.builder_email, l.id) in (
              select r.builder_email, r.cited_review_id from loaded r where r.kind = 'review_citation')`;
    return executeRows<LevelRecordsJson>(
      db,
      sql`
      with loaded as (${loaded})
      select l.builder_email as builder,
        json_agg(json_build_array(l.id, l.kind, l.builder_email, l.date, l.recorded_by, l.recorded_at_text,
          l.confirmed_by, l.supersedes, l.kept_fields))::text as records
      from loaded l
      where ${keep}
      group by l.builder_email`,
    );
  })();
  const mentorshipQuery = (async () => {
    if (!needs.mentorships) return [];
    const members = levelSteps(db, level, at);
    return db
      .select({ row: mentorships })
      .from(mentorships)
      .innerJoin(members, eq(members.email, mentorships.mentorEmail))
      .where(
        and(
          lte(mentorships.start, at),
          or(isNull(mentorships.end), gte(mentorships.end, at)),
          only === null ? undefined : amongEmails(mentorships.mentorEmail, only),
        ),
      );
  })();
  const [records, mentorshipRows] = await Promise.all([recordQuery, mentorshipQuery]);
  const given = new Map<string, Mentorship[]>();
  for (const { row } of mentorshipRows) {
    const list = given.get(row.mentorEmail) ?? [];
    list.push(toMentorship(row));
    given.set(row.mentorEmail, list);
  }
  return { records, mentorships: given };
}

/**
 * What every stored ranking row's currency depends on, in one cheap read: the latest stamp drawn for
 * any builder, the epoch and the latest published ladder version. While all three are unchanged, no
 * stored row has gone stale.
 */
export async function readEvaluationWatermark(db: Executor): Promise<string> {
  const rows = await executeRows<{ mark: string | null }>(
    db,
    sql`
    select concat_ws('/',
      (select max(${evaluationStamps.stamp}) from ${evaluationStamps}),
      (select ${evaluationEpoch.epoch} from ${evaluationEpoch} where ${evaluationEpoch.id} = 1),
      (select max(${ladderVersions.id}) from ${ladderVersions})) as mark`,
  );
  return rows[0]?.mark ?? '';
}
