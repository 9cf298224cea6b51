import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { decide, type Action } from '../../core/access/policy.js';
import type { Actor, Role } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { DomainError, conflict, notFound, validationFailed } from '../../core/errors.js';
import type { Database } from '../../db/connection.js';
import {
  clearSignInAttempts,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfAccount,
  disableAccountRow,
  findAccountByEmail,
  findAccountById,
  findApiTokenById,
  findLiveApiToken,
  findLiveSession,
  insertAccount,
  insertApiToken,
  insertSession,
  reserveSignInAttempt,
  revokeApiTokenRow,
  revokeApiTokensOfAccount,
  selectAccounts,
  selectApiTokens,
  touchApiToken,
  updatePasswordHash,
  type AccountRow,
  type LiveAccount,
  type ApiTokenRow,
} from '../../db/repositories/accounts.repository.js';
import {
  enableAccountRow,
  lockAccountById,
  lockEnabledLeadership,
  recordSignInAt,
  selectAccountDirectory,
  updateAccountRoleRow,
} from '../../db/repositories/account-directory.repository.js';
import { recordAudit } from '../audit.service.js';
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from './passwords.js';

export interface AccessServices {
  db: Database;
  clock: Clock;
}

export const ROLES: readonly Role[] = ['leadership', 'builder', 'client_stakeholder'];

/** How long a browser session lasts from sign-in. */
export const SESSION_HOURS = 12;
/**
 * The sign-in limit, per (email, client address) pair: SIGN_IN_FREE_ATTEMPTS attempts are checked
 * back to back; from then on each further attempt must wait 1, 2, 4, 8, 16, 32, 60, 60 … minutes after
 * the one before (doubling from SIGN_IN_BACKOFF_BASE_SECONDS, capped at SIGN_IN_BACKOFF_MAX_SECONDS), so
 * one address can try about 40 passwords of one account a day (10 + 6 in the first ~2 hours, then 1 an hour). A pair left alone for
 * SIGN_IN_FORGET_HOURS starts again; signing in clears it. Another address is counted apart, so an
 * attacker never locks a colleague out (see docs/access.md for why there is no per-address ceiling).
 */
export const SIGN_IN_FREE_ATTEMPTS = 10;
export const SIGN_IN_BACKOFF_BASE_SECONDS = 60;
export const SIGN_IN_BACKOFF_MAX_SECONDS = 3_600;
export const SIGN_IN_FORGET_HOURS = 24;

/** How long the pair must wait after its attempt number `attempt` (0 while the free attempts last). */
export function signInBackoffSeconds(attempt: number): number {
  if (attempt < SIGN_IN_FREE_ATTEMPTS) return 0;
  return Math.min(
    SIGN_IN_BACKOFF_MAX_SECONDS,
    SIGN_IN_BACKOFF_BASE_SECONDS * 2 ** (attempt - SIGN_IN_FREE_ATTEMPTS),
  );
}

/** API tokens start with this, so a leaked one is recognisable (and greppable by secret scanners). */
export const API_TOKEN_PREFIX = 'ldr_';

/** A public view of an account: never the password hash. */
export interface AccountView {
  id: string;
  email: string;
  role: Role;
  clientId: string | null;
  createdAt: string;
  /** On a temporary password: every call but the password change is refused until they set their own. */
  mustChangePassword: boolean;
}

