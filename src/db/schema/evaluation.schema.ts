import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  json,
  pgSequence,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';

/**
 * What evaluation keeps up to date as the ledger and roster change (issue 15, ADR 0014). Every table
 * here is written only by the triggers of migration 0011 (and the stored answers they make current):
 * statement-level AFTER triggers, so one row, a multi-row INSERT, COPY and an import all maintain them
 * in the writing transaction, and a rolled-back write leaves nothing behind.
 */

/** The one sequence every stamp and epoch is drawn from: no two ever repeat. */
export const evaluationStampSeq = pgSequence('evaluation_stamp_seq');

/**
 * Standing intervals: for every record some correction (direct or further down its chain) supersedes,
 * the earliest date of such a correction. A record stands on `at` iff its date is on or before `at`
 * and it has no row here or `superseded_on > at` (core/evidence/supersede.ts `recordsInEffect`).
 */
export const evidenceCorrected = pgTable(
  'evidence_corrected',
  {
    recordId: text('record_id').primaryKey(),
    builderEmail: text('builder_email').notNull(),
    supersededOn: date('superseded_on', { mode: 'string' }).notNull(),
  },
  (table) => [index('evidence_corrected_builder_idx').on(table.builderEmail)],
);

/**
 * A builder's evaluation stamp: drawn anew by every write that a builder's own evaluation reads
 * (their records, placements, the mentorships they give, their promotion cases). No row: never written.
 */
export const evaluationStamps = pgTable('evaluation_stamps', {
  builderEmail: text('builder_email').primaryKey(),
  stamp: bigint('stamp', { mode: 'number' }).notNull(),
});

/** One row: drawn anew by writes that cross builders (levels, tracks, analytics sightings). */
export const evaluationEpoch = pgTable(
  'evaluation_epoch',
  {
    id: integer('id').primaryKey(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
  },
  (table) => [check('evaluation_epoch_one_row_ck', sql`${table.id} = 1`)],
);

/**
 * A level's ranking row per builder, computed under (stamp, epoch) for one `at` and ladder version:
 * current exactly while the builder's stamp and the epoch are still those (package B reads and writes).
 */
export const rankingRows = pgTable(
  'ranking_rows',
  {
    level: text('level').notNull(),
    at: date('at', { mode: 'string' }).notNull(),
    ladderKey: text('ladder_key').notNull(),
    builderEmail: text('builder_email').notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    levelSince: date('level_since', { mode: 'string' }).notNull(),
    metricsMet: integer('metrics_met').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'ranking_rows_pk',
      columns: [table.level, table.at, table.ladderKey, table.builderEmail],
    }),
  ],
);

/**
 * A readiness answer stored under the key that proves it current: (builder, at, ladder key) plus the
 * builder's stamp and the epoch it was computed under. Read only when both still match. `json`, not
 * `jsonb`: the text is kept as computed (key order is the API's) and embedded as is in the read's answer.
 * UNLOGGED (migration 0014): a cache whose key proves it current, so losing it in a crash is harmless.
 */
export const readinessAnswers = pgTable(
  'readiness_answers',
  {
    builderEmail: text('builder_email').notNull(),
    at: date('at', { mode: 'string' }).notNull(),
    ladderKey: text('ladder_key').notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    answer: json('answer').notNull(),
  },
  (table) => [
    primaryKey({ name: 'readiness_answers_pk', columns: [table.builderEmail, table.at, table.ladderKey] }),
  ],
);
