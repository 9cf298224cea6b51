import { and, asc, count, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  trackOfStep,
  type Builder,
  type Client,
  type LevelStep,
  type Mentorship,
  type Person,
  type PersonRole,
  type Placement,
  type RateStep,
} from '../../core/roster/roster.types.js';
import type { Executor } from '../connection.js';
import {
  builderLevels,
  builderRates,
  builders,
  clients,
  mentorships,
  people,
  placements,
} from '../schema/roster.schema.js';

/** A page of rows and how many match in all. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/**
 * Runs two lazy drizzle queries one after the other. Inside a transaction on node-postgres there is one
 * connection, and queries sent concurrently on it are deprecated (and serialised anyway).
 */
export async function inSequence<A, B>([first, second]: [PromiseLike<A>, PromiseLike<B>]): Promise<[A, B]> {
  const a = await first;
  const b = await second;
  return [a, b];
}

// ---------------------------------------------------------------- people

function toPerson(row: typeof people.$inferSelect): Person {
  return { email: row.email, name: row.name, role: row.role as PersonRole };
}

/** One person by email. */
export async function findPerson(db: Executor, email: string): Promise<Person | undefined> {
  const rows = await db.select().from(people).where(eq(people.email, email)).limit(1);
  return rows[0] === undefined ? undefined : toPerson(rows[0]);
}

/** People whose emails are in `emails` (for reference checks in bulk). */
export async function findPeopleByEmail(db: Executor, emails: readonly string[]): Promise<Person[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .select()
    .from(people)
    .where(inArray(people.email, [...emails]));
  return rows.map(toPerson);
}

/** Every person, by email. */
export async function listAllPeople(db: Executor): Promise<Person[]> {
  return (await db.select().from(people).orderBy(asc(people.email))).map(toPerson);
}

/** A page of people, optionally of one role, by email. */
export async function listPeople(
  db: Executor,
  filter: { role?: PersonRole },
  page: PageRequest,
): Promise<Page<Person>> {
  const where = filter.role === undefined ? undefined : eq(people.role, filter.role);
  const [rows, totals] = await inSequence([
    db.select().from(people).where(where).orderBy(asc(people.email)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(people).where(where),
  ]);
  return { items: rows.map(toPerson), total: totals[0]?.n ?? 0 };
}

/** Inserts a person, or updates name and role of an existing one. */
export async function upsertPerson(db: Executor, person: Person, createdAt: Date): Promise<void> {
  await db
    .insert(people)
    .values({ ...person, createdAt })
    .onConflictDoUpdate({ target: people.email, set: { name: person.name, role: person.role } });
}

/** Inserts many people at once (new ones only). */
export async function insertPeople(db: Executor, rows: readonly Person[], createdAt: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((person) => ({ ...person, createdAt }));
    if (chunk.length > 0) await db.insert(people).values(chunk);
  }
}

// ---------------------------------------------------------------- builders

interface BuilderRow {
  email: string;
  name: string;
  track: string;
}

function assemble(
  rows: BuilderRow[],
  levels: (typeof builderLevels.$inferSelect)[],
  rates: (typeof builderRates.$inferSelect)[],
): Builder[] {
  const levelsBy = new Map<string, LevelStep[]>();
  for (const row of levels) {
    const list = levelsBy.get(row.builderEmail) ?? [];
    list.push({ level: row.level, since: row.since, track: row.track });
    levelsBy.set(row.builderEmail, list);
  }
  const ratesBy = new Map<string, RateStep[]>();
  for (const row of rates) {
    const list = ratesBy.get(row.builderEmail) ?? [];
    list.push({ since: row.since, rate_minor: row.rateMinor, currency: row.currency });
    ratesBy.set(row.builderEmail, list);
  }
  return rows.map((row) => {
    const history = levelsBy.get(row.email) ?? [];
    const current = history[history.length - 1];
    return {
      email: row.email,
      name: row.name,
      track: row.track,
      level: current?.level ?? '',
      level_since: current?.since ?? '',
      levels: history,
      rates: ratesBy.get(row.email) ?? [],
    };
  });
}

