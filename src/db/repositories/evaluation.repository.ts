import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { EvidenceKindName, EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { BuilderEvidence } from '../../core/evaluation/evaluation.types.js';
import type { RankingNeeds } from '../../core/evaluation/ranking.js';
import type { LevelStep, Mentorship, Placement } from '../../core/roster/roster.types.js';
import type { Executor } from '../connection.js';
import { evidence } from '../schema/evidence.schema.js';
import { builderLevels, builders, mentorships, placements } from '../schema/roster.schema.js';
import { toEvidenceRecord } from './evidence.repository.js';

/**
 * Loads what an evaluation reads: one builder's context for readiness (five small queries, run
 * together), and a whole level at once for the ranking (three queries whatever the level's size).
 * Records dated after `at` are never loaded, except corrections: a chain of corrections is judged as a
 * whole (core/evidence/supersede.ts), so a correction dated later can still matter for the chain.
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
  for (const row of rows)
    if (row.level !== null && row.since !== null) levels.push({ level: row.level, since: row.since });
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
 * Everything readiness reads for one builder on `at`: their ledger records, the mentorships they give,
 * their mentees' level histories and their placements. `levels` comes from findBuilderLevels.
 */
export async function loadBuilderEvidence(
  db: Executor,
  builder: { email: string; levels: readonly LevelStep[] },
  at: string,
): Promise<BuilderEvidence> {
  const [recordRows, mentorshipRows, menteeLevelRows, placementRows] = await Promise.all([
    db
      .select()
      .from(evidence)
      .where(and(eq(evidence.builderEmail, builder.email), visibleOn(at)))
      .orderBy(asc(evidence.date), asc(evidence.seq)),
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
    records: recordRows.map(toEvidenceRecord),
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

/**
 * The level step in force on `at` of every builder whose level that day is `level`, as a subquery:
 * DISTINCT ON picks each builder's latest step dated on or before `at`, then the level filters.
 */
function levelSteps(db: Executor, level: string, at: string) {
  const steps = db
    .selectDistinctOn([builderLevels.builderEmail], {
      email: sql<string>`${builderLevels.builderEmail}`.as('member_email'),
      level: sql<string>`${builderLevels.level}`.as('member_level'),
      since: sql<string>`${builderLevels.since}`.as('member_since'),
    })
    .from(builderLevels)
    .where(lte(builderLevels.since, at))
    .orderBy(builderLevels.builderEmail, sql`${builderLevels.since} desc`)
    .as('steps');
  return db
    .select({ email: steps.email, level: steps.level, since: steps.since })
    .from(steps)
    .where(eq(steps.level, level))
    .as('members');
}

/** The builders whose level on `at` is `level`, with the day that level began, by email. */
export async function listLevelMembers(db: Executor, level: string, at: string): Promise<LevelMember[]> {
  const members = levelSteps(db, level, at);
  return db.select().from(members).orderBy(asc(members.email));
}

/**
 * Everything the ranking of one level reads, for every member at once: the members, their records of
 * the needed kinds (window kinds from each member's own level start) and the mentorships they give that
 * are active on `at`. Three queries whatever the level's size; no list of emails goes over the wire.
 */
export async function loadLevelEvidence(
  db: Executor,
  level: string,
  at: string,
  needs: RankingNeeds,
): Promise<{ members: LevelMember[]; evidence: Map<string, BuilderEvidence> }> {
  const windowKinds = needs.windowKinds;
  const anyDateKinds = needs.anyDateKinds;
  const kinds = [...new Set([...windowKinds, ...anyDateKinds])];

  const membersQuery = listLevelMembers(db, level, at);
  const recordQuery = (async () => {
    if (kinds.length === 0) return [];
    const members = levelSteps(db, level, at);
    return db
      .select({ row: evidence })
      .from(evidence)
      .innerJoin(members, eq(members.email, evidence.builderEmail))
      .where(
        and(
          inArray(evidence.kind, kinds),
          or(
            isNotNull(evidence.supersedes),
            and(
              lte(evidence.date, at),
              anyDateKinds.length === 0
                ? gte(evidence.date, members.since)
                : or(inArray(evidence.kind, anyDateKinds), gte(evidence.date, members.since)),
            ),
          ),
        ),
      )
      .orderBy(asc(evidence.builderEmail), asc(evidence.date), asc(evidence.seq));
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
    membersQuery,
    recordQuery,
    mentorshipQuery,
  ]);

  const out = new Map<string, BuilderEvidence>();
  const records = new Map<string, EvidenceRecord[]>();
  const given = new Map<string, Mentorship[]>();
  for (const { row } of recordRows) {
    const list = records.get(row.builderEmail) ?? [];
    list.push(toEvidenceRecord(row));
    records.set(row.builderEmail, list);
  }
  for (const { row } of mentorshipRows) {
    const list = given.get(row.mentorEmail) ?? [];
    list.push(toMentorship(row));
    given.set(row.mentorEmail, list);
  }
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