export interface ApiTokenView {
  id: string;
  accountId: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function assertAllowed(actor: Actor, action: Action): void {
  const decision = decide(actor, action);
  if (!decision.allow) throw new DomainError(decision.code, `Not allowed: ${decision.reason}`);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function roleOf(row: Pick<AccountRow, 'role'>): Role {
  return isRole(row.role) ? row.role : 'builder';
}

function viewAccount(row: LiveAccount): AccountView {
  return {
    id: row.id,
    email: row.email,
    role: roleOf(row),
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    mustChangePassword: row.mustChangePassword,
  };
}

function viewToken(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    role: isRole(row.role) ? row.role : 'builder',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The actor an account acts as, optionally narrowed to a token's role. */
export function actorOfAccount(
  row: Pick<AccountRow, 'id' | 'email' | 'role' | 'clientId'>,
  role: Role = roleOf(row),
  tokenId?: string,
): Actor {
  const actor: Actor = {
    kind: 'person',
    email: row.email,
    role,
    accountId: row.id,
    // Builders are keyed by email in the roster, so a builder account is the builder with its email.
    builderId: role === 'builder' ? row.email : null,
    clientId: role === 'client_stakeholder' ? row.clientId : null,
  };
  if (tokenId !== undefined) actor.tokenId = tokenId;
  return actor;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with a role and client pair: a client stakeholder has a client, nobody else has one. */
function roleProblems(role: string, clientId: string | null): { field: string; message: string }[] {
  if (!isRole(role)) return [{ field: 'role', message: `expected one of ${ROLES.join(', ')}` }];
  if (role === 'client_stakeholder' && clientId === null)
    return [{ field: 'client', message: 'a client stakeholder needs the client they speak for' }];
  if (role !== 'client_stakeholder' && clientId !== null)
    return [{ field: 'client', message: 'only a client stakeholder has a client' }];
  return [];
}

/** Turns the accounts→clients foreign-key failure (the only one) into the field's message. */
function unknownClient(clientId: string | null): (error: unknown) => never {
  return (error) => {
    if (clientId !== null && /foreign key|violates/i.test(String((error as Error).cause ?? error)))
      throw validationFailed(`client: no client ${clientId}`, [
        { field: 'client', message: 'unknown client' },
      ]);
    throw error;
  };
}

export interface NewAccount {
  email: string;
  role: string;
  password: string;
  clientId?: string | null;
  /**
   * True when someone other than the person chose the password (an invite, or leadership typing one):
   * they must set their own at their first sign-in. The operator's `ladder user create` leaves it false.
   */
  mustChangePassword?: boolean;
}

/** Creates an account (leadership or the operator only); the password is stored as an argon2id hash. */
export async function createAccount(
  services: AccessServices,
  actor: Actor,
  input: NewAccount,
): Promise<AccountView> {
  assertAllowed(actor, 'account.manage');
  const email = normaliseEmail(input.email);
  const problems: ({ field: string } & PasswordProblem)[] = [];
  if (!EMAIL.test(email)) problems.push({ field: 'email', message: 'expected an email address' });
  const clientId = input.clientId ?? null;
  problems.push(...roleProblems(input.role, clientId));
  const weak = passwordProblem(input.password, [email]);
  if (weak !== null) problems.push({ field: 'password', ...weak });
  const first = problems[0];
  if (first !== undefined) throw validationFailed(`${first.field}: ${first.message}`, problems);
  const passwordHash = await hashPassword(input.password);
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    if ((await findAccountByEmail(tx, email)) !== undefined) {
      throw new DomainError('conflict', `An account for ${email} already exists`);
    }
    const row = await insertAccount(tx, {
      id: randomUUID(),
      email,
      role: input.role,
      clientId,
      passwordHash,
      createdAt: now,
      passwordChangedAt: now,
      disabledAt: null,
      lastSignInAt: null,
      mustChangePassword: input.mustChangePassword ?? false,
    }).catch(unknownClient(clientId));
    const view = viewAccount(row);
    await recordAudit(tx, actor, {
      action: 'account.create',
      entity: 'account',
      entityId: row.id,
      after: view,
      at: now,
    });
    return view;
  });
}

/**
 * Creates an account with a random temporary password made by the server (no mail transport: leadership
 * passes it on, and it is returned only this once); the person changes it after signing in.
 */
export async function inviteAccount(
  services: AccessServices,
  actor: Actor,
  input: Omit<NewAccount, 'password' | 'mustChangePassword'>,
): Promise<{ account: AccountView; temporaryPassword: string }> {
  const temporaryPassword = generateTemporaryPassword(normaliseEmail(input.email));
  const account = await createAccount(services, actor, {
    ...input,
    password: temporaryPassword,
    mustChangePassword: true,
  });
  return { account, temporaryPassword };
}

/** Every account (leadership or the operator only). */
export async function listAccounts(services: AccessServices, actor: Actor): Promise<AccountView[]> {
  assertAllowed(actor, 'account.manage');
  return (await selectAccounts(services.db)).map(viewAccount);
}

export interface SignInResult {
  account: AccountView;
  /** Goes in the HttpOnly cookie; never stored in clear. */
  sessionToken: string;
  /** The browser sends it back in `x-csrf-token` on writes. */
  csrfToken: string;
  expiresAt: Date;
}

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * Signs in with email and password. Each attempt first takes a numbered place for its (email, address)
 * pair in the database, atomically, before the password is checked: once the pair has used its free
 * attempts it is refused with `rate_limited` (details.retry_after_seconds) until its back-off has
 * passed, whatever the password and however many servers share the database.
 */
export async function signIn(
  services: AccessServices,
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const now = services.clock.now();
  const email = normaliseEmail(input.email).slice(0, 320);
  const forgetBefore = new Date(now.getTime() - SIGN_IN_FORGET_HOURS * 3_600_000);
  const reservation = await reserveSignInAttempt(services.db, {
    email,
    ip: input.ip,
    now,
    forgetBefore,
    limit: SIGN_IN_FREE_ATTEMPTS,
    baseSeconds: SIGN_IN_BACKOFF_BASE_SECONDS,
    maxSeconds: SIGN_IN_BACKOFF_MAX_SECONDS,
  });
  if (reservation.attempt === undefined) {
    const until = reservation.blockedUntil ?? now;
    const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    throw new DomainError('rate_limited', `Too many failed sign-ins: try again in ${retryAfter} seconds`, {
      retry_after_seconds: retryAfter,
    });
  }
  const account = await findAccountByEmail(services.db, email);
  const ok =
    account !== undefined
      ? await verifyPassword(account.passwordHash, input.password)
      : await verifyPassword(await (dummyHash ??= hashPassword(randomToken())), input.password).then(
          () => false,
        );
  // The failure is already counted: the reservation was the count.
  if (!ok || account === undefined) throw new DomainError('unauthenticated', 'Wrong email or password');
  // Said only to someone who knows the password, so it tells a guesser nothing; the person learns
  // why they cannot get in and whom to ask, instead of retrying until the limit blocks them.
  if (account.disabledAt !== null)
    throw new DomainError(
      'forbidden',
      'This account has been disabled. Ask leadership in your organisation to enable it again.',
    );
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await services.db.transaction(async (tx) => {
    await deleteExpiredSessions(tx, now);
    await clearSignInAttempts(tx, email, input.ip, forgetBefore);
    await recordSignInAt(tx, account.id, now);
    await insertSession(tx, {
      tokenHash: sha256(sessionToken),
      accountId: account.id,
      csrfToken,
      createdAt: now,
      expiresAt,
    });
    await recordAudit(tx, actorOfAccount(account), {
      action: 'session.create',
      entity: 'account',
      entityId: account.id,
      after: { expiresAt },
      at: now,
    });
  });
  return { account: viewAccount(account), sessionToken, csrfToken, expiresAt };
}

/** The actor and CSRF token of a live session cookie, or null. */
export async function authenticateSession(
  services: AccessServices,
  sessionToken: string,
): Promise<{ actor: Actor; csrfToken: string; account: AccountView } | null> {
  const found = await findLiveSession(services.db, sha256(sessionToken), services.clock.now());
  if (found === undefined) return null;
  return {
    actor: actorOfAccount(found.account),
    csrfToken: found.csrfToken,
    account: viewAccount(found.account),
  };
}

/** Ends a session (sign-out); the cookie stops working at once. */
export async function signOut(services: AccessServices, actor: Actor, sessionToken: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const removed = await deleteSession(tx, sha256(sessionToken));
    if (removed > 0 && actor.kind === 'person' && actor.accountId !== undefined) {
      await recordAudit(tx, actor, {
        action: 'session.delete',
        entity: 'account',
        entityId: actor.accountId,
        at: services.clock.now(),
      });
    }
  });
}

