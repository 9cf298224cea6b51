import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, lte, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { ContributionRow } from '../../core/evaluation/contributions.js';
import type { BuilderEvidence } from '../../core/evaluation/evaluation.types.js';
import type { ReadinessNeeds } from '../../core/evaluation/readiness-needs.js';
import type { LevelStep, Mentorship, Placement } from '../../core/roster/roster.types.js';
import { preparedStatementName, type Executor } from '../connection.js';
import { evidence } from '../schema/evidence.schema.js';
import {
  evaluationEpoch,
  evaluationStamps,
  evidenceCorrected,
  readinessAnswers,
} from '../schema/evaluation.schema.js';
import { ladderVersions } from '../schema/ladders.schema.js';
import { readinessContributionMarkers, readinessContributions } from '../schema/contributions.schema.js';
import { storeContributionsCtes, type ContributionBuild } from './contributions.repository.js';
import { builderLevels, builders, mentorships, placements } from '../schema/roster.schema.js';

/**
 * Loads what an evaluation reads, in few queries and few bytes:
 * - one builder (readiness): level history, then records, mentorships given, mentees' levels and
 *   placements together — five queries whatever the ledger's size;
 * - a whole level (ranking): see ranking.repository.ts, which shares the projection helpers below.
 * Records leave the kind fields the evaluation never reads on the server (core/evaluation/
 * evaluated-fields.ts): long texts never cross the wire. Records dated after `at` are not loaded, except
 * corrections: a chain of corrections is judged as a whole (core/evidence/supersede.ts), so a correction
 * dated later can still decide whether an earlier one in its chain stands.
 */

/** The builder's track and level history (each step in its own track), or undefined when there is no such builder. */
export async function findBuilderLevels(
  db: Executor,
  email: string,
): Promise<{ email: string; track: string; levels: LevelStep[] } | undefined> {
  const rows = await db
    .select({
      track: builders.track,
      level: builderLevels.level,
      since: builderLevels.since,
      stepTrack: builderLevels.track,
    })
    .from(builders)
    .leftJoin(builderLevels, eq(builderLevels.builderEmail, builders.email))
    .where(eq(builders.email, email))
    .orderBy(asc(builderLevels.since));
  const first = rows[0];
  if (first === undefined) return undefined;
  const levels: LevelStep[] = [];
  for (const row of rows) {
    if (row.level !== null && row.since !== null && row.stepTrack !== null)
      levels.push({ level: row.level, since: row.since, track: row.stepTrack });
  }
  return { email, track: first.track, levels };
}

/** A mentorships row as the roster type. */
export function toMentorship(row: typeof mentorships.$inferSelect): Mentorship {
  return { id: row.id, mentor: row.mentorEmail, mentee: row.menteeEmail, start: row.start, end: row.end };
}

function toPlacement(row: typeof placements.$inferSelect): Placement {
  return {
    id: row.id,
    builder: row.builderEmail,
    client: row.clientId,
    start: row.start,
    end: row.end,
    rate_minor: row.rateMinor,
    currency: row.currency,
    extended: row.extended,
    requested_back: row.requestedBack,
  };
}

/** On or before `at`, or a correction (any date: see the module comment). */
function visibleOn(at: string): SQL | undefined {
  return or(lte(evidence.date, at), isNotNull(evidence.supersedes));
}

/**
 * The columns of a projected record: the common fields (recorded_at as the ISO text the ledger gives)
 * and the kind fields minus `dropFields`, the ones the evaluation never reads. Removing keys from the
 * stored JSON costs the server little; building a new object per row would cost it more than it saves.
 */
