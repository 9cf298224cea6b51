import { bigserial, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { builders, people } from './roster.schema.js';

/**
 * The evidence ledger (issue 4): append-only, one table for every kind. Common fields are columns; the
 * kind's own fields (snake_case, as in evidence.ndjson) live in `fields`. Repositories only ever insert:
 * a correction is a new row whose `supersedes` names the row it corrects, effective from its own `date`.
 * `seq` keeps the order records entered the ledger, for stable listings.
 */
export const evidence = pgTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    builderEmail: text('builder_email')
      .notNull()
      .references(() => builders.email),
    date: date('date', { mode: 'string' }).notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => people.email),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    confirmedBy: text('confirmed_by').references(() => people.email),
    // Checked by the service (same kind, same builder, not yet superseded); no FK so a whole file can be
    // inserted in any order inside one transaction.
    supersedes: text('supersedes'),
    fields: jsonb('fields').notNull(),
  },
  (table) => [
    index('evidence_builder_date_idx').on(table.builderEmail, table.date),
    index('evidence_kind_idx').on(table.kind, table.date),
    // A record is corrected at most once: corrections form a chain, never a fork.
    uniqueIndex('evidence_supersedes_uq').on(table.supersedes),
  ],
);