/** Refuses a weak new password, naming the field and passing on the estimator's advice. */
function assertStrongPassword(field: string, password: string, email: string): void {
  const weak = passwordProblem(password, [email]);
  if (weak !== null) throw validationFailed(`${field}: ${weak.message}`, [{ field, ...weak }]);
}

/**
 * Changes the signed-in person's password after checking the current one; every other session of the
 * account ends (the current one, named by `keepSessionToken`, stays). Its API tokens are revoked too
 * unless `revokeApiTokens` is false: a password is usually changed because it may have leaked, and
 * whoever had it could have minted tokens that would otherwise outlive the change.
 */
export async function changePassword(
  services: AccessServices,
  actor: Actor,
  input: { current: string; next: string; keepSessionToken?: string; revokeApiTokens?: boolean },
): Promise<{ revokedApiTokens: number }> {
  if (actor.kind !== 'person' || actor.accountId === undefined)
    throw new DomainError('unauthenticated', 'Sign in first');
  // A token holder must not be able to take the account over (and revoke the owner's tokens).
  if (actor.tokenId !== undefined)
    throw new DomainError('forbidden', 'An API token cannot change the password: sign in');
  const account = await findAccountById(services.db, actor.accountId);
  if (account === undefined) throw new DomainError('unauthenticated', 'Sign in first');
  if (!(await verifyPassword(account.passwordHash, input.current))) {
    throw validationFailed('current_password: does not match', [
      { field: 'current_password', message: 'does not match' },
    ]);
  }
  assertStrongPassword('new_password', input.next, account.email);
  if (input.next === input.current)
    throw validationFailed('new_password: must differ from the current one', [
      { field: 'new_password', message: 'must differ from the current one' },
    ]);
  const credentials: Credentials = {
    passwordHash: await hashPassword(input.next),
    mustChange: false,
    revokeApiTokens: input.revokeApiTokens !== false,
  };
  if (input.keepSessionToken !== undefined) credentials.keepSessionHash = sha256(input.keepSessionToken);
  return replaceCredentials(services, actor, account, 'account.password_change', credentials);
}

