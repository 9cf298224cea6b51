import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../connection.js';
import {
  analyticsEventDays,
  clientAnalyticsProjects,
  personAccounts,
  sourceSyncStates,
} from '../schema/integrations.schema.js';
import { people } from '../schema/roster.schema.js';

/** A person's account at an outside service. */
export interface PersonAccountRow {
  provider: 'github';
  account: string;
  person: string;
}

/** A client's analytics project. */
export interface AnalyticsProjectRow {
  project: string;
  provider: 'posthog' | 'mixpanel';
  client: string;
}

/** One (project, event, day) count. */
export interface EventDayRow {
  project: string;
  event: string;
  day: string;
  count: number;
}

/** Where a source last stopped. */
export interface SyncStateRow {
  source: string;
  kind: string;
  cursor: unknown;
  lastRunAt: Date;
  lastStatus: string;
  counts: Record<string, number>;
}

/** Adds or re-points a person account (the login moves to the named person). */
export async function upsertPersonAccount(db: Executor, row: PersonAccountRow): Promise<void> {
  await db
    .insert(personAccounts)
    .values({ provider: row.provider, account: row.account, personEmail: row.person })
    .onConflictDoUpdate({
      target: [personAccounts.provider, personAccounts.account],
      set: { personEmail: row.person },
    });
}

/** One account by provider and login. */
export async function findPersonAccount(
  db: Executor,
  provider: string,
  account: string,
): Promise<PersonAccountRow | undefined> {
  const rows = await db
    .select()
    .from(personAccounts)
    .where(and(eq(personAccounts.provider, provider), eq(personAccounts.account, account)))
    .limit(1);
  const row = rows[0];
  return row === undefined ? undefined : toAccount(row);
}

function toAccount(row: typeof personAccounts.$inferSelect): PersonAccountRow {
  return { provider: row.provider as 'github', account: row.account, person: row.personEmail };
}

/** Every person account, optionally of one person, by provider then login. */
export async function listPersonAccounts(db: Executor, person?: string): Promise<PersonAccountRow[]> {
  const rows = await db
    .select()
    .from(personAccounts)
    .where(person === undefined ? undefined : eq(personAccounts.personEmail, person))
    .orderBy(asc(personAccounts.provider), asc(personAccounts.account));
  return rows.map(toAccount);
}

/** Removes one person account; true when it existed. */
export async function deletePersonAccount(db: Executor, provider: string, account: string): Promise<boolean> {
  const rows = await db
    .delete(personAccounts)
    .where(and(eq(personAccounts.provider, provider), eq(personAccounts.account, account)))
    .returning({ account: personAccounts.account });
  return rows.length > 0;
}

/** Adds or re-points an analytics project (the project moves to the named client). */
export async function upsertAnalyticsProject(db: Executor, row: AnalyticsProjectRow): Promise<void> {
  await db
    .insert(clientAnalyticsProjects)
    .values({ project: row.project, provider: row.provider, clientId: row.client })
    .onConflictDoUpdate({
      target: clientAnalyticsProjects.project,
      set: { provider: row.provider, clientId: row.client },
    });
}

function toProject(row: typeof clientAnalyticsProjects.$inferSelect): AnalyticsProjectRow {
  return { project: row.project, provider: row.provider as 'posthog' | 'mixpanel', client: row.clientId };
}

/** One analytics project by id. */
export async function findAnalyticsProject(
  db: Executor,
  project: string,
): Promise<AnalyticsProjectRow | undefined> {
  const rows = await db
    .select()
    .from(clientAnalyticsProjects)
    .where(eq(clientAnalyticsProjects.project, project))
    .limit(1);
  return rows[0] === undefined ? undefined : toProject(rows[0]);
}

