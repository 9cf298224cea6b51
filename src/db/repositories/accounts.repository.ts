import { and, desc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { preparedStatementName, type Executor } from '../connection.js';
import { accounts, apiTokens, sessions, signInThrottle } from '../schema/auth.schema.js';

export type AccountRow = typeof accounts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Inserts an account. */
export async function insertAccount(executor: Executor, row: AccountRow): Promise<AccountRow> {
  const [inserted] = await executor.insert(accounts).values(row).returning();
  if (inserted === undefined) throw new Error('account insert returned no row');
  return inserted;
}

/** The account with this (lower-case) email, if any. */
export async function findAccountByEmail(executor: Executor, email: string): Promise<AccountRow | undefined> {
  const [row] = await executor.select().from(accounts).where(eq(accounts.email, email)).limit(1);
  return row;
}

/** The account with this id, if any. */
export async function findAccountById(executor: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await executor.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row;
}

/** Every account, by email. */
export async function selectAccounts(executor: Executor): Promise<AccountRow[]> {
  return executor.select().from(accounts).orderBy(accounts.email);
}

/**
 * Replaces the password hash; `mustChange` says whether the person must set their own next (true for a
 * temporary password someone else made or typed).
 */
export async function updatePasswordHash(
  executor: Executor,
  id: string,
  passwordHash: string,
  at: Date,
  mustChange: boolean,
): Promise<void> {
  await executor
    .update(accounts)
    .set({ passwordHash, passwordChangedAt: at, mustChangePassword: mustChange })
    .where(eq(accounts.id, id));
}

/** Marks an account disabled from `at`; its sessions and tokens stop working (they join on it). */
export async function disableAccountRow(
  executor: Executor,
  id: string,
  at: Date,
): Promise<AccountRow | undefined> {
  const [row] = await executor
    .update(accounts)
    .set({ disabledAt: at })
    .where(and(eq(accounts.id, id), isNull(accounts.disabledAt)))
    .returning();
  return row;
}

/** Stores a new session. */
export async function insertSession(executor: Executor, row: SessionRow): Promise<void> {
  await executor.insert(sessions).values(row);
}

/** What a signed-in request needs of its account: who it is (the actor) and what /api/auth/session shows. */
export type LiveAccount = Pick<
  AccountRow,
  'id' | 'email' | 'role' | 'clientId' | 'createdAt' | 'mustChangePassword'
>;

/** The unexpired session with this token hash (its CSRF token) and its enabled account. */
export async function findLiveSession(
  executor: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ csrfToken: string; account: LiveAccount } | undefined> {
  let prepared = preparedLiveSessions.get(executor);
  if (prepared === undefined) {
    prepared = prepareLiveSession(executor);
    preparedLiveSessions.set(executor, prepared);
  }
  // A placeholder is not encoded by its column: the instant goes as ISO text (timestamptz parses it).
  const [row] = await prepared.execute({ tokenHash, now: now.toISOString() });
  return row;
}

// Every signed-in request runs this lookup: built once per handle and prepared (named) on the server,
// since building the query per request cost the server more CPU than running it (issue 15). Only the
// columns a request uses: every column read is parsed by the driver and mapped by drizzle per request.
function prepareLiveSession(executor: Executor) {
  return executor
    .select({
      csrfToken: sessions.csrfToken,
      account: {
        id: accounts.id,
        email: accounts.email,
        role: accounts.role,
        clientId: accounts.clientId,
        createdAt: accounts.createdAt,
        mustChangePassword: accounts.mustChangePassword,
      },
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gte(sessions.expiresAt, sql.placeholder('now')),
        isNull(accounts.disabledAt),
      ),
    )
    .limit(1)
    .prepare(preparedStatementName('live_session'));
}

const preparedLiveSessions = new WeakMap<Executor, ReturnType<typeof prepareLiveSession>>();

/** Deletes one session (sign-out). */
export async function deleteSession(executor: Executor, tokenHash: string): Promise<number> {
  const deleted = await executor
    .delete(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}

/** Deletes every session of an account except, optionally, one (after a password change). */
export async function deleteSessionsOfAccount(
  executor: Executor,
  accountId: string,
  keepTokenHash?: string,
): Promise<void> {
  const rows = await executor
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .where(eq(sessions.accountId, accountId));
  for (const row of rows) {
    if (row.tokenHash !== keepTokenHash) await deleteSession(executor, row.tokenHash);
  }
}

/** Deletes sessions that expired before `now` (housekeeping at sign-in). */
export async function deleteExpiredSessions(executor: Executor, now: Date): Promise<void> {
  await executor.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Stores a new API token (its hash only). */
export async function insertApiToken(executor: Executor, row: ApiTokenRow): Promise<ApiTokenRow> {
  const [inserted] = await executor.insert(apiTokens).values(row).returning();
  if (inserted === undefined) throw new Error('token insert returned no row');
  return inserted;
}

/** The unrevoked, unexpired token with this hash and its enabled account. */
export async function findLiveApiToken(
  executor: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ token: ApiTokenRow; account: AccountRow } | undefined> {
  const [row] = await executor
    .select({ token: apiTokens, account: accounts })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gte(apiTokens.expiresAt, now)),
        isNull(accounts.disabledAt),
      ),
    )
    .limit(1);
  return row;
}

