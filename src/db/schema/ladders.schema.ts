import { bigserial, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every published version of every ladder. A row is only written after the file validated; the version
 * in force on a day is the one with the latest effective date on or before it, so history is never
 * rewritten and an evaluation can name the exact version it used (by `id`).
 */
export const ladderVersions = pgTable(
  'ladder_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ladderId: text('ladder_id').notNull(),
    version: date('version', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
    /** The validated document as JSON, what the software evaluates. */
    document: jsonb('document').notNull(),
    /** The YAML exactly as published, so the page and diffs can be reproduced from the source. */
    source: text('source').notNull(),
    contentHash: text('content_hash').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    publishedBy: text('published_by').notNull(),
  },
  (table) => [
    uniqueIndex('ladder_versions_ladder_version_uq').on(table.ladderId, table.version),
    index('ladder_versions_ladder_idx').on(table.ladderId),
  ],
);