/** Every analytics project, optionally of some clients, by project id. */
export async function listAnalyticsProjects(
  db: Executor,
  clientIds?: readonly string[],
): Promise<AnalyticsProjectRow[]> {
  if (clientIds !== undefined && clientIds.length === 0) return [];
  const rows = await db
    .select()
    .from(clientAnalyticsProjects)
    .where(clientIds === undefined ? undefined : inArray(clientAnalyticsProjects.clientId, [...clientIds]))
    .orderBy(asc(clientAnalyticsProjects.project));
  return rows.map(toProject);
}

/** Removes one analytics project mapping (its counts stay); true when it existed. */
export async function deleteAnalyticsProject(db: Executor, project: string): Promise<boolean> {
  const rows = await db
    .delete(clientAnalyticsProjects)
    .where(eq(clientAnalyticsProjects.project, project))
    .returning({ project: clientAnalyticsProjects.project });
  return rows.length > 0;
}

/**
 * Writes day counts; a (project, event, day) already there takes the new count, because an export
 * covers its days completely and importing it twice must not double anything.
 */
export async function replaceEventDays(db: Executor, rows: readonly EventDayRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    await db
      .insert(analyticsEventDays)
      .values([...chunk])
      .onConflictDoUpdate({
        target: [analyticsEventDays.project, analyticsEventDays.event, analyticsEventDays.day],
        set: { count: sql`excluded.count` },
      });
  }
}

/** Day counts of some events in some projects between two days (inclusive), by day. */
export async function findEventDays(
  db: Executor,
  projects: readonly string[],
  events: readonly string[],
  from: string,
  to: string,
): Promise<EventDayRow[]> {
  if (projects.length === 0 || events.length === 0) return [];
  return db
    .select()
    .from(analyticsEventDays)
    .where(
      and(
        inArray(analyticsEventDays.project, [...projects]),
        inArray(analyticsEventDays.event, [...events]),
        gte(analyticsEventDays.day, from),
        lte(analyticsEventDays.day, to),
      ),
    )
    .orderBy(asc(analyticsEventDays.day), asc(analyticsEventDays.event));
}

/** The stored state of one source. */
export async function findSyncState(db: Executor, source: string): Promise<SyncStateRow | undefined> {
  const rows = await db.select().from(sourceSyncStates).where(eq(sourceSyncStates.source, source)).limit(1);
  return rows[0] === undefined ? undefined : toState(rows[0]);
}

function toState(row: typeof sourceSyncStates.$inferSelect): SyncStateRow {
  return {
    source: row.source,
    kind: row.kind,
    cursor: row.cursor,
    lastRunAt: row.lastRunAt,
    lastStatus: row.lastStatus,
    counts: row.counts as Record<string, number>,
  };
}

/** Saves the state of one source (replacing what was there). */
export async function saveSyncState(db: Executor, state: SyncStateRow): Promise<void> {
  const values = {
    source: state.source,
    kind: state.kind,
    cursor: state.cursor ?? null,
    lastRunAt: state.lastRunAt,
    lastStatus: state.lastStatus,
    counts: state.counts,
  };
  await db
    .insert(sourceSyncStates)
    .values(values)
    .onConflictDoUpdate({ target: sourceSyncStates.source, set: values });
}

/** Every source's state, by kind then source. */
export async function listSyncStates(db: Executor): Promise<SyncStateRow[]> {
  const rows = await db
    .select()
    .from(sourceSyncStates)
    .orderBy(asc(sourceSyncStates.kind), asc(sourceSyncStates.source));
  return rows.map(toState);
}

/** People whose name matches one of `names` (case-insensitive), as name (lower-case) → emails. */
export async function findPeopleByNames(
  db: Executor,
  names: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const lowered = [...new Set(names.map((name) => name.trim().toLowerCase()))];
  if (lowered.length === 0) return out;
  const rows = await db
    .select({ email: people.email, name: people.name })
    .from(people)
    .where(inArray(sql`lower(${people.name})`, lowered));
  for (const row of rows) {
    const key = row.name.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), row.email]);
  }
  return out;
}