async function withHistories(db: Executor, rows: BuilderRow[]): Promise<Builder[]> {
  if (rows.length === 0) return [];
  const emails = rows.map((row) => row.email);
  const [levels, rates] = await inSequence([
    db
      .select()
      .from(builderLevels)
      .where(inArray(builderLevels.builderEmail, emails))
      .orderBy(asc(builderLevels.builderEmail), asc(builderLevels.since)),
    db
      .select()
      .from(builderRates)
      .where(inArray(builderRates.builderEmail, emails))
      .orderBy(asc(builderRates.builderEmail), asc(builderRates.since)),
  ]);
  return assemble(rows, levels, rates);
}

const builderColumns = { email: builders.email, name: people.name, track: builders.track };

/** One builder with level and rate histories. */
export async function findBuilder(db: Executor, email: string): Promise<Builder | undefined> {
  const rows = await db
    .select(builderColumns)
    .from(builders)
    .innerJoin(people, eq(people.email, builders.email))
    .where(eq(builders.email, email))
    .limit(1);
  return (await withHistories(db, rows))[0];
}

/** Every builder with histories, by email (export, the demo, and bulk reference checks). */
export async function listAllBuilders(db: Executor): Promise<Builder[]> {
  const rows = await db
    .select(builderColumns)
    .from(builders)
    .innerJoin(people, eq(people.email, builders.email))
    .orderBy(asc(builders.email));
  const [levels, rates] = await inSequence([
    db.select().from(builderLevels).orderBy(asc(builderLevels.builderEmail), asc(builderLevels.since)),
    db.select().from(builderRates).orderBy(asc(builderRates.builderEmail), asc(builderRates.since)),
  ]);
  return assemble(rows, levels, rates);
}

/** The level a builder holds now: the step with the latest `since`. */
const currentLevelOf = sql`(select bl.level from ${builderLevels} bl where bl.builder_email = ${builders.email} order by bl.since desc limit 1)`;

/** A page of builders, by email, filtered by current level and/or track. */
export async function listBuilders(
  db: Executor,
  filter: { level?: string; track?: string },
  page: PageRequest,
): Promise<Page<Builder>> {
  const conditions: SQL[] = [];
  if (filter.level !== undefined) conditions.push(sql`${currentLevelOf} = ${filter.level}`);
  if (filter.track !== undefined) conditions.push(eq(builders.track, filter.track));
  const where = conditions.length === 0 ? undefined : and(...conditions);
  const [rows, totals] = await inSequence([
    db
      .select(builderColumns)
      .from(builders)
      .innerJoin(people, eq(people.email, builders.email))
      .where(where)
      .orderBy(asc(builders.email))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(builders).where(where),
  ]);
  return { items: await withHistories(db, rows), total: totals[0]?.n ?? 0 };
}

/** A builder's level steps as rows, each in its own track: a step that names none is in the builder's. */
function levelRows(
  builder: Pick<Builder, 'email' | 'track' | 'levels'>,
): (typeof builderLevels.$inferInsert)[] {
  return builder.levels.map((step) => ({
    builderEmail: builder.email,
    level: step.level,
    track: trackOfStep(step, builder.track),
    since: step.since,
  }));
}

/** Writes a builder: the person row, the builder row, and both histories replaced by the given ones. */
export async function saveBuilder(db: Executor, builder: Builder, createdAt: Date): Promise<void> {
  await upsertPerson(db, { email: builder.email, name: builder.name, role: 'builder' }, createdAt);
  await db
    .insert(builders)
    .values({ email: builder.email, track: builder.track })
    .onConflictDoUpdate({ target: builders.email, set: { track: builder.track } });
  await db.delete(builderLevels).where(eq(builderLevels.builderEmail, builder.email));
  await db.delete(builderRates).where(eq(builderRates.builderEmail, builder.email));
  await db.insert(builderLevels).values(levelRows(builder));
  await db.insert(builderRates).values(
    builder.rates.map((step) => ({
      builderEmail: builder.email,
      since: step.since,
      rateMinor: step.rate_minor,
      currency: step.currency,
    })),
  );
}

