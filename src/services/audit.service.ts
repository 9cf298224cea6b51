import { decide } from '../core/access/policy.js';
import { describeActor, type Actor } from '../core/actor.js';
import { DomainError, validationFailed } from '../core/errors.js';
import { isoDateProblem } from '../core/input/safe-input.js';
import type { Executor } from '../db/connection.js';
import {
  insertAuditRow,
  selectAccountEmails,
  selectAuditRows,
  selectPeopleNames,
  type AuditQuery,
  type AuditRow,
} from '../db/repositories/audit.repository.js';

/** One write, as the service that made it describes it. */
export interface AuditEntry {
  /** Verb-ish and stable: `builder.create`, `placement.end`, `case.decide`, `account.password_change`. */
  action: string;
  /** The table-ish name of what changed: `builder`, `placement`, `promotion_case`. */
  entity: string;
  /** Its id (as a string). */
  entityId: string | number;
  /** The record before the write (null/omitted for a creation). */
  before?: unknown;
  /** The record after the write (null/omitted for a deletion). */
  after?: unknown;
  /** When; defaults to the current time. Pass the service's clock time for reproducible tests. */
  at?: Date;
}

// Never written to the log, at any depth: credentials and their hashes.
const SECRET_KEYS =
  /^(password|passwordhash|password_hash|token|tokenhash|token_hash|secret|csrf|csrftoken|csrf_token|sessiontoken|session_token)$/i;

/** A copy of `value` with credential fields replaced by "[redacted]" and dates as ISO strings. */
export function redactSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] = SECRET_KEYS.test(key) ? '[redacted]' : redactSecrets(item);
    }
    return out;
  }
  return value;
}

/**
 * Records one write in the audit log, inside the caller's transaction so the entry exists exactly when
 * the write does. Call it in every service function that writes, after the write, with the same `tx`.
 */
export async function recordAudit(tx: Executor, actor: Actor, entry: AuditEntry): Promise<AuditRow> {
  if (entry.action.trim() === '' || entry.entity.trim() === '') {
    throw new Error('recordAudit: action and entity are required');
  }
  return insertAuditRow(tx, {
    at: entry.at ?? new Date(),
    actor: describeActor(actor),
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: redactSecrets(entry.before),
    after: redactSecrets(entry.after),
  });
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  /** ISO date or date-time, inclusive. A date means from its start (UTC). */
  from?: string;
  /** ISO date or date-time. A date means up to and including that day (UTC). */
  to?: string;
  beforeId?: number;
  limit?: number;
}

export const AUDIT_PAGE_MAX = 500;

function parseBound(value: string, field: 'from' | 'to'): Date {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  // `new Date('2025-02-30')` is 2 March: a day must be a real one, in the years the product supports.
  const dayProblem = dayOnly ? isoDateProblem(value) : null;
  if (dayProblem !== null) {
    throw validationFailed(`${field}: ${dayProblem}, got "${value}"`, [{ field, message: dayProblem }]);
  }
  const date = new Date(dayOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw validationFailed(`${field}: expected an ISO date or date-time, got "${value}"`, [
      { field, message: 'expected an ISO date or date-time' },
    ]);
  }
  // "to 2026-11-26" includes the whole day.
  if (dayOnly && field === 'to') date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

/** Lists audit entries matching the filter, newest first; leadership and operators only. */
export async function listAudit(db: Executor, actor: Actor, filter: AuditFilter = {}): Promise<AuditRow[]> {
  const decision = decide(actor, 'audit.read');
  if (!decision.allow) throw new DomainError(decision.code, `Not allowed: ${decision.reason}`);
  const limit = filter.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX) {
    throw validationFailed(`limit: expected a whole number 1–${AUDIT_PAGE_MAX}`, [
      { field: 'limit', message: `expected 1–${AUDIT_PAGE_MAX}` },
    ]);
  }
  const query: AuditQuery = { limit };
  if (filter.actor !== undefined) query.actor = filter.actor;
  if (filter.action !== undefined) query.action = filter.action;
  if (filter.entity !== undefined) query.entity = filter.entity;
  if (filter.entityId !== undefined) query.entityId = filter.entityId;
  if (filter.from !== undefined) query.from = parseBound(filter.from, 'from');
  if (filter.to !== undefined) query.to = parseBound(filter.to, 'to');
  if (filter.beforeId !== undefined) query.beforeId = filter.beforeId;
  return selectAuditRows(db, query);
}

/** An audit entry with the people it names: who did it, and the person an account or person entity is. */
export interface NamedAuditRow extends AuditRow {
  /** The actor's name when the actor is a person on the roster; null for operators, system and unknown. */
  actorName: string | null;
  /** For an entity that is a person (builder, person) or an account: their email and name (null if unknown). */
  entityPerson: { email: string; name: string | null } | null;
}

const looksLikeEmail = (value: string): boolean => /^[^@\s]+@[^@\s]+$/.test(value);

/** Lists audit entries like listAudit, naming the people in them (two lookups per page, not one per row). */
export async function listAuditNamed(
  db: Executor,
  actor: Actor,
  filter: AuditFilter = {},
): Promise<NamedAuditRow[]> {
  const rows = await listAudit(db, actor, filter);
  const accountEmails = await selectAccountEmails(db, [
    ...new Set(rows.filter((row) => row.entity === 'account').map((row) => row.entityId)),
  ]);
  const personOf = (row: AuditRow): string | undefined =>
    row.entity === 'account'
      ? accountEmails.get(row.entityId)
      : looksLikeEmail(row.entityId)
        ? row.entityId
        : undefined;
  const emails = new Set<string>();
  for (const row of rows) {
    if (looksLikeEmail(row.actor)) emails.add(row.actor);
    const person = personOf(row);
    if (person !== undefined) emails.add(person);
  }
  const names = await selectPeopleNames(db, [...emails]);
  return rows.map((row) => {
    const person = personOf(row);
    return {
      ...row,
      actorName: names.get(row.actor) ?? null,
      entityPerson: person === undefined ? null : { email: person, name: names.get(person) ?? null },
    };
  });
}
