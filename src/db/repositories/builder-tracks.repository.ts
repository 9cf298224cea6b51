import { count } from 'drizzle-orm';
import type { Executor } from '../connection.js';
import { builders } from '../schema/roster.schema.js';

/** How many builders are on each track (tracks without builders are absent). */
export async function countBuildersByTrack(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select({ track: builders.track, n: count() }).from(builders).groupBy(builders.track);
  return new Map(rows.map((row) => [row.track, Number(row.n)]));
}