export function projectedColumns(dropFields: readonly string[]) {
  const dropped = sql`array[${sql.join(
    dropFields.map((field) => sql`${field}`),
    sql`, `,
  )}]::text[]`;
  return {
    id: evidence.id,
    kind: evidence.kind,
    builder: evidence.builderEmail,
    date: evidence.date,
    recordedBy: evidence.recordedBy,
    recordedAt: sql<string>`to_char(${evidence.recordedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    confirmedBy: evidence.confirmedBy,
    supersedes: evidence.supersedes,
    fields: dropFields.length === 0 ? evidence.fields : sql<unknown>`${evidence.fields} - ${dropped}`,
  };
}

export interface ProjectedRow {
  id: string;
  kind: string;
  builder: string;
  date: string;
  recordedBy: string;
  recordedAt: string;
  confirmedBy: string | null;
  supersedes: string | null;
  fields: unknown;
}

/**
 * A projected row as a ledger record. Only the projected kind fields are present: the record is for
 * evaluation, never for display or export (those read the evidence repository).
 */
export function toProjectedRecord(row: ProjectedRow): EvidenceRecord {
  // pg returns jsonb parsed; PGlite too. A string would mean a driver that did not parse it.
  const record = (typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields) as Record<
    string,
    unknown
  >;
  // The parsed object is this row's own, so it becomes the record: setting the common fields on it
  // costs half of copying it (10 000 records: ~10 → ~5 ms). Common fields win over kind fields, as before.
  record.id = row.id;
  record.kind = row.kind;
  record.builder = row.builder;
  record.date = row.date;
  record.recorded_by = row.recordedBy;
  record.recorded_at = row.recordedAt;
  record.confirmed_by = row.confirmedBy;
  record.supersedes = row.supersedes;
  return record as unknown as EvidenceRecord;
}

/** A projected record as one JSON array, in `ProjectedRow` order (keys would repeat 10 000 times). */
type RecordTuple = [string, string, string, string, string, string, string | null, string | null, unknown];

/**
 * One builder's visible records as a single JSON text, in ledger order. One row crosses the wire instead
 * of one per record: for a builder's 10 000 records, sending and decoding rows one by one, not reading
 * them, was most of the time (PGlite: the query alone ~140 → ~45 ms; readiness p50 169 → 80 ms on
 * PGlite, 82 → 70 ms on PostgreSQL, measured side by side). The ranking keeps rows: a level's records
 * would make one huge text.
 */
function builderRecordsJson(db: Executor, email: string, at: string, dropFields: readonly string[]) {
  const c = projectedColumns(dropFields);
  return db
    .select({
      records: sql<
        string | null
      >`json_agg(json_build_array(${c.id}, ${c.kind}, ${c.builder}, ${c.date}, ${c.recordedBy}, ${c.recordedAt}, ${c.confirmedBy}, ${c.supersedes}, ${c.fields}) order by ${evidence.date}, ${evidence.seq})::text`,
    })
    .from(evidence)
    .where(and(eq(evidence.builderEmail, email), visibleOn(at)));
}

function fromRecordsJson(text: string | null | undefined): EvidenceRecord[] {
  // json_agg of no rows is null, not an empty array.
  if (text === null || text === undefined) return [];
  return (JSON.parse(text) as RecordTuple[]).map(
    ([id, kind, builder, date, recordedBy, recordedAt, confirmedBy, supersedes, fields]) =>
      toProjectedRecord({ id, kind, builder, date, recordedBy, recordedAt, confirmedBy, supersedes, fields }),
  );
}

/**
 * Everything readiness reads for one builder on `at`: their ledger records (without the kind fields
 * `dropFields`), the mentorships they give, their mentees' level histories and their placements.
 */
export async function loadBuilderEvidence(
  db: Executor,
  builder: { email: string; levels: readonly LevelStep[] },
  at: string,
  dropFields: readonly string[],
): Promise<BuilderEvidence> {
  const [recordRows, mentorshipRows, menteeLevelRows, placementRows] = await Promise.all([
    builderRecordsJson(db, builder.email, at, dropFields),
    db
      .select()
      .from(mentorships)
      .where(eq(mentorships.mentorEmail, builder.email))
      .orderBy(asc(mentorships.start)),
    db
      .select({
        email: builderLevels.builderEmail,
        level: builderLevels.level,
        since: builderLevels.since,
        track: builderLevels.track,
      })
      .from(builderLevels)
      .where(
        inArray(
          builderLevels.builderEmail,
          db
            .select({ mentee: mentorships.menteeEmail })
            .from(mentorships)
            .where(eq(mentorships.mentorEmail, builder.email)),
        ),
      )
      .orderBy(asc(builderLevels.builderEmail), asc(builderLevels.since)),
    db
      .select()
      .from(placements)
      .where(eq(placements.builderEmail, builder.email))
      .orderBy(asc(placements.start)),
  ]);
  const menteeLevels = new Map<string, LevelStep[]>();
  for (const row of menteeLevelRows) {
    const list = menteeLevels.get(row.email) ?? [];
    list.push({ level: row.level, since: row.since, track: row.track });
    menteeLevels.set(row.email, list);
  }
  return {
    email: builder.email,
    levels: builder.levels,
    records: fromRecordsJson(recordRows[0]?.records),
    mentorships: mentorshipRows.map(toMentorship),
    menteeLevels,
    placements: placementRows.map(toPlacement),
  };
}

/** The stamps that prove an evaluation current: the builder's (0: never written) and the epoch. */
export interface EvaluationKey {
  stamp: number;
  epoch: number;
}

const textArray = (values: readonly string[]): SQL =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

/** A published ladder version without its document. */
export interface LadderVersionHead {
  id: number;
  ladderId: string;
  version: string;
  contentHash: string;
}

/** What a readiness request reads first: the builder, the ladder heads and the answers stored for them. */
export interface ReadinessStart {
  builder: { email: string; track: string; levels: LevelStep[] };
  heads: LadderVersionHead[];
  /** Current stored answers for (builder, at) by ladder key: the JSON text as it was computed, unparsed. */
  answers: Map<string, string>;
}

/**
 * Everything a readiness request needs before it knows whether to evaluate, in one statement: the
 * builder's track and level history, every ladder version head, and the answers stored for (builder,
 * at) under ladder keys starting with `keyPrefix` whose stamp and epoch are the current ones — the key
 * check is in SQL, in the same snapshot as the read. Undefined when there is no such builder.
 */
export async function findReadinessStart(
  db: Executor,
  email: string,
  at: string,
  keyPrefix: string,
): Promise<ReadinessStart | undefined> {
  let prepared = preparedStarts.get(db);
  if (prepared === undefined) {
    prepared = prepareReadinessStart(db);
    preparedStarts.set(db, prepared);
  }
  const row = (await prepared.execute({ email, at, keyPrefix }))[0];
  if (row === undefined || row.track === null) return undefined;
  const levels = parseJsonArray<[string, string, string]>(row.levels).map(([level, since, track]) => ({
    level,
    since,
    track,
  }));
  const heads = parseJsonArray<[number, string, string, string]>(row.heads).map(
    ([id, ladderId, version, contentHash]) => ({ id, ladderId, version, contentHash }),
  );
  return { builder: { email, track: row.track, levels }, heads, answers: answersOf(row) };
}

// The stored texts arrive joined by line feeds, in the order of their keys: a text stored by
// `storeReadinessAnswer` is JSON.stringify's output, which never holds a raw line feed (JSON escapes
// control characters inside strings and adds no whitespace outside them). So the texts reach the
// caller as they were stored, without being parsed or unescaped (the warm path sends them as is).
function answersOf(row: { answerKeys: string | null; answerTexts: string | null }): Map<string, string> {
  const keys = parseJsonArray<string>(row.answerKeys);
  if (keys.length === 0 || row.answerTexts === null) return new Map();
  const texts = row.answerTexts.split('\n');
  if (texts.length !== keys.length) {
    throw new Error(
      `readiness_answers: ${keys.length} keys but ${texts.length} texts (a text holds a line feed)`,
    );
  }
  return new Map(keys.map((key, index) => [key, texts[index] ?? '']));
}

// The statement every readiness request runs, built once per handle and prepared (named) on the
// server: building drizzle SQL per request cost more server CPU than the statement's execution.
function prepareReadinessStart(db: Executor) {
  const email = sql.placeholder('email');
  const at = sql.placeholder('at');
  return db
    .select({
      track: sql<
        string | null
      >`(select ${builders.track} from ${builders} where ${builders.email} = ${email})`,
      levels: sql<
        string | null
      >`(select json_agg(json_build_array(${builderLevels.level}, ${builderLevels.since}, ${builderLevels.track}) order by ${builderLevels.since})::text
        from ${builderLevels} where ${builderLevels.builderEmail} = ${email})`,
      heads: sql<
        string | null
      >`(select json_agg(json_build_array(${ladderVersions.id}, ${ladderVersions.ladderId}, ${ladderVersions.version}, ${ladderVersions.contentHash})
        order by ${ladderVersions.ladderId}, ${ladderVersions.version})::text from ${ladderVersions})`,
      // Keys and texts from one scan of the current answers (the same rows, the same order).
      answerKeys: sql<string | null>`"current"."keys"`,
      answerTexts: sql<string | null>`"current"."texts"`,
    })
    .from(
      sql`(select json_agg(${readinessAnswers.ladderKey} order by ${readinessAnswers.ladderKey})::text as "keys",
          string_agg(${readinessAnswers.answer}::text, E'\n' order by ${readinessAnswers.ladderKey}) as "texts"
        from ${readinessAnswers}
        where ${readinessAnswers.builderEmail} = ${email} and ${readinessAnswers.at} = ${at}::date
          and starts_with(${readinessAnswers.ladderKey}, ${sql.placeholder('keyPrefix')})
          and ${readinessAnswers.stamp} = ${currentStampOf(email)}
          and ${readinessAnswers.epoch} = ${currentEpoch}) as "current"`,
    )
    .prepare(preparedStatementName('readiness_start'));
}

const preparedStarts = new WeakMap<Executor, ReturnType<typeof prepareReadinessStart>>();

// json_agg of no rows is null, not an empty array.
function parseJsonArray<T>(text: string | null | undefined): T[] {
  return text === null || text === undefined ? [] : (JSON.parse(text) as T[]);
}

/**
 * The contributed rules of the level (ADR 0017): their keys (`<code revision>/<rule hash>`) and the
 * evidence kinds their rows are selected from, read beside the other inputs in the same statement.
 */
export interface ContributionReads {
  ruleKeys: string[];
  kinds: string[];
  /** A contributed rule counts citations: a rebuild also looks up the builder's cited code reviews. */
  lookupCitedReviews: boolean;
}

/** A record for a rebuild of contributions: its ledger position and when a correction supersedes it. */
export interface RebuildRecord {
  record: EvidenceRecord;
  seq: number;
  supersededOn: string | null;
}

/**
 * The contributions part of the inputs. `fresh`: every rule key has a marker under the current key, and
 * `rows` holds, per rule key, its rows standing on `at` inside the window (ledger order). Otherwise
 * `rebuild` holds what rebuilding them reads: the builder's records of the rules' kinds at any date
 * (ledger order) and the code reviews their citations name.
 */
export type ContributionInputs =
  | { fresh: true; rows: Map<string, ContributionRow[]> }
  | { fresh: false; rebuild: { records: RebuildRecord[]; lookup: EvidenceRecord[] } };

/** Everything one builder's readiness reads besides the ladder and the assessment. */
export interface ReadinessInputs {
  records: EvidenceRecord[];
  lookupOnly: EvidenceRecord[];
  mentorships: Mentorship[];
  menteeLevels: Map<string, LevelStep[]>;
  placements: Placement[];
  key: EvaluationKey;
  /** Present when `ContributionReads` were asked (with at least one rule key). */
  contributions?: ContributionInputs;
}

/**
 * What one builder's readiness reads on `at`, in one statement: the records standing that day (dated on
 * or before it and not superseded by then: evidence_corrected, maintained by migration 0011) of the kinds
 * and dates `needs` names, in ledger order; the records looked up by id (cited reviews, self-evaluation
 * links, standing or not); the mentorships they give, their mentees' level histories and their
 * placements (ordered as `loadBuilderEvidence` orders them: ties keep the same order as the reference's);
 * and the builder's stamp and the epoch, read in the same snapshot as all of it, so an answer stored
 * under them can never be older than they say.
 */
export async function loadReadinessInputs(
  db: Executor,
  email: string,
  at: string,
  levelSince: string,
  needs: ReadinessNeeds,
  contributed?: ContributionReads,
): Promise<ReadinessInputs> {
  // What varies between levels (kinds, dropped fields, lookups, rule keys) shapes the statement; the
  // builder and the dates are its parameters. One prepared statement per shape and handle.
  const reads = contributed === undefined || contributed.ruleKeys.length === 0 ? undefined : contributed;
  const shape = JSON.stringify([
    needs.windowKinds,
    needs.anyDateKinds,
    needs.recentKinds.map((recent) => recent.kind),
    needs.dropFields,
    needs.lookupCitedReviews,
    needs.lookupSelfEvaluationLinks,
    ...(reads === undefined ? [] : [reads.ruleKeys, reads.kinds, reads.lookupCitedReviews]),
  ]);
  let byShape = preparedInputs.get(db);
  if (byShape === undefined) {
    byShape = new Map();
    preparedInputs.set(db, byShape);
  }
  let prepared = byShape.get(shape);
  if (prepared === undefined) {
    // Named by the shape, never by a counter: handles share connections (a transaction's is the
    // pool's), and a connection refuses one name for two texts.
    const name = `readiness_inputs_${createHash('sha256').update(shape).digest('hex').slice(0, 16)}`;
    prepared = prepareReadinessInputs(db, needs, name, reads);
    byShape.set(shape, prepared);
  }
  const values: Record<string, string> = { email, at, levelSince };
  needs.recentKinds.forEach((recent, index) => (values[`recent${index}`] = recent.from));
  const row = (await prepared.execute(values))[0];
  const menteeLevels = new Map<string, LevelStep[]>();
  for (const [mentee, level, since, track] of parseJsonArray<[string, string, string, string]>(
    row?.menteeLevels,
  )) {
    const list = menteeLevels.get(mentee) ?? [];
    list.push({ level, since, track });
    menteeLevels.set(mentee, list);
  }
  return {
    records: fromRecordsJson(row?.records),
    lookupOnly: fromRecordsJson(row?.lookup),
    mentorships: parseJsonArray<[string, string, string, string, string | null]>(row?.mentorships).map(
      ([id, mentor, mentee, start, end]) => ({ id, mentor, mentee, start, end }),
    ),
    menteeLevels,
    placements: parseJsonArray<
      [string, string, string, string, string | null, number, string, boolean, boolean]
    >(row?.placements).map(
      ([id, builder, client, start, end, rateMinor, currency, extended, requestedBack]) => ({
        id,
        builder,
        client,
        start,
        end,
        rate_minor: rateMinor,
        currency,
        extended,
        requested_back: requestedBack,
      }),
    ),
    key: { stamp: Number(row?.stamp ?? 0), epoch: Number(row?.epoch ?? 0) },
    ...(reads === undefined ? {} : { contributions: contributionInputsOf(reads, row) }),
  };
}

/** A contribution row as it crosses the wire: record, date, superseded_on, tag, flag, extra_date. */
type RowTuple = [string, string, string | null, string | null, boolean, string | null];

function contributionInputsOf(
  reads: ContributionReads,
  row: { fresh?: unknown; contributed?: unknown; rebuild?: unknown; rebuildLookup?: unknown } | undefined,
): ContributionInputs {
  if (Number(row?.fresh ?? 0) === reads.ruleKeys.length) {
    const perKey = parseJsonArray<RowTuple[] | null>(row?.contributed as string | null);
    const rows = new Map<string, ContributionRow[]>();
    reads.ruleKeys.forEach((ruleKey, index) =>
      rows.set(
        ruleKey,
        (perKey[index] ?? []).map(([record, date, supersededOn, tag, flag, extraDate]) => ({
          record,
          date,
          supersededOn,
          tag,
          flag,
          extraDate,
        })),
      ),
    );
    return { fresh: true, rows };
  }
  const records = parseJsonArray<[number | string, string | null, ...RecordTuple]>(
    row?.rebuild as string | null,
  ).map(
    ([
      seq,
      supersededOn,
      id,
      kind,
      builder,
      date,
      recordedBy,
      recordedAt,
      confirmedBy,
      supersedes,
      fields,
    ]) => ({
      seq: Number(seq),
      supersededOn,
      record: toProjectedRecord({
        id,
        kind,
        builder,
        date,
        recordedBy,
        recordedAt,
        confirmedBy,
        supersedes,
        fields,
      }),
    }),
  );
  return { fresh: false, rebuild: { records, lookup: fromRecordsJson(row?.rebuildLookup as string | null) } };
}

// The statement of one shape of `needs`, with the builder and the dates as placeholders.
function prepareReadinessInputs(
  db: Executor,
  needs: ReadinessNeeds,
  name: string,
  contributed: ContributionReads | undefined,
) {
  const email = sql.placeholder('email');
  const at = sql.placeholder('at');
  const levelSince = sql.placeholder('levelSince');
  const c = projectedColumns(needs.dropFields);
  const tuple = sql`json_build_array(${c.id}, ${c.kind}, ${c.builder}, ${c.date}, ${c.recordedBy}, ${c.recordedAt}, ${c.confirmedBy}, ${c.supersedes}, ${c.fields})`;
  const reads = [
    needs.windowKinds.length === 0
      ? undefined
      : sql`(${evidence.kind} = any(${textArray(needs.windowKinds)}) and ${evidence.date} >= ${levelSince}::date)`,
    needs.anyDateKinds.length === 0
      ? undefined
      : sql`${evidence.kind} = any(${textArray(needs.anyDateKinds)})`,
    ...needs.recentKinds.map(
      (recent, index) =>
        sql`(${evidence.kind} = ${recent.kind} and ${evidence.date} >= ${sql.placeholder(`recent${index}`)}::date)`,
    ),
  ].filter((clause): clause is SQL => clause !== undefined);
  const refs = [
    needs.lookupCitedReviews
      ? sql`select "fields"->>'review_id' as "ref_id" from "standing" where "kind" = 'review_citation'`
      : undefined,
    needs.lookupSelfEvaluationLinks
      ? sql`select jsonb_array_elements_text(coalesce("fields"->'evidence_ids', '[]'::jsonb)) as "ref_id" from "standing" where "kind" = 'self_evaluation'`
      : undefined,
  ].filter((clause): clause is SQL => clause !== undefined);
  const standingSql =
    reads.length === 0
      ? sql`select null::bigint as "seq", null::date as "date", null::text as "kind", null::jsonb as "fields", null::json as "tuple" where false`
      : sql`select ${evidence.seq} as "seq", ${evidence.date} as "date", ${evidence.kind} as "kind", ${evidence.fields} as "fields", ${tuple} as "tuple"
          from ${evidence}
          where ${evidence.builderEmail} = ${email} and ${evidence.date} <= ${at}::date
            and (${sql.join(reads, sql` or `)})
            and not exists (select 1 from ${evidenceCorrected}
              where ${evidenceCorrected.recordId} = ${evidence.id} and ${evidenceCorrected.supersededOn} <= ${at}::date)`;
  const lookup =
    refs.length === 0
      ? sql<string | null>`null::text`
      : sql<string | null>`(select json_agg(${tuple})::text from ${evidence}
          where ${evidence.builderEmail} = ${email} and ${evidence.date} <= ${at}::date
            and ${evidence.id} in (${sql.join(refs, sql` union `)}))`;
  const standing = db.$with('standing', { seq: sql<number>`"seq"` }).as(standingSql);
  const contributions =
    contributed === undefined
      ? undefined
      : contributionColumns(db, email, at, levelSince, needs, contributed);
  const ctes = contributions === undefined ? [standing] : [standing, contributions.rebuild];
  return db
    .with(...ctes)
    .select({
      ...(contributions?.columns ?? {}),
      records: sql<string | null>`(select json_agg("tuple" order by "date", "seq")::text from "standing")`,
      lookup,
      mentorships: sql<
        string | null
      >`(select json_agg(json_build_array(${mentorships.id}, ${mentorships.mentorEmail}, ${mentorships.menteeEmail}, ${mentorships.start}, ${mentorships.end})
        order by ${mentorships.start})::text
        from ${mentorships} where ${mentorships.mentorEmail} = ${email})`,
      menteeLevels: sql<
        string | null
      >`(select json_agg(json_build_array(${builderLevels.builderEmail}, ${builderLevels.level}, ${builderLevels.since}, ${builderLevels.track})
        order by ${builderLevels.builderEmail}, ${builderLevels.since})::text
        from ${builderLevels} where ${builderLevels.builderEmail} in
          (select ${mentorships.menteeEmail} from ${mentorships} where ${mentorships.mentorEmail} = ${email}))`,
      placements: sql<
        string | null
      >`(select json_agg(json_build_array(${placements.id}, ${placements.builderEmail}, ${placements.clientId}, ${placements.start}, ${placements.end},
          ${placements.rateMinor}, ${placements.currency}, ${placements.extended}, ${placements.requestedBack})
        order by ${placements.start})::text
        from ${placements} where ${placements.builderEmail} = ${email})`,
      // bigint comes back as text on node-postgres.
      stamp: sql<
        string | number | null
      >`(select ${evaluationStamps.stamp} from ${evaluationStamps} where ${evaluationStamps.builderEmail} = ${email})`,
      epoch: sql<
        string | number | null
      >`(select ${evaluationEpoch.epoch} from ${evaluationEpoch} where ${evaluationEpoch.id} = 1)`,
    })
    .from(sql`(select 1) as "one"`)
    .prepare(preparedStatementName(name));
}

const preparedInputs = new WeakMap<Executor, Map<string, ReturnType<typeof prepareReadinessInputs>>>();

// The contributions part of the inputs statement (ADR 0017), all in the snapshot of the key read beside:
// how many of the rule keys are built under the current key; per rule key the rows of its marker's build
// standing on `at` inside the window; and — only when some key is not current (a one-time filter: nothing is scanned
// otherwise) — the records a rebuild selects from and the code reviews their citations name.
function contributionColumns(
  db: Executor,
  email: Placeholder,
  at: Placeholder,
  levelSince: Placeholder,
  needs: ReadinessNeeds,
  reads: ContributionReads,
) {
  const m = readinessContributionMarkers;
  const c = readinessContributions;
  const keys = textArray(reads.ruleKeys);
  const fresh = sql`(select count(*) from ${m} where ${m.builderEmail} = ${email} and ${m.ruleKey} = any(${keys})
    and ${m.stamp} = ${currentStampOf(email)} and ${m.epoch} = ${currentEpoch})`;
  const perKey = reads.ruleKeys.map(
    (
      ruleKey,
    ) => sql`(select json_agg(json_build_array(${c.recordId}, ${c.date}, ${c.supersededOn}, ${c.tag}, ${c.flag}, ${c.extraDate})
      order by ${c.date}, ${c.seq}) from ${c}
      where ${c.builderEmail} = ${email} and ${c.ruleKey} = ${ruleKey}
        and (${c.stamp}, ${c.epoch}) = (select ${m.buildStamp}, ${m.buildEpoch} from ${m}
          where ${m.builderEmail} = ${email} and ${m.ruleKey} = ${ruleKey})
        and ${c.date} >= ${levelSince}::date and ${c.date} <= ${at}::date
        and (${c.supersededOn} is null or ${c.supersededOn} > ${at}::date))`,
  );
  const p = projectedColumns(needs.dropFields);
  const rebuildSql = sql`select ${evidence.id} as "id", ${evidence.kind} as "kind", ${evidence.fields} as "fields",
      json_build_array(${evidence.seq}, ${evidenceCorrected.supersededOn},
        ${p.id}, ${p.kind}, ${p.builder}, ${p.date}, ${p.recordedBy}, ${p.recordedAt}, ${p.confirmedBy}, ${p.supersedes}, ${p.fields}) as "tuple",
      ${evidence.date} as "date", ${evidence.seq} as "seq"
    from ${evidence} left join ${evidenceCorrected} on ${evidenceCorrected.recordId} = ${evidence.id}
    where ${fresh} < ${reads.ruleKeys.length} and ${evidence.builderEmail} = ${email}
      and ${evidence.kind} = any(${textArray(reads.kinds)})`;
  const rebuild = db.$with('rebuild', { seq: sql<number>`"seq"` }).as(rebuildSql);
  const tuple = sql`json_build_array(${p.id}, ${p.kind}, ${p.builder}, ${p.date}, ${p.recordedBy}, ${p.recordedAt}, ${p.confirmedBy}, ${p.supersedes}, ${p.fields})`;
  return {
    rebuild,
    columns: {
      fresh: sql<string | number>`${fresh}`,
      contributed: sql<string | null>`json_build_array(${sql.join(perKey, sql`, `)})::text`,
      rebuild: sql<string | null>`(select json_agg("tuple" order by "date", "seq")::text from "rebuild")`,
      rebuildLookup: reads.lookupCitedReviews
        ? sql<string | null>`(select json_agg(${tuple})::text from ${evidence}
            where ${evidence.builderEmail} = ${email} and ${evidence.kind} = 'code_review'
              and ${evidence.id} in (select "fields"->>'review_id' from "rebuild" where "kind" = 'review_citation'))`
        : sql<string | null>`null::text`,
    },
  };
}

/** The current evaluation stamp of each of `emails` (0: never written) and the epoch, in one query. */
export async function currentStamps(
  db: Executor,
  emails: readonly string[],
): Promise<{ stamps: Map<string, number>; epoch: number }> {
  const [stampRows, epochRows] = await Promise.all([
    emails.length === 0
      ? Promise.resolve([])
      : db
          .select({ email: evaluationStamps.builderEmail, stamp: evaluationStamps.stamp })
          .from(evaluationStamps)
          .where(inArray(evaluationStamps.builderEmail, [...emails])),
    db.select({ epoch: evaluationEpoch.epoch }).from(evaluationEpoch).where(eq(evaluationEpoch.id, 1)),
  ]);
  const stamps = new Map(emails.map((email) => [email, 0]));
  for (const row of stampRows) stamps.set(row.email, Number(row.stamp));
  return { stamps, epoch: Number(epochRows[0]?.epoch ?? 0) };
}

// The current key of one builder, as SQL: a stored answer is read or written only under it.
const currentStampOf = (email: string | Placeholder | SQL): SQL =>
  sql`coalesce((select ${evaluationStamps.stamp} from ${evaluationStamps} where ${evaluationStamps.builderEmail} = ${email}), 0)`;
const currentEpoch = sql`(select ${evaluationEpoch.epoch} from ${evaluationEpoch} where ${evaluationEpoch.id} = 1)`;

/**
 * Stores an answer computed from reads that began under `key`, only if `key` is still current now: the
 * reads came after the key's snapshot, so if nothing the answer reads changed since, the answer is
 * exactly the one under `key`; if something changed, the stamp or epoch moved and nothing is stored.
 * In the same statement, the builder's answers under keys that are no longer current (they can never be
 * read again) are removed; the row being written is left to the insert, so no row is touched twice.
 * `contributions` rebuilt from the same reads are stored by the same rule (contributions.repository.ts).
 */
export async function storeReadinessAnswer(
  db: Executor,
  email: string,
  at: string,
  ladderKey: string,
  key: EvaluationKey,
  answerJson: string,
  contributions: readonly ContributionBuild[] = [],
): Promise<void> {
  // Contributions rebuilt for this answer go in the same statement, under the same guard (ADR 0017).
  // Every stored key starts with the code revision, as the ladder key does: `<revision>/…`.
  if (contributions.length > 0) {
    const keyPrefix = `${ladderKey.slice(0, ladderKey.indexOf('/'))}/`;
    await db.execute(
      answerStoreSql(
        { email, at, ladderKey, stamp: key.stamp, epoch: key.epoch, answer: answerJson },
        sql`${storeContributionsCtes(email, key, contributions, keyPrefix)},`,
      ),
    );
    return;
  }
  // Without rebuilt contributions (their rows current, or a level without contributed rules) the
  // statement has one shape: built once per handle and prepared (named), like the reads before it, so
  // neither drizzle's SQL building nor the server's parse and plan runs per request.
  let prepared = preparedStores.get(db);
  if (prepared === undefined) {
    const query = pgDialect.sqlToQuery(answerStoreSql(answerStorePlaceholders, sql``));
    prepared = db._.session.prepareQuery(
      query,
      undefined,
      preparedStatementName('readiness_answer_store'),
      false,
    );
    preparedStores.set(db, prepared);
  }
  await prepared.execute({ email, at, ladderKey, stamp: key.stamp, epoch: key.epoch, answer: answerJson });
}

type AnswerStoreValues<T> = Record<'email' | 'at' | 'ladderKey' | 'answer', T | string> &
  Record<'stamp' | 'epoch', T | number>;

const answerStorePlaceholders: AnswerStoreValues<Placeholder> = {
  email: sql.placeholder('email'),
  at: sql.placeholder('at'),
  ladderKey: sql.placeholder('ladderKey'),
  stamp: sql.placeholder('stamp'),
  epoch: sql.placeholder('epoch'),
  answer: sql.placeholder('answer'),
};

// The answer's insert under the key guard and the removal of the builder's answers under keys no
// longer current, after `built` (the rebuilt contributions' CTEs, or nothing); values or placeholders.
function answerStoreSql(v: AnswerStoreValues<Placeholder>, built: SQL): SQL {
  return sql`with "now_key" as (select ${currentStampOf(v.email)} as "stamp", ${currentEpoch} as "epoch"),
    ${built}
    "stored" as (insert into ${readinessAnswers} (builder_email, at, ladder_key, stamp, epoch, answer)
      select ${v.email}, ${v.at}::date, ${v.ladderKey}, ${v.stamp}::bigint, ${v.epoch}::bigint, ${v.answer}::json
      from "now_key" where "now_key"."stamp" = ${v.stamp}::bigint and "now_key"."epoch" = ${v.epoch}::bigint
      on conflict (builder_email, at, ladder_key) do update
        set stamp = excluded.stamp, epoch = excluded.epoch, answer = excluded.answer)
    delete from ${readinessAnswers} using "now_key"
      where ${readinessAnswers.builderEmail} = ${v.email}
        and (${readinessAnswers.stamp} <> "now_key"."stamp" or ${readinessAnswers.epoch} <> "now_key"."epoch")
        and not (${readinessAnswers.at} = ${v.at}::date and ${readinessAnswers.ladderKey} = ${v.ladderKey})`;
}

const pgDialect = new PgDialect();
const preparedStores = new WeakMap<Executor, PgPreparedQuery<PreparedQueryConfig>>();

/** The distinct tracks of the roster's builders (what picks the ladder an answer is keyed under). */
export async function listBuilderTracks(db: Executor): Promise<string[]> {
  const rows = await db.selectDistinct({ track: builders.track }).from(builders).orderBy(asc(builders.track));
  return rows.map((row) => row.track);
}

/**
 * The builders of `track` with no readiness answer on `at` stored under `ladderKey` and their current
 * stamp and epoch (ADR 0024: what the refresher computes before anyone asks), in email order; one
 * statement, an anti-join on the answers' primary key.
 */
export async function listBuildersWithoutAnswer(
  db: Executor,
  track: string,
  at: string,
  ladderKey: string,
): Promise<string[]> {
  const rows = await db
    .select({ email: builders.email })
    .from(builders)
    .where(
      and(
        eq(builders.track, track),
        sql`not exists (select 1 from ${readinessAnswers}
          where ${readinessAnswers.builderEmail} = ${builders.email} and ${readinessAnswers.at} = ${at}::date
            and ${readinessAnswers.ladderKey} = ${ladderKey}
            and ${readinessAnswers.stamp} = ${currentStampOf(sql`${builders.email}`)}
            and ${readinessAnswers.epoch} = ${currentEpoch})`,
      ),
    )
    .orderBy(asc(builders.email));
  return rows.map((row) => row.email);
}

/** Every published ladder version without its document: id, ladder, effective date, content hash. */
export async function listLadderVersionHeads(db: Executor): Promise<LadderVersionHead[]> {
  return db
    .select({
      id: ladderVersions.id,
      ladderId: ladderVersions.ladderId,
      version: ladderVersions.version,
      contentHash: ladderVersions.contentHash,
    })
    .from(ladderVersions)
    .orderBy(asc(ladderVersions.ladderId), asc(ladderVersions.version));
}

/** The stored (validated) document of one published version. */
export async function findLadderDocument(db: Executor, id: number): Promise<unknown> {
  const rows = await db
    .select({ document: ladderVersions.document })
    .from(ladderVersions)
    .where(eq(ladderVersions.id, id))
    .limit(1);
  return rows[0]?.document;
}
