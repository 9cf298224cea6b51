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
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EvidenceKindName, EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { BuilderEvidence } from '../../core/evaluation/evaluation.types.js';
import type { RankingNeeds } from '../../core/evaluation/ranking.js';
import type { LevelStep, Mentorship, Placement } from '../../core/roster/roster.types.js';
import type { Executor } from '../connection.js';
import { evidence } from '../schema/evidence.schema.js';
import { ladderVersions } from '../schema/ladders.schema.js';
import { builderLevels, builders, mentorships, placements } from '../schema/roster.schema.js';

/**
 * Loads what an evaluation reads, in few queries and few bytes:
 * - one builder (readiness): level history, then records, mentorships given, mentees' levels and
 *   placements together — five queries whatever the ledger's size;
 * - a whole level (ranking): members, their records and their active mentorships — three queries
 *   whatever the level's size, with no list of emails sent to the server.
 * Records leave the kind fields the evaluation never reads on the server (core/evaluation/
 * evaluated-fields.ts): long texts never cross the wire. Records dated after `at` are not loaded, except
 * corrections: a chain of corrections is judged as a whole (core/evidence/supersede.ts), so a correction
 * dated later can still decide whether an earlier one in its chain stands.
 */

/** The builder's track and level history, or undefined when there is no such builder. */
export async function findBuilderLevels(
  db: Executor,
  email: string,
): Promise<{ email: string; track: string; levels: LevelStep[] } | undefined> {
  const rows = await db
    .select({ track: builders.track, level: builderLevels.level, since: builderLevels.since })
    .from(builders)
    .leftJoin(builderLevels, eq(builderLevels.builderEmail, builders.email))
    .where(eq(builders.email, email))
    .orderBy(asc(builderLevels.since));
  const first = rows[0];
  if (first === undefined) return undefined;
  const levels: LevelStep[] = [];
  for (const row of rows) {
    if (row.level !== null && row.since !== null) levels.push({ level: row.level, since: row.since });
  }
  return { email, track: first.track, levels };
}

function toMentorship(row: typeof mentorships.$inferSelect): Mentorship {
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
function projectedColumns(dropFields: readonly string[]) {
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

interface ProjectedRow {
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
function toProjectedRecord(row: ProjectedRow): EvidenceRecord {
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
      .select({ email: builderLevels.builderEmail, level: builderLevels.level, since: builderLevels.since })
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
    list.push({ level: row.level, since: row.since });
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

/** A builder's level step on `at`, as the ranking needs it. */
export interface LevelMember {
  email: string;
  level: string;
  since: string;
}

const laterStep = alias(builderLevels, 'later_step');

/**
 * The level step in force on `at` of every builder whose level that day is `level`: a step of that level
 * dated on or before `at` with no later step on or before `at`. Written as NOT EXISTS (not DISTINCT ON)
 * so the planner estimates the level's size from its statistics and picks a hash join for big levels.
 */
function levelSteps(db: Executor, level: string, at: string) {
  return db
    .select({
      email: sql<string>`${builderLevels.builderEmail}`.as('member_email'),
      level: sql<string>`${builderLevels.level}`.as('member_level'),
      since: sql<string>`${builderLevels.since}`.as('member_since'),
    })
    .from(builderLevels)
    .where(
      and(
        eq(builderLevels.level, level),
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
    )
    .as('members');
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
  const kinds = [
    ...new Set<EvidenceKindName>([
      ...needs.windowKinds,
      ...needs.anyDateKinds,
      ...needs.recentKinds.map((recent) => recent.kind),
      ...needs.mentorKinds,
    ]),
  ];

  const recordQuery = (async () => {
    if (kinds.length === 0) return [];
    const members = levelSteps(db, level, at);
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
    return db
      .select(projectedColumns(needs.dropFields))
      .from(evidence)
      .innerJoin(members, eq(members.email, evidence.builderEmail))
      .where(
        and(
          inArray(evidence.kind, kinds),
          or(isNotNull(evidence.supersedes), and(lte(evidence.date, at), read)),
        ),
      );
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

/** Every published ladder version without its document: id, ladder, effective date, content hash. */
export async function listLadderVersionHeads(
  db: Executor,
): Promise<{ id: number; ladderId: string; version: string; contentHash: string }[]> {
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
