import { bigint, boolean, date, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Per-rule contributions (issue 15, ADR 0017): what each of a builder's records contributes to one
 * contributed metric rule (core/evaluation/contributions.ts), built from the records on first need and
 * used only while the builder's stamp and the epoch are still the ones they were built under (ADR 0014).
 * Both tables are caches under a proving key: UNLOGGED (migration 0016), so a crash only makes the next
 * readiness rebuild them.
 */

/**
 * One row per (builder, rule key) that has been built: the stamp and epoch its contributions are
 * current under, the key of the build its rows carry, and the rule itself. A write through the evidence
 * service appends the new record's rows to the build and advances `stamp` (ADR 0019), so `stamp`/`epoch`
 * move on while `build_stamp`/`build_epoch` stay. Rules without any contributing record still have a
 * marker (built, empty).
 */
export const readinessContributionMarkers = pgTable(
  'readiness_contribution_markers',
  {
    builderEmail: text('builder_email').notNull(),
    /** `<code revision>/<hash of the rule's canonical JSON>`: same rule in two versions, same rows. */
    ruleKey: text('rule_key').notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    /** The key the build was made under: its rows carry it as their `stamp`/`epoch`. */
    buildStamp: bigint('build_stamp', { mode: 'number' }).notNull(),
    buildEpoch: bigint('build_epoch', { mode: 'number' }).notNull(),
    /** The rule's canonical JSON: what a write selects the new record's rows with. */
    rule: text('rule').notNull(),
  },
  (table) => [
    primaryKey({ name: 'readiness_contribution_markers_pk', columns: [table.builderEmail, table.ruleKey] }),
  ],
);

/**
 * What one record contributes to one rule. Each row carries the key of the build it belongs to, so rows
 * left by a build that lost a race to a newer one are never read (reads ask for the marker's build).
 */
export const readinessContributions = pgTable(
  'readiness_contributions',
  {
    builderEmail: text('builder_email').notNull(),
    ruleKey: text('rule_key').notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    recordId: text('record_id').notNull(),
    /** The record's ledger position: rows are judged in (date, seq) order, the ledger's. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    supersededOn: date('superseded_on', { mode: 'string' }),
    tag: text('tag'),
    flag: boolean('flag').notNull(),
    extraDate: date('extra_date', { mode: 'string' }),
  },
  (table) => [index('readiness_contributions_read_idx').on(table.builderEmail, table.ruleKey, table.date)],
);