/** Inserts many new builders (people rows, builder rows, histories) in a few statements. */
export async function insertBuilders(db: Executor, list: readonly Builder[], createdAt: Date): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    if (chunk.length === 0) continue;
    await db
      .insert(people)
      .values(chunk.map((b) => ({ email: b.email, name: b.name, role: 'builder', createdAt })));
    await db.insert(builders).values(chunk.map((b) => ({ email: b.email, track: b.track })));
    await db.insert(builderLevels).values(chunk.flatMap(levelRows));
    await db.insert(builderRates).values(
      chunk.flatMap((b) =>
        b.rates.map((s) => ({
          builderEmail: b.email,
          since: s.since,
          rateMinor: s.rate_minor,
          currency: s.currency,
        })),
      ),
    );
  }
}

/** Emails among `emails` that are builders. */
export async function findBuilderEmails(db: Executor, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ email: builders.email })
    .from(builders)
    .where(inArray(builders.email, [...emails]));
  return new Set(rows.map((row) => row.email));
}

// ---------------------------------------------------------------- clients

/** One client by id. */
export async function findClient(db: Executor, id: string): Promise<Client | undefined> {
  const rows = await db.select().from(clients).where(eq(clients.id, id)).limit(1);
  return rows[0];
}

/** Clients whose ids are in `ids` (for reference checks in bulk). */
export async function findClientsByIds(db: Executor, ids: readonly string[]): Promise<Client[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(clients)
    .where(inArray(clients.id, [...ids]));
}

/** Every client, by id. */
export async function listAllClients(db: Executor): Promise<Client[]> {
  return db.select().from(clients).orderBy(asc(clients.id));
}

