import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, timestamp } from 'drizzle-orm/pg-core';

/**
 * Present (one row) exactly when this database holds the invented demo organisation: written in the
 * same transaction as the demo load. The web app shows a banner on it, a real organisation's import is
 * refused into it, and the published demo accounts are only ever created in it.
 */
export const demoDatabase = pgTable(
  'demo_database',
  {
    // Always true: the primary key makes a second row impossible.
    id: boolean('id').primaryKey().default(true),
    loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [check('demo_database_one_row_ck', sql`${table.id}`)],
);
