import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { clients } from './roster.schema.js';

/**
 * Accounts and credentials (issue 7). An account signs in with email + password (argon2id hash); a
 * person's builder record is the `builders` row with the same email. Session and API-token secrets are
 * stored only as SHA-256 hashes, so a copy of the database signs no one in.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    /** Lower-case; the same key as `people.email`. */
    email: text('email').notNull(),
    role: text('role').notNull(),
    /** For a client stakeholder: the client they speak for. */
    clientId: text('client_id').references(() => clients.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    /** Set by each successful sign-in (not by API-token use), so leadership sees who still uses an account. */
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'date' }),
    /**
     * Set when the password was made or typed by someone else (a temporary password from an invite or a
     * reset): until the person sets their own, every API call but the password change is refused.
     */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
  },
  (table) => [
    uniqueIndex('accounts_email_uq').on(table.email),
    check('accounts_role_ck', sql`${table.role} in ('leadership', 'builder', 'client_stakeholder')`),
    check(
      'accounts_client_ck',
      sql`(${table.role} = 'client_stakeholder') = (${table.clientId} is not null)`,
    ),
  ],
);

/** Browser sessions: the cookie holds a random token; only its hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Sent back by the browser in `x-csrf-token` on every cookie-authenticated write. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('sessions_account_idx').on(table.accountId)],
);

/** API tokens for scripts: shown once, stored hashed, revocable, acting with a role no higher than the account's. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('api_tokens_hash_uq').on(table.tokenHash),
    index('api_tokens_account_idx').on(table.accountId),
    check('api_tokens_role_ck', sql`${table.role} in ('leadership', 'builder', 'client_stakeholder')`),
  ],
);

/**
 * Sign-in attempts per (email, client address) for the limit with back-off. One row per pair, counted
 * by an atomic upsert before the password is checked, so parallel attempts on any number of app servers
 * sharing the database each get their own number and no more than the limit are ever checked. A
 * successful sign-in deletes its pair's row; a row untouched for a day is forgotten.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    /** Lower-case, as typed: unknown emails are counted like known ones so the answer says nothing. */
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    /** Attempts since the row was (re)started, including the one in flight. */
    attempts: integer('attempts').notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** No attempt for this pair is checked before this instant (null: not blocked). */
    blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    primaryKey({ columns: [table.email, table.ip] }),
    index('sign_in_throttle_last_idx').on(table.lastAttemptAt),
  ],
);