/** What a credential change does to an account (see replaceCredentials). */
interface Credentials {
  /** The new password's hash; absent when the password stays. */
  passwordHash?: string;
  /** With a new password: must the person set their own next (a temporary password)? */
  mustChange?: boolean;
  /** With a new password every session ends but this one (the session that changed it). */
  keepSessionHash?: string;
  revokeApiTokens: boolean;
}

/**
 * The one transaction behind a password change, set or reset and a token revocation: replace the hash
 * (sessions end with it), revoke the API tokens when asked, and audit under `action` with the ids of the
 * tokens revoked. The secret itself never reaches the audit log.
 */
async function replaceCredentials(
  services: AccessServices,
  actor: Actor,
  account: Pick<AccountRow, 'id'>,
  action: string,
  change: Credentials,
): Promise<{ revokedApiTokens: number }> {
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    if (change.passwordHash !== undefined) {
      await updatePasswordHash(tx, account.id, change.passwordHash, now, change.mustChange ?? false);
      await deleteSessionsOfAccount(tx, account.id, change.keepSessionHash);
    }
    const revoked = change.revokeApiTokens ? await revokeApiTokensOfAccount(tx, account.id, now) : [];
    const after: Record<string, unknown> = { revokedApiTokens: revoked.map((token) => token.id) };
    if (change.passwordHash !== undefined) after.mustChangePassword = change.mustChange ?? false;
    await recordAudit(tx, actor, { action, entity: 'account', entityId: account.id, after, at: now });
    return { revokedApiTokens: revoked.length };
  });
}

/**
 * Sets a password as the operator (first run, forgotten passwords); ends every session of the account
 * and, unless `revokeApiTokens` is false, revokes its API tokens (same reason as changePassword). With
 * `temporary` the person must set their own at their next sign-in.
 */
export async function setPassword(
  services: AccessServices,
  actor: Actor,
  email: string,
  password: string,
  options: { revokeApiTokens?: boolean; temporary?: boolean } = {},
): Promise<{ revokedApiTokens: number }> {
  assertAllowed(actor, 'account.manage');
  const account = await findAccountByEmail(services.db, normaliseEmail(email));
  if (account === undefined) throw notFound('Account', email);
  assertStrongPassword('password', password, account.email);
  return replaceCredentials(services, actor, account, 'account.password_set', {
    passwordHash: await hashPassword(password),
    mustChange: options.temporary === true,
    revokeApiTokens: options.revokeApiTokens !== false,
  });
}

/**
 * Finds an account by its id or, when `key` holds an `@`, by its email (the CLI names accounts by
 * email, the web by id: ids are UUIDs and never contain an `@`).
 */
