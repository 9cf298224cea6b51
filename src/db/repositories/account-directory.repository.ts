import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../connection.js';
import { accounts, apiTokens } from '../schema/auth.schema.js';
import { people } from '../schema/roster.schema.js';
import type { AccountRow } from './accounts.repository.js';

/** One account as leadership's people-and-accounts screen lists it: never the password hash. */
export interface AccountDirectoryRow {
  id: string;
  email: string;
  role: string;
  clientId: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  /** On a temporary password: the person has not set their own yet. */
  mustChangePassword: boolean;
  /** The roster's name for the account's email (accounts and people share the key), if there is one. */
  personName: string | null;
  /** Tokens not revoked and not expired at `now`. */
  liveApiTokens: number;
}

/** Every account with its person's name and its count of live API tokens, by email. */
export async function selectAccountDirectory(executor: Executor, now: Date): Promise<AccountDirectoryRow[]> {
  // One statement: the token count is a correlated sub-select, so an account with no token counts 0.
  const live = executor
    .select({ accountId: apiTokens.accountId, n: count().as('n') })
    .from(apiTokens)
    .where(
      and(
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} >= ${now.toISOString()}::timestamptz)`,
      ),
    )
    .groupBy(apiTokens.accountId)
    .as('live');
  const rows = await executor
    .select({
      id: accounts.id,
      email: accounts.email,
      role: accounts.role,
      clientId: accounts.clientId,
      createdAt: accounts.createdAt,
      disabledAt: accounts.disabledAt,
      lastSignInAt: accounts.lastSignInAt,
      mustChangePassword: accounts.mustChangePassword,
      personName: people.name,
      liveApiTokens: live.n,
    })
    .from(accounts)
    .leftJoin(people, eq(people.email, accounts.email))
    .leftJoin(live, eq(live.accountId, accounts.id))
    .orderBy(accounts.email);
  return rows.map((row) => ({ ...row, liveApiTokens: Number(row.liveApiTokens ?? 0) }));
}

/** The account with this id, locked for the rest of the transaction (disable/enable decide on it). */
export async function lockAccountById(executor: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await executor.select().from(accounts).where(eq(accounts.id, id)).limit(1).for('update');
  return row;
}

/**
 * Ids of the enabled leadership accounts, locked: two leaders disabling each other at once serialise
 * here, so the second sees the first's change and the last leadership account is never disabled.
 */
export async function lockEnabledLeadership(executor: Executor): Promise<string[]> {
  const rows = await executor
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.role, 'leadership'), isNull(accounts.disabledAt)))
    .orderBy(accounts.id)
    .for('update');
  return rows.map((row) => row.id);
}

/** Clears an account's disabled mark; undefined when it was not disabled. */
export async function enableAccountRow(executor: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await executor
    .update(accounts)
    .set({ disabledAt: null })
    .where(and(eq(accounts.id, id), sql`${accounts.disabledAt} is not null`))
    .returning();
  return row;
}

/** Notes a successful sign-in. */
export async function recordSignInAt(executor: Executor, id: string, at: Date): Promise<void> {
  await executor.update(accounts).set({ lastSignInAt: at }).where(eq(accounts.id, id));
}

/**
 * Sets an account's role (and the client, which a client stakeholder has and nobody else has); undefined
 * when there is no such account.
 */
export async function updateAccountRoleRow(
  executor: Executor,
  id: string,
  role: string,
  clientId: string | null,
): Promise<AccountRow | undefined> {
  const [row] = await executor
    .update(accounts)
    .set({ role, clientId })
    .where(eq(accounts.id, id))
    .returning();
  return row;
}
