import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ladderVersions } from './ladders.schema.js';
import { builders, people } from './roster.schema.js';

/**
 * Promotion cases (issue 6). A case pins the ladder version it runs under and the readiness answer seen
 * when it was opened, so a later ladder edit or new evidence never changes how an old case reads. The
 * decision is its own insert-only row: a computed outcome, the final one, and an override reason that is
 * never edited. Every step is also a `promotion_case_events` row (and an audit entry).
 */
export const promotionCases = pgTable(
  'promotion_cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    candidateEmail: text('candidate_email')
      .notNull()
      .references(() => builders.email),
    ladderId: text('ladder_id').notNull(),
    ladderVersionId: bigint('ladder_version_id', { mode: 'number' })
      .notNull()
      .references(() => ladderVersions.id),
    ladderVersion: date('ladder_version', { mode: 'string' }).notNull(),
    fromLevel: text('from_level').notNull(),
    targetLevel: text('target_level').notNull(),
    status: text('status').notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    openedBy: text('opened_by').notNull(),
    /** The readiness answer at opening, as the evaluation module gave it. */
    readinessSnapshot: jsonb('readiness_snapshot').notNull(),
    eligibleAtOpening: boolean('eligible_at_opening').notNull(),
    /** Set when leadership opened the case although readiness said not eligible. */
    openOverrideReason: text('open_override_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date', precision: 3 }),
    withdrawReason: text('withdraw_reason'),
    /**
     * How many events the case has had: bumped under the case's row lock by every write, and the `seq` of
     * the event that write appends. A client that read version N and writes with `expected_version` N is
     * refused when someone else wrote in between, naming what changed.
     */
    version: integer('version').notNull().default(0),
  },
  (table) => [
    index('promotion_cases_candidate_idx').on(table.candidateEmail, table.targetLevel),
    check('promotion_cases_status_ck', sql`${table.status} in ('open', 'assessing', 'decided', 'withdrawn')`),
    check(
      'promotion_cases_override_ck',
      sql`${table.eligibleAtOpening} or coalesce(length(trim(${table.openOverrideReason})), 0) > 0`,
    ),
    // One live case per candidate, whatever its target: a builder holds one level, and deciding one of two
    // cases out of it would leave the other about a level they no longer hold. Two openings at once to
    // different targets both pass the service's check; this index lets one through.
    uniqueIndex('promotion_cases_live_candidate_uq')
      .on(table.candidateEmail)
      .where(sql`${table.status} in ('open', 'assessing')`),
  ],
);

/** Panel seats. A seat is vacated (removed_at) rather than deleted when the panel changes before scoring. */
export const promotionPanelMembers = pgTable(
  'promotion_panel_members',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => promotionCases.id),
    panelistEmail: text('panelist_email')
      .notNull()
      .references(() => people.email),
    position: integer('position').notNull(),
    /** What made them eligible on the day: their level (null for leadership without one) and role. */
    levelAtAssignment: text('level_at_assignment'),
    leadership: boolean('leadership').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date', precision: 3 }),
  },
  (table) => [
    index('promotion_panel_case_idx').on(table.caseId),
    index('promotion_panel_person_idx').on(table.panelistEmail),
    uniqueIndex('promotion_panel_seat_uq')
      .on(table.caseId, table.panelistEmail)
      .where(sql`${table.removedAt} is null`),
  ],
);

/** One sheet per panelist and case: a private draft until `submitted_at`, then frozen. */
export const promotionScores = pgTable(
  'promotion_scores',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => promotionCases.id),
    panelistEmail: text('panelist_email')
      .notNull()
      .references(() => people.email),
    sheet: jsonb('sheet').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date', precision: 3 }),
    /** 1 on the first save, +1 on every save or submit: a save with `base_version` must name the current one. */
    version: integer('version').notNull().default(1),
  },
  (table) => [uniqueIndex('promotion_scores_case_panelist_uq').on(table.caseId, table.panelistEmail)],
);

/** The decision: written once, never updated. */
export const promotionDecisions = pgTable(
  'promotion_decisions',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .primaryKey()
      .references(() => promotionCases.id),
    computedOutcome: text('computed_outcome').notNull(),
    outcome: text('outcome').notNull(),
    overridden: boolean('overridden').notNull(),
    overrideReason: text('override_reason'),
    note: text('note').notNull(),
    /** Component tallies, criterion medians and the reasons, as computed at the decision. */
    computed: jsonb('computed').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** When the new level starts (promoted only). */
    effectiveDate: date('effective_date', { mode: 'string' }),
  },
  (table) => [
    check('promotion_decisions_outcome_ck', sql`${table.outcome} in ('promoted', 'not_yet')`),
    check(
      'promotion_decisions_override_ck',
      sql`not ${table.overridden} or coalesce(length(trim(${table.overrideReason})), 0) > 0`,
    ),
  ],
);

/** Notes added to a case or its portfolio; the portfolio itself comes from the ledger and is never edited. */
export const promotionCaseNotes = pgTable(
  'promotion_case_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => promotionCases.id),
    /** The ledger record the note is about, when it is about one. */
    evidenceId: text('evidence_id'),
    author: text('author').notNull(),
    text: text('text').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [index('promotion_case_notes_case_idx').on(table.caseId)],
);

/** The case's own trail: opened, panel set, draft saved, scores submitted, decided, withdrawn, note added. */
export const promotionCaseEvents = pgTable(
  'promotion_case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => promotionCases.id),
    /**
     * The event's place in its case (1, 2, …), taken from the case row's `version` under its row lock, so
     * two writers of one case can never append the same step twice whatever process they run in.
     */
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    detail: jsonb('detail').notNull(),
  },
  (table) => [
    index('promotion_case_events_case_idx').on(table.caseId, table.id),
    uniqueIndex('promotion_case_events_case_seq_uq').on(table.caseId, table.seq),
  ],
);