async function findAccountByKey(db: Database, key: string): Promise<AccountRow> {
  const account = key.includes('@')
    ? await findAccountByEmail(db, normaliseEmail(key))
    : await findAccountById(db, key);
  if (account === undefined) throw notFound('Account', key);
  return account;
}

function isOwnAccount(actor: Actor, account: Pick<AccountRow, 'id'>): boolean {
  return actor.kind === 'person' && actor.accountId === account.id;
}

/**
 * Disables an account (someone left): sign-in and its sessions stop at once and its API tokens are
 * revoked, so enabling it again later does not bring old tokens back. The row stays, so the audit log
 * and past records still name who it was. Nobody disables their own account, and the last enabled
 * leadership account is never disabled (nobody would be left to enable anyone).
 */
export async function disableAccount(
  services: AccessServices,
  actor: Actor,
  key: string,
): Promise<AccountView> {
  assertAllowed(actor, 'account.manage');
  const found = await findAccountByKey(services.db, key);
  if (isOwnAccount(actor, found))
    throw conflict('You cannot disable your own account: another leader can, if it must be done');
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    // Leadership rows first, then the account: the same order in every disable, so two never deadlock.
    const leaders = roleOf(found) === 'leadership' ? await lockEnabledLeadership(tx) : [];
    const account = (await lockAccountById(tx, found.id)) ?? found;
    if (account.disabledAt !== null)
      throw new DomainError('invalid_state', `The account ${account.email} is already disabled`);
    if (roleOf(account) === 'leadership' && leaders.length <= 1 && leaders.includes(account.id))
      throw conflict(
        `${account.email} is the last enabled leadership account: create or enable another leadership account first`,
      );
    const row = await disableAccountRow(tx, account.id, now);
    if (row === undefined)
      throw new DomainError('invalid_state', `The account ${account.email} is already disabled`);
    await deleteSessionsOfAccount(tx, account.id);
    const revoked = await revokeApiTokensOfAccount(tx, account.id, now);
    await recordAudit(tx, actor, {
      action: 'account.disable',
      entity: 'account',
      entityId: account.id,
      before: viewAccount(account),
      after: { ...viewAccount(row), disabledAt: now, revokedApiTokens: revoked.map((t) => t.id) },
      at: now,
    });
    return viewAccount(row);
  });
}

/**
 * Enables a disabled account again: the person can sign in with their password. Sessions and API tokens
 * ended by the disable stay ended.
 */
export async function enableAccount(
  services: AccessServices,
  actor: Actor,
  key: string,
): Promise<AccountView> {
  assertAllowed(actor, 'account.manage');
  const found = await findAccountByKey(services.db, key);
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const row = await enableAccountRow(tx, found.id);
    if (row === undefined)
      throw new DomainError('invalid_state', `The account ${found.email} is not disabled`);
    await recordAudit(tx, actor, {
      action: 'account.enable',
      entity: 'account',
      entityId: found.id,
      before: { ...viewAccount(found), disabledAt: found.disabledAt },
      after: { ...viewAccount(row), disabledAt: null },
      at: now,
    });
    return viewAccount(row);
  });
}

// Unambiguous letters and digits (no 0/o, 1/l/i): read aloud or copied by hand without mistakes.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const TEMPORARY_GROUPS = 4;
const TEMPORARY_GROUP_LENGTH = 5;

/**
 * A random temporary password: 4 groups of 5 from a 31-character alphabet (≈ 99 bits), e.g.
 * `k7qmz-x9fpt-…`. Far above the strength rule; checked against it anyway.
 */
export function generateTemporaryPassword(email: string): string {
  for (;;) {
    const groups = Array.from({ length: TEMPORARY_GROUPS }, () =>
      Array.from(
        { length: TEMPORARY_GROUP_LENGTH },
        () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)] ?? 'a',
      ).join(''),
    );
    const candidate = groups.join('-');
    if (passwordProblem(candidate, [email]) === null) return candidate;
  }
}

/**
 * Resets another person's password (leadership, when someone forgot theirs): the server makes a random
 * temporary password, returned once and stored only as its hash; every session of the account ends and
 * its API tokens are revoked. One's own password is changed with changePassword instead.
 */
