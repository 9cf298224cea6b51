import { and, asc, eq, exists, gt, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EvidenceKindName, EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { BuilderEvidence } from '../../core/evaluation/evaluation.types.js';
import type { RankingNeeds } from '../../core/evaluation/ranking.js';
import type { Mentorship } from '../../core/roster/roster.types.js';
import type { Executor } from '../connection.js';
import { evidence } from '../schema/evidence.schema.js';
import { builderLevels, mentorships } from '../schema/roster.schema.js';
import { projectedColumns, toMentorship, toProjectedRecord } from './evaluation.repository.js';

/**
 * Loads what a level's ranking reads, for every member at once: members, their records and their active
 * mentorships — three queries whatever the level's size, with no list of emails sent to the server.
 */

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
