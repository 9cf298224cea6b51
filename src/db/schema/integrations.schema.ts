import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { clients, people } from './roster.schema.js';

/**
 * Evidence that collects itself (issue 10). Who is who on the outside (a person's GitHub logins, a
 * client's analytics projects), what analytics exports showed (per project, event and day: a count, never
 * the raw events), and where each source's last sync stopped.
 */

/** A person's account at an outside service (GitHub login, stored lower-case: logins are case-insensitive). */
export const personAccounts = pgTable(
  'person_accounts',
  {
    provider: text('provider').notNull(),
    account: text('account').notNull(),
    personEmail: text('person_email')
      .notNull()
      .references(() => people.email),
  },
  (table) => [
    primaryKey({ name: 'person_accounts_pk', columns: [table.provider, table.account] }),
    index('person_accounts_person_idx').on(table.personEmail),
    check('person_accounts_provider_ck', sql`${table.provider} in ('github')`),
  ],
);

/** A client's analytics project (PostHog or Mixpanel project id as it appears in imports). */
export const clientAnalyticsProjects = pgTable(
  'client_analytics_projects',
  {
    project: text('project').primaryKey(),
    provider: text('provider').notNull(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
  },
  (table) => [
    index('client_analytics_projects_client_idx').on(table.clientId),
    check('client_analytics_projects_provider_ck', sql`${table.provider} in ('posthog', 'mixpanel')`),
  ],
);

/**
 * How often an event was seen on a UTC day in a project. An import replaces the days it covers, so
 * importing the same export twice changes nothing.
 */
export const analyticsEventDays = pgTable(
  'analytics_event_days',
  {
    project: text('project').notNull(),
    event: text('event').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [
    primaryKey({ name: 'analytics_event_days_pk', columns: [table.project, table.event, table.day] }),
    check('analytics_event_days_count_ck', sql`${table.count} > 0`),
  ],
);

/** Where a source (a GitHub repository, an analytics project, an ADR folder) last stopped, and what it found. */
export const sourceSyncStates = pgTable('source_sync_states', {
  source: text('source').primaryKey(),
  kind: text('kind').notNull(),
  cursor: jsonb('cursor'),
  lastRunAt: timestamp('last_run_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  lastStatus: text('last_status').notNull(),
  counts: jsonb('counts').notNull(),
});