/** Notes when a token was last used. */
export async function touchApiToken(executor: Executor, id: string, at: Date): Promise<void> {
  await executor.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** The token with this id, if any. */
export async function findApiTokenById(executor: Executor, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await executor.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  return row;
}

/** Tokens of one account (or of everyone when `accountId` is null), newest first. */
export async function selectApiTokens(executor: Executor, accountId: string | null): Promise<ApiTokenRow[]> {
  return executor
    .select()
    .from(apiTokens)
    .where(accountId === null ? undefined : eq(apiTokens.accountId, accountId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Marks a token revoked. */
export async function revokeApiTokenRow(
  executor: Executor,
  id: string,
  at: Date,
): Promise<ApiTokenRow | undefined> {
  const [row] = await executor
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export interface SignInReservation {
  /** The attempt's number for its (email, address) pair, when it may be checked. */
  attempt?: number;
  /** When it may not: the pair is blocked until then. */
  blockedUntil?: Date;
}

/**
 * Takes a numbered place for one sign-in attempt of (email, address), atomically, before the password
 * is checked: an upsert that bumps the counter only when the pair is not blocked, and sets the block the
 * attempt's number earns in the same statement. Concurrent attempts (any process, any engine) serialise
 * on the row, so each gets its own number and a blocked pair gets none. A row whose last attempt is
 * before `forgetBefore` starts again at 1. `blockSeconds(n)` is written out as SQL: 0 below `limit`,
 * then `baseSeconds × 2^(n − limit)` capped at `maxSeconds`.
 */
export async function reserveSignInAttempt(
  executor: Executor,
  input: {
    email: string;
    ip: string;
    now: Date;
    forgetBefore: Date;
    limit: number;
    baseSeconds: number;
    maxSeconds: number;
  },
): Promise<SignInReservation> {
  const now = input.now.toISOString();
  const t = signInThrottle;
  const next = sql`(case when ${t.lastAttemptAt} < ${input.forgetBefore.toISOString()}::timestamptz then 1 else ${t.attempts} + 1 end)`;
  const blockFor = (n: SQL) =>
    sql`(case when ${n} < ${input.limit} then null else ${now}::timestamptz + make_interval(secs => least(${input.maxSeconds}::float8, ${input.baseSeconds}::float8 * power(2::float8, (${n} - ${input.limit})::float8))) end)`;
  const first = input.limit <= 1 ? new Date(input.now.getTime() + input.baseSeconds * 1000) : null;
  const [row] = await executor
    .insert(t)
    .values({ email: input.email, ip: input.ip, attempts: 1, lastAttemptAt: input.now, blockedUntil: first })
    .onConflictDoUpdate({
      target: [t.email, t.ip],
      set: { attempts: next, lastAttemptAt: input.now, blockedUntil: blockFor(next) },
      setWhere: sql`${t.blockedUntil} is null or ${t.blockedUntil} <= ${now}::timestamptz`,
    })
    .returning({ attempts: t.attempts });
  if (row !== undefined) return { attempt: row.attempts };
  const [blocked] = await executor
    .select({ blockedUntil: t.blockedUntil })
    .from(t)
    .where(and(eq(t.email, input.email), eq(t.ip, input.ip)))
    .limit(1);
  // The row went away in between (a successful sign-in of the pair): the caller may simply retry.
  return { blockedUntil: blocked?.blockedUntil ?? input.now };
}

/** Forgets the attempts of one (email, address) pair after it signed in, and every pair idle since `forgetBefore`. */
export async function clearSignInAttempts(
  executor: Executor,
  email: string,
  ip: string,
  forgetBefore: Date,
): Promise<void> {
  await executor
    .delete(signInThrottle)
    .where(
      or(
        and(eq(signInThrottle.email, email), eq(signInThrottle.ip, ip)),
        lt(signInThrottle.lastAttemptAt, forgetBefore),
      ),
    );
}

/** Revokes every live token of an account at `at` (after a password change); returns those revoked. */
export async function revokeApiTokensOfAccount(
  executor: Executor,
  accountId: string,
  at: Date,
): Promise<ApiTokenRow[]> {
  return executor
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
    .returning();
}