export async function resetPassword(
  services: AccessServices,
  actor: Actor,
  key: string,
): Promise<{ account: AccountView; temporaryPassword: string; revokedApiTokens: number }> {
  assertAllowed(actor, 'account.manage');
  const account = await findAccountByKey(services.db, key);
  if (isOwnAccount(actor, account))
    throw conflict('Change your own password with your current one (POST /api/auth/password)');
  const temporaryPassword = generateTemporaryPassword(account.email);
  const { revokedApiTokens } = await replaceCredentials(services, actor, account, 'account.password_reset', {
    passwordHash: await hashPassword(temporaryPassword),
    mustChange: true,
    revokeApiTokens: true,
  });
  return {
    account: { ...viewAccount(account), mustChangePassword: true },
    temporaryPassword,
    revokedApiTokens,
  };
}

/**
 * Revokes every live API token of an account (a laptop was lost, a script leaked its token); sessions
 * and the password stay. Recorded even when there was none to revoke, since leadership asked.
 */
export async function revokeAccountTokens(
  services: AccessServices,
  actor: Actor,
  key: string,
): Promise<{ account: AccountView; revokedApiTokens: number }> {
  assertAllowed(actor, 'account.manage');
  const account = await findAccountByKey(services.db, key);
  const { revokedApiTokens } = await replaceCredentials(services, actor, account, 'account.tokens_revoke', {
    revokeApiTokens: true,
  });
  return { account: viewAccount(account), revokedApiTokens };
}

/**
 * Changes an account's role (and its client: a client stakeholder speaks for one, nobody else does),
 * with the same rules as disabling: nobody changes their own role, and the last enabled leadership
 * account never stops being leadership. Sessions stay and take the new role on their next request; an
 * API token above the new role stops working (a token never acts above its account).
 */
export async function changeAccountRole(
  services: AccessServices,
  actor: Actor,
  key: string,
  input: { role: string; clientId?: string | null },
): Promise<AccountView> {
  assertAllowed(actor, 'account.manage');
  const clientId = input.clientId ?? null;
  const first = roleProblems(input.role, clientId)[0];
  if (first !== undefined) throw validationFailed(`${first.field}: ${first.message}`, [first]);
  const found = await findAccountByKey(services.db, key);
  if (isOwnAccount(actor, found))
    throw conflict('You cannot change your own role: another leader can, if it must be done');
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    // The same lock order as disableAccount, so a role change and a disable never deadlock.
    const leaders = roleOf(found) === 'leadership' ? await lockEnabledLeadership(tx) : [];
    const account = (await lockAccountById(tx, found.id)) ?? found;
    if (account.role === input.role && account.clientId === clientId)
      throw new DomainError('invalid_state', `${account.email} already has the role ${input.role}`);
    if (
      roleOf(account) === 'leadership' &&
      input.role !== 'leadership' &&
      leaders.length <= 1 &&
      leaders.includes(account.id)
    )
      throw conflict(
        `${account.email} is the last enabled leadership account: make another account leadership first`,
      );
    const row = await updateAccountRoleRow(tx, account.id, input.role, clientId).catch(
      unknownClient(clientId),
    );
    if (row === undefined) throw notFound('Account', key);
    await recordAudit(tx, actor, {
      action: 'account.role_change',
      entity: 'account',
      entityId: account.id,
      before: viewAccount(account),
      after: viewAccount(row),
      at: now,
    });
    return viewAccount(row);
  });
}

/** An account as the people-and-accounts screen shows it. */
export interface AccountListing extends AccountView {
  /** The roster's name for this email, or null when the account has no person record. */
  name: string | null;
  status: 'active' | 'disabled';
  disabledAt: string | null;
  lastSignInAt: string | null;
  liveApiTokens: number;
}

/** Every account with its person's name, status, last sign-in and live API tokens (leadership only). */
export async function listAccountDirectory(
  services: AccessServices,
  actor: Actor,
): Promise<AccountListing[]> {
  assertAllowed(actor, 'account.manage');
  const rows = await selectAccountDirectory(services.db, services.clock.now());
  return rows.map((row) => ({
    ...viewAccount(row),
    name: row.personName,
    status: row.disabledAt === null ? 'active' : 'disabled',
    disabledAt: row.disabledAt?.toISOString() ?? null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    liveApiTokens: row.liveApiTokens,
  }));
}

