import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The roster (issue 4). Every person — builder, leadership, client stakeholder — has one `people` row
 * keyed by lower-case email; builders add a `builders` row plus level and rate histories. Dates are
 * calendar dates read back as 'YYYY-MM-DD' strings; money is integer minor units with its currency.
 */
export const people = pgTable(
  'people',
  {
    email: text('email').primaryKey(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    check('people_role_ck', sql`${table.role} in ('leadership', 'client_stakeholder', 'builder')`),
    index('people_role_idx').on(table.role),
  ],
);

export const builders = pgTable('builders', {
  email: text('email')
    .primaryKey()
    .references(() => people.email),
  track: text('track').notNull(),
});

/**
 * Level history: one row per step; the current level is the latest `since`. Each step names its track
 * (ADR 0030): level ids are scoped by track, and a promotion into another track keeps the earlier steps
 * in theirs. `builders.track` is the track of the latest step.
 */
export const builderLevels = pgTable(
  'builder_levels',
  {
    builderEmail: text('builder_email')
      .notNull()
      .references(() => builders.email, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    track: text('track').notNull(),
    since: date('since', { mode: 'string' }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'builder_levels_pk', columns: [table.builderEmail, table.since] }),
    index('builder_levels_level_idx').on(table.level),
  ],
);

/** Monthly rate history in minor units; the current rate is the latest `since`. */
export const builderRates = pgTable(
  'builder_rates',
  {
    builderEmail: text('builder_email')
      .notNull()
      .references(() => builders.email, { onDelete: 'cascade' }),
    since: date('since', { mode: 'string' }).notNull(),
    rateMinor: integer('rate_minor').notNull(),
    currency: text('currency').notNull(),
  },
  (table) => [
    primaryKey({ name: 'builder_rates_pk', columns: [table.builderEmail, table.since] }),
    check('builder_rates_rate_ck', sql`${table.rateMinor} >= 0`),
  ],
);

export const clients = pgTable('clients', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const placements = pgTable(
  'placements',
  {
    id: text('id').primaryKey(),
    builderEmail: text('builder_email')
      .notNull()
      .references(() => builders.email),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    start: date('start', { mode: 'string' }).notNull(),
    end: date('end', { mode: 'string' }),
    rateMinor: integer('rate_minor').notNull(),
    currency: text('currency').notNull(),
    extended: boolean('extended').notNull(),
    requestedBack: boolean('requested_back').notNull(),
  },
  (table) => [
    index('placements_builder_idx').on(table.builderEmail, table.start),
    index('placements_client_idx').on(table.clientId),
    check('placements_rate_ck', sql`${table.rateMinor} >= 0`),
    check('placements_dates_ck', sql`${table.end} is null or ${table.end} >= ${table.start}`),
  ],
);

/** A mentor (builder or leadership) and a mentee builder; the id derives from (mentor, mentee, start). */
export const mentorships = pgTable(
  'mentorships',
  {
    id: text('id').primaryKey(),
    mentorEmail: text('mentor_email')
      .notNull()
      .references(() => people.email),
    menteeEmail: text('mentee_email')
      .notNull()
      .references(() => builders.email),
    start: date('start', { mode: 'string' }).notNull(),
    end: date('end', { mode: 'string' }),
  },
  (table) => [
    uniqueIndex('mentorships_pair_start_uq').on(table.mentorEmail, table.menteeEmail, table.start),
    index('mentorships_mentee_idx').on(table.menteeEmail),
    check('mentorships_dates_ck', sql`${table.end} is null or ${table.end} >= ${table.start}`),
    check('mentorships_self_ck', sql`${table.mentorEmail} <> ${table.menteeEmail}`),
  ],
);
