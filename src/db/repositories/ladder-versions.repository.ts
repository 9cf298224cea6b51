import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../connection.js';
import { ladderVersions } from '../schema/ladders.schema.js';

export type LadderVersionRow = typeof ladderVersions.$inferSelect;
export type NewLadderVersion = Omit<typeof ladderVersions.$inferInsert, 'id'>;

/** Every version of one ladder, oldest first. */
export async function listLadderVersions(db: Executor, ladderId: string): Promise<LadderVersionRow[]> {
  return db
    .select()
    .from(ladderVersions)
    .where(eq(ladderVersions.ladderId, ladderId))
    .orderBy(asc(ladderVersions.version));
}

/** Every version of every ladder, by ladder then version. */
export async function listAllLadderVersions(db: Executor): Promise<LadderVersionRow[]> {
  return db.select().from(ladderVersions).orderBy(asc(ladderVersions.ladderId), asc(ladderVersions.version));
}

/** The version with the latest effective date on or before `onOrBefore`, or undefined. */
export async function findLadderVersionInForce(
  db: Executor,
  ladderId: string,
  onOrBefore: string,
): Promise<LadderVersionRow | undefined> {
  const rows = await db
    .select()
    .from(ladderVersions)
    .where(and(eq(ladderVersions.ladderId, ladderId), lte(ladderVersions.version, onOrBefore)))
    .orderBy(desc(ladderVersions.version))
    .limit(1);
  return rows[0];
}

/** The version with the latest effective date, or undefined when the ladder has none. */
export async function findLatestLadderVersion(
  db: Executor,
  ladderId: string,
): Promise<LadderVersionRow | undefined> {
  const rows = await db
    .select()
    .from(ladderVersions)
    .where(eq(ladderVersions.ladderId, ladderId))
    .orderBy(desc(ladderVersions.version))
    .limit(1);
  return rows[0];
}

/** One version by its database id. */
export async function findLadderVersionById(db: Executor, id: number): Promise<LadderVersionRow | undefined> {
  const rows = await db.select().from(ladderVersions).where(eq(ladderVersions.id, id)).limit(1);
  return rows[0];
}

/** True when no ladder has been published yet. */
export async function hasNoLadders(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: ladderVersions.id }).from(ladderVersions).limit(1);
  return rows.length === 0;
}

/**
 * Inserts a published version; undefined when that (ladder, version) already exists, e.g. a concurrent
 * publication won the race. The service records its audit entry in the same transaction.
 */
export async function insertLadderVersion(
  db: Executor,
  row: NewLadderVersion,
): Promise<LadderVersionRow | undefined> {
  const [inserted] = await db.insert(ladderVersions).values(row).onConflictDoNothing().returning();
  return inserted;
}
