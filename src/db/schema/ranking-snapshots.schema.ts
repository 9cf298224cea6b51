import { sql } from 'drizzle-orm';
import { bigint, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * A level's whole ranking on one day, stored as the JSON text the ranking route sends (issue 15,
 * package B): the board reads today's ranking on every visit, and sending stored text costs neither an
 * evaluation nor a serialisation of 10 000 entries on the serving thread. It is answered only while its
 * key still proves it current: the epoch, and a fingerprint of every member's (email, level start,
 * evaluation stamp) computed in the same snapshot as the rows the answer was built from (ADR 0016).
 * Migration 0013 makes the table UNLOGGED: it is a cache whose key proves it, so losing it in a crash
 * only makes the next ranking cold.
 */
export const rankingAnswers = pgTable(
  'ranking_answers',
  {
    level: text('level').notNull(),
    at: date('at', { mode: 'string' }).notNull(),
    ladderKey: text('ladder_key').notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    members: integer('members').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /**
     * The stamp sequence's last value, read before the key's snapshot, and the transactions in progress
     * in that snapshot: while the sequence has not moved and none of them has committed, the answer is
     * current without reading any member (null: not known).
     */
    watermark: bigint('watermark', { mode: 'number' }),
    pending: text('pending')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The entries as the route sends them (a JSON array). */
    body: text('body').notNull(),
  },
  (table) => [primaryKey({ name: 'ranking_answers_pk', columns: [table.level, table.at, table.ladderKey] })],
);