/** Which token roles an account of `role` may create: its own, and for leadership also `builder`. */
function tokenRoleAllowed(accountRole: Role, tokenRole: Role): boolean {
  if (accountRole === tokenRole) return true;
  return accountRole === 'leadership' && tokenRole === 'builder';
}

export interface CreatedApiToken {
  /** The secret: shown once, never retrievable again. */
  token: string;
  record: ApiTokenView;
}

/** Creates an API token for the signed-in person, scoped to a role no higher than theirs. */
export async function createApiToken(
  services: AccessServices,
  actor: Actor,
  input: { name: string; role?: string; expiresAt?: Date | null },
): Promise<CreatedApiToken> {
  if (actor.kind !== 'person' || actor.accountId === undefined)
    throw new DomainError('unauthenticated', 'Sign in first');
  if (actor.tokenId !== undefined)
    throw new DomainError('forbidden', 'An API token cannot create tokens: sign in');
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    throw validationFailed('name: 1–100 characters', [{ field: 'name', message: '1–100 characters' }]);
  const role = input.role ?? actor.role;
  if (!isRole(role))
    throw validationFailed(`role: expected one of ${ROLES.join(', ')}`, [
      { field: 'role', message: 'unknown role' },
    ]);
  if (!tokenRoleAllowed(actor.role, role))
    throw new DomainError('forbidden', `A ${actor.role} cannot create a ${role} token`);
  const now = services.clock.now();
  if (input.expiresAt != null && input.expiresAt.getTime() <= now.getTime())
    throw validationFailed('expires_at: must be in the future', [
      { field: 'expires_at', message: 'must be in the future' },
    ]);
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const accountId = actor.accountId;
  return services.db.transaction(async (tx) => {
    const row = await insertApiToken(tx, {
      id: randomUUID(),
      accountId,
      name,
      role,
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const record = viewToken(row);
    await recordAudit(tx, actor, {
      action: 'api_token.create',
      entity: 'api_token',
      entityId: row.id,
      after: record,
      at: now,
    });
    return { token, record };
  });
}

/** The actor of a live API token (narrowed to the token's role), or null when unknown, revoked or expired. */
export async function authenticateApiToken(services: AccessServices, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const now = services.clock.now();
  const found = await findLiveApiToken(services.db, sha256(token), now);
  if (found === undefined) return null;
  const role = found.token.role;
  const accountRole = viewAccount(found.account).role;
  // A token never acts above its account, even if the account was demoted after the token was made.
  if (!isRole(role) || !tokenRoleAllowed(accountRole, role)) return null;
  await touchApiToken(services.db, found.token.id, now);
  return actorOfAccount(found.account, role, found.token.id);
}

/** Tokens of the signed-in person (leadership: everyone's). Secrets are never listed. */
export async function listApiTokens(services: AccessServices, actor: Actor): Promise<ApiTokenView[]> {
  if (actor.kind === 'operator' || actor.kind === 'system')
    return (await selectApiTokens(services.db, null)).map(viewToken);
  if (actor.kind !== 'person' || actor.accountId === undefined)
    throw new DomainError('unauthenticated', 'Sign in first');
  const all = actor.role === 'leadership' && actor.tokenId === undefined;
  return (await selectApiTokens(services.db, all ? null : actor.accountId)).map(viewToken);
}

/** Revokes a token: its owner or leadership. It stops working at once. */
export async function revokeApiToken(
  services: AccessServices,
  actor: Actor,
  id: string,
): Promise<ApiTokenView> {
  const existing = await findApiTokenById(services.db, id);
  if (existing === undefined) throw notFound('API token', id);
  const own = actor.kind === 'person' && actor.accountId === existing.accountId;
  if (!own) assertAllowed(actor, 'account.manage');
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const row = await revokeApiTokenRow(tx, id, now);
    if (row === undefined) throw new DomainError('invalid_state', `API token ${id} is already revoked`);
    const after = viewToken(row);
    await recordAudit(tx, actor, {
      action: 'api_token.revoke',
      entity: 'api_token',
      entityId: id,
      before: viewToken(existing),
      after,
      at: now,
    });
    return after;
  });
}