/** A page of clients, by id. */
export async function listClients(db: Executor, page: PageRequest): Promise<Page<Client>> {
  const [rows, totals] = await inSequence([
    db.select().from(clients).orderBy(asc(clients.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(clients),
  ]);
  return { items: rows, total: totals[0]?.n ?? 0 };
}

/** Inserts a client or renames an existing one. */
export async function upsertClient(db: Executor, client: Client): Promise<void> {
  await db
    .insert(clients)
    .values(client)
    .onConflictDoUpdate({ target: clients.id, set: { name: client.name } });
}

// ---------------------------------------------------------------- placements

function toPlacement(row: typeof placements.$inferSelect): Placement {
  return {
    id: row.id,
    builder: row.builderEmail,
    client: row.clientId,
    start: row.start,
    end: row.end,
    rate_minor: row.rateMinor,
    currency: row.currency,
    extended: row.extended,
    requested_back: row.requestedBack,
  };
}

function placementValues(placement: Placement): typeof placements.$inferInsert {
  return {
    id: placement.id,
    builderEmail: placement.builder,
    clientId: placement.client,
    start: placement.start,
    end: placement.end,
    rateMinor: placement.rate_minor,
    currency: placement.currency,
    extended: placement.extended,
    requestedBack: placement.requested_back,
  };
}

/** One placement by id. */
export async function findPlacement(db: Executor, id: string): Promise<Placement | undefined> {
  const rows = await db.select().from(placements).where(eq(placements.id, id)).limit(1);
  return rows[0] === undefined ? undefined : toPlacement(rows[0]);
}

/** Every placement, by id. */
export async function listAllPlacements(db: Executor): Promise<Placement[]> {
  return (await db.select().from(placements).orderBy(asc(placements.id))).map(toPlacement);
}

export interface PlacementFilter {
  builder?: string;
  client?: string;
  /** Only placements active on this date (started, not ended). */
  activeOn?: string;
}

/** A page of placements by start date then id. */
export async function listPlacements(
  db: Executor,
  filter: PlacementFilter,
  page: PageRequest,
): Promise<Page<Placement>> {
  const conditions: SQL[] = [];
  if (filter.builder !== undefined) conditions.push(eq(placements.builderEmail, filter.builder));
  if (filter.client !== undefined) conditions.push(eq(placements.clientId, filter.client));
  if (filter.activeOn !== undefined) {
    conditions.push(lte(placements.start, filter.activeOn));
    const ongoing = or(isNull(placements.end), gte(placements.end, filter.activeOn));
    if (ongoing !== undefined) conditions.push(ongoing);
  }
  const where = conditions.length === 0 ? undefined : and(...conditions);
  const [rows, totals] = await inSequence([
    db
      .select()
      .from(placements)
      .where(where)
      .orderBy(asc(placements.start), asc(placements.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(placements).where(where),
  ]);
  return { items: rows.map(toPlacement), total: totals[0]?.n ?? 0 };
}

/** Inserts a placement or replaces the fields of an existing one with the same id. */
export async function upsertPlacement(db: Executor, placement: Placement): Promise<void> {
  const values = placementValues(placement);
  const { id: _id, ...set } = values;
  await db.insert(placements).values(values).onConflictDoUpdate({ target: placements.id, set });
}

/** Inserts many new placements. */
export async function insertPlacements(db: Executor, list: readonly Placement[]): Promise<void> {
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000);
    if (chunk.length > 0) await db.insert(placements).values(chunk.map(placementValues));
  }
}

// ---------------------------------------------------------------- mentorships

function toMentorship(row: typeof mentorships.$inferSelect): Mentorship {
  return { id: row.id, mentor: row.mentorEmail, mentee: row.menteeEmail, start: row.start, end: row.end };
}

function mentorshipValues(m: Mentorship): typeof mentorships.$inferInsert {
  return { id: m.id, mentorEmail: m.mentor, menteeEmail: m.mentee, start: m.start, end: m.end };
}

/** One mentorship by id. */
export async function findMentorship(db: Executor, id: string): Promise<Mentorship | undefined> {
  const rows = await db.select().from(mentorships).where(eq(mentorships.id, id)).limit(1);
  return rows[0] === undefined ? undefined : toMentorship(rows[0]);
}

/** Every mentorship, by start then mentor then mentee. */
export async function listAllMentorships(db: Executor): Promise<Mentorship[]> {
  const rows = await db
    .select()
    .from(mentorships)
    .orderBy(asc(mentorships.start), asc(mentorships.mentorEmail), asc(mentorships.menteeEmail));
  return rows.map(toMentorship);
}

export interface MentorshipFilter {
  mentor?: string;
  mentee?: string;
  activeOn?: string;
}

/** A page of mentorships by start, mentor, mentee. */
export async function listMentorships(
  db: Executor,
  filter: MentorshipFilter,
  page: PageRequest,
): Promise<Page<Mentorship>> {
  const conditions: SQL[] = [];
  if (filter.mentor !== undefined) conditions.push(eq(mentorships.mentorEmail, filter.mentor));
  if (filter.mentee !== undefined) conditions.push(eq(mentorships.menteeEmail, filter.mentee));
  if (filter.activeOn !== undefined) {
    conditions.push(lte(mentorships.start, filter.activeOn));
    const ongoing = or(isNull(mentorships.end), gte(mentorships.end, filter.activeOn));
    if (ongoing !== undefined) conditions.push(ongoing);
  }
  const where = conditions.length === 0 ? undefined : and(...conditions);
  const [rows, totals] = await inSequence([
    db
      .select()
      .from(mentorships)
      .where(where)
      .orderBy(asc(mentorships.start), asc(mentorships.mentorEmail), asc(mentorships.menteeEmail))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(mentorships).where(where),
  ]);
  return { items: rows.map(toMentorship), total: totals[0]?.n ?? 0 };
}

/** Inserts a mentorship or updates the end of an existing one (the id fixes mentor, mentee and start). */
export async function upsertMentorship(db: Executor, mentorship: Mentorship): Promise<void> {
  await db
    .insert(mentorships)
    .values(mentorshipValues(mentorship))
    .onConflictDoUpdate({ target: mentorships.id, set: { end: mentorship.end } });
}

/** Inserts many new mentorships. */
export async function insertMentorships(db: Executor, list: readonly Mentorship[]): Promise<void> {
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000);
    if (chunk.length > 0) await db.insert(mentorships).values(chunk.map(mentorshipValues));
  }
}

/** True when the roster holds no person at all (an empty organisation, e.g. before the demo loads). */
export async function isRosterEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ email: people.email }).from(people).limit(1);
  return rows.length === 0;
}
