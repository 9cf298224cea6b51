import { sql } from 'drizzle-orm';
import type { Executor } from '../connection.js';

/**
 * The roster and ledger tables a bulk import fills. After a large write their planner statistics are
 * stale or missing: PGlite runs no autovacuum at all, and a PostgreSQL server's autovacuum comes by
 * only later. Without statistics the planner takes a level's members or a builder's records for a few
 * rows and picks nested loops that make a ranking of 1 000 builders take minutes instead of seconds
 * (measured in bench/; see docs/benchmarks.md).
 */
const IMPORTED_TABLES = [
  'people',
  'builders',
  'builder_levels',
  'builder_rates',
  'clients',
  'placements',
  'mentorships',
  'evidence',
] as const;

/** Refreshes the planner statistics of the imported tables (ANALYZE samples; it does not scan everything). */
export async function refreshImportedTableStatistics(db: Executor): Promise<void> {
  await db.execute(sql.raw(`analyze ${IMPORTED_TABLES.map((table) => `"${table}"`).join(', ')}`));
}
