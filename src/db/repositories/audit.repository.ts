import { and, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../connection.js';
import { accounts } from '../schema/auth.schema.js';
import { people } from '../schema/roster.schema.js';
import { auditLog } from '../schema/system.schema.js';

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface NewAuditRow {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  /** Inclusive lower bound on `at`. */
  from?: Date;
  /** Exclusive upper bound on `at`. */
  to?: Date;
  /** Only entries with an id below this one (paging backwards through time). */
  beforeId?: number;
  limit: number;
}

/** Appends one entry. There is no update or delete: the log is append-only (a trigger enforces it too). */
export async function insertAuditRow(executor: Executor, row: NewAuditRow): Promise<AuditRow> {
  const [inserted] = await executor
    .insert(auditLog)
    .values({ ...row, before: row.before ?? null, after: row.after ?? null })
    .returning();
  if (inserted === undefined) throw new Error('audit insert returned no row');
  return inserted;
}

/** Entries matching every given filter, newest first. */
export async function selectAuditRows(executor: Executor, query: AuditQuery): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (query.actor !== undefined) conditions.push(eq(auditLog.actor, query.actor));
  if (query.action !== undefined) conditions.push(eq(auditLog.action, query.action));
  if (query.entity !== undefined) conditions.push(eq(auditLog.entity, query.entity));
  if (query.entityId !== undefined) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.from !== undefined) conditions.push(gte(auditLog.at, query.from));
  if (query.to !== undefined) conditions.push(lt(auditLog.at, query.to));
  if (query.beforeId !== undefined) conditions.push(lte(auditLog.id, query.beforeId - 1));
  return executor
    .select()
    .from(auditLog)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
}

/** The names of the people with these emails (people without a roster row are left out). */
export async function selectPeopleNames(executor: Executor, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await executor
    .select({ email: people.email, name: people.name })
    .from(people)
    .where(inArray(people.email, emails));
  return new Map(rows.map((row) => [row.email, row.name]));
}

/** The email of each account with these ids, for naming an audited account by its person. */
export async function selectAccountEmails(executor: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await executor
    .select({ id: accounts.id, email: accounts.email })
    .from(accounts)
    .where(inArray(accounts.id, ids));
  return new Map(rows.map((row) => [row.id, row.email]));
}
