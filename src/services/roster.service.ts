import type { z } from 'zod';
import type { Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { conflict, notFound, validationFailed, type DomainError } from '../core/errors.js';
import type { EvidenceProblem } from '../core/evidence/validate-evidence.js';
import { problemsFromZod } from '../core/evidence/validate-evidence.js';
import {
  builderSchema,
  checkBuilder,
  checkMentorship,
  checkPlacement,
  clientSchema,
  mentorshipId,
  mentorshipSchema,
  personSchema,
  placementSchema,
  toBuilder,
  type RosterReferences,
} from '../core/roster/roster.schema.js';
import type {
  Builder,
  Client,
  Mentorship,
  Person,
  PersonRole,
  Placement,
} from '../core/roster/roster.types.js';
import type { Database, Executor } from '../db/connection.js';
import {
  findBuilder,
  findBuilderEmails,
  findClient,
  findClientsByIds,
  findPeopleByEmail,
  findMentorship,
  findPerson,
  findPlacement,
  listBuilders as selectBuilders,
  listClients as selectClients,
  listMentorships as selectMentorships,
  listPeople as selectPeople,
  listPlacements as selectPlacements,
  saveBuilder,
  upsertClient,
  upsertMentorship,
  upsertPerson,
  upsertPlacement,
  type MentorshipFilter,
  type Page,
  type PageRequest,
  type PlacementFilter,
} from '../db/repositories/roster.repository.js';
// The list filters are part of this service's signature: routes and the CLI name them from here, never
// from the repository.
export type { MentorshipFilter, PlacementFilter } from '../db/repositories/roster.repository.js';
import { recordAudit } from './audit.service.js';
import { refuseConflictingMentorships } from './promotion-case.service.js';
import { loadLadderContext } from './ladder-context.service.js';

export interface RosterDeps {
  db: Database;
  clock: Clock;
}

export const PAGE_LIMIT_MAX = 500;
export const PAGE_LIMIT_DEFAULT = 50;

/** Checks paging parameters: limit 1–500 (default 50), offset ≥ 0 (default 0). */
export function pageOf(input: { limit?: number | undefined; offset?: number | undefined }): PageRequest {
  const limit = input.limit ?? PAGE_LIMIT_DEFAULT;
  const offset = input.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT_MAX) {
    throw validationFailed(`limit: expected a whole number 1–${PAGE_LIMIT_MAX}`, [
      { field: 'limit', message: `expected 1–${PAGE_LIMIT_MAX}` },
    ]);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw validationFailed('offset: expected a whole number ≥ 0', [
      { field: 'offset', message: 'expected a whole number ≥ 0' },
    ]);
  }
  return { limit, offset };
}

/** Parses `input` with `schema` or throws `validation_failed` naming every field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw rejected(what, problemsFromZod(input, parsed.error));
  return parsed.data;
}

/** The `validation_failed` error for a list of field problems: the first in the message, all in details. */
export function rejected(what: string, problems: EvidenceProblem[]): DomainError {
  const first = problems[0];
  const message =
    first === undefined
      ? `${what} is not valid`
      : `${what}: ${first.field === '' ? '' : `${first.field}: `}${first.message}`;
  return validationFailed(message, problems);
}

/** True for PostgreSQL's unique_violation (23505), however deep the driver wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Turns a unique violation of a racing create into a `conflict` naming what already exists. */
async function conflictOnRace<T>(write: Promise<T>, message: string): Promise<T> {
  return write.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw conflict(message);
    throw error;
  });
}

/** Reference lookups answered by the database, one small query each (API writes touch one row). */
export async function rosterReferences(
  db: Executor,
  emails: string[],
  clientIds: string[],
): Promise<RosterReferences> {
  const builderEmails = await findBuilderEmails(db, emails);
  const personEmails = new Set((await findPeopleByEmail(db, emails)).map((p) => p.email));
  const clientSet = new Set((await findClientsByIds(db, clientIds)).map((c) => c.id));
  return {
    isBuilder: (email) => builderEmails.has(email),
    isPerson: (email) => personEmails.has(email),
    isClient: (id) => clientSet.has(id),
  };
}

// ---------------------------------------------------------------- people

/** Adds a person who is not a builder (leadership, client stakeholder); an existing email is a conflict. */
export async function createPerson(deps: RosterDeps, actor: Actor, input: unknown): Promise<Person> {
  const person = parseOrThrow(personSchema, input, 'person');
  if (person.role === 'builder') {
    throw validationFailed('role: builders are added as builders (with track, level and rate)', [
      { field: 'role', message: 'builders are added as builders (POST /api/builders)' },
    ]);
  }
  return conflictOnRace(
    deps.db.transaction(async (tx) => {
      if ((await findPerson(tx, person.email)) !== undefined)
        throw conflict(`Person ${person.email} already exists`);
      const at = deps.clock.now();
      await upsertPerson(tx, person, at);
      await recordAudit(tx, actor, {
        action: 'person.create',
        entity: 'person',
        entityId: person.email,
        after: person,
        at,
      });
      return person;
    }),
    `Person ${person.email} already exists`,
  );
}

/** One person by email. */
export async function getPerson(deps: RosterDeps, _actor: Actor, email: string): Promise<Person> {
  const person = await findPerson(deps.db, email.toLowerCase());
  if (person === undefined) throw notFound('Person', email);
  return person;
}

/** A page of people, optionally of one role. */
export async function listPeople(
  deps: RosterDeps,
  _actor: Actor,
  filter: { role?: PersonRole },
  page: { limit?: number; offset?: number },
): Promise<Page<Person>> {
  return selectPeople(deps.db, filter, pageOf(page));
}

/**
 * How a person is shown (issue 17): by the roster's name, the email being the key. An email the roster
 * lacks (a deleted person, an operator) stands for itself rather than failing the whole answer.
 */
export type NameOf = (email: string) => string;

/** A name lookup over people already loaded: their name by email, the email itself when unknown. */
export function nameLookup(people: Iterable<{ email: string; name: string }>): NameOf {
  const names = new Map<string, string>();
  for (const person of people) if (person.name.trim() !== '') names.set(person.email, person.name);
  return (email) => names.get(email.toLowerCase()) ?? email;
}

/** The roster's names of `emails` as a lookup (the email itself for anyone unknown). */
export async function namesOfPeople(db: Executor, emails: Iterable<string>): Promise<NameOf> {
  const wanted = [...new Set([...emails].map((email) => email.toLowerCase()))];
  const found: Person[] = [];
  // A level's ranking may hold thousands of builders: chunks keep each query far below PostgreSQL's
  // 65 535 bind parameters.
  for (let i = 0; i < wanted.length; i += 1000)
    found.push(...(await findPeopleByEmail(db, wanted.slice(i, i + 1000))));
  return nameLookup(found);
}

// ---------------------------------------------------------------- builders

/** Adds a builder with level and rate histories, checked against the active ladder's tracks and levels. */
export async function createBuilder(deps: RosterDeps, actor: Actor, input: unknown): Promise<Builder> {
  const parsed = parseOrThrow(builderSchema, input, 'builder');
  const problems = checkBuilder(parsed, await loadLadderContext(deps));
  if (problems.length > 0) throw rejected('builder', problems);
  const builder = toBuilder(parsed);
  return conflictOnRace(
    deps.db.transaction(async (tx) => {
      const existing = await findPerson(tx, builder.email);
      if (existing !== undefined) {
        throw conflict(
          existing.role === 'builder'
            ? `Builder ${builder.email} already exists`
            : `${builder.email} is already a ${existing.role} person`,
        );
      }
      const at = deps.clock.now();
      await saveBuilder(tx, builder, at);
      await recordAudit(tx, actor, {
        action: 'builder.create',
        entity: 'builder',
        entityId: builder.email,
        after: builder,
        at,
      });
      return builder;
    }),
    `Builder ${builder.email} already exists`,
  );
}

/** One builder with level and rate histories. */
export async function getBuilder(deps: RosterDeps, _actor: Actor, email: string): Promise<Builder> {
  const builder = await findBuilder(deps.db, email.toLowerCase());
  if (builder === undefined) throw notFound('Builder', email);
  return builder;
}

/**
 * Whether the signed-in person is a builder on the roster: a builder account made before leadership
 * added its builder record has no readiness, path or mentees yet, and its home says so instead of asking.
 */
export async function isOnRoster(deps: RosterDeps, actor: Actor): Promise<boolean> {
  if (actor.kind !== 'person' || actor.builderId === null || actor.builderId === undefined) return false;
  return (await findBuilder(deps.db, actor.builderId.toLowerCase())) !== undefined;
}

/** A page of builders, filtered by current level and/or track. */
export async function listBuilders(
  deps: RosterDeps,
  _actor: Actor,
  filter: { level?: string; track?: string },
  page: { limit?: number; offset?: number },
): Promise<Page<Builder>> {
  return selectBuilders(deps.db, filter, pageOf(page));
}

// ---------------------------------------------------------------- clients

/** Adds a client; an existing id is a conflict. */
export async function createClient(deps: RosterDeps, actor: Actor, input: unknown): Promise<Client> {
  const client = parseOrThrow(clientSchema, input, 'client');
  return conflictOnRace(
    deps.db.transaction(async (tx) => {
      if ((await findClient(tx, client.id)) !== undefined)
        throw conflict(`Client ${client.id} already exists`);
      await upsertClient(tx, client);
      await recordAudit(tx, actor, {
        action: 'client.create',
        entity: 'client',
        entityId: client.id,
        after: client,
        at: deps.clock.now(),
      });
      return client;
    }),
    `Client ${client.id} already exists`,
  );
}

/** One client by id. */
export async function getClient(deps: RosterDeps, _actor: Actor, id: string): Promise<Client> {
  const client = await findClient(deps.db, id);
  if (client === undefined) throw notFound('Client', id);
  return client;
}

/** A page of clients. */
export async function listClients(
  deps: RosterDeps,
  _actor: Actor,
  page: { limit?: number; offset?: number },
): Promise<Page<Client>> {
  return selectClients(deps.db, pageOf(page));
}

// ---------------------------------------------------------------- placements

/** Places a builder at a client; builder and client must exist, and an existing id is a conflict. */
export async function createPlacement(deps: RosterDeps, actor: Actor, input: unknown): Promise<Placement> {
  const placement = parseOrThrow(placementSchema, input, 'placement');
  return conflictOnRace(
    deps.db.transaction(async (tx) => {
      const problems = checkPlacement(
        placement,
        await rosterReferences(tx, [placement.builder], [placement.client]),
      );
      if (problems.length > 0) throw rejected('placement', problems);
      if ((await findPlacement(tx, placement.id)) !== undefined)
        throw conflict(`Placement ${placement.id} already exists`);
      await upsertPlacement(tx, placement);
      await recordAudit(tx, actor, {
        action: 'placement.create',
        entity: 'placement',
        entityId: placement.id,
        after: placement,
        at: deps.clock.now(),
      });
      return placement;
    }),
    `Placement ${placement.id} already exists`,
  );
}

/** One placement by id. */
export async function getPlacement(deps: RosterDeps, _actor: Actor, id: string): Promise<Placement> {
  const placement = await findPlacement(deps.db, id);
  if (placement === undefined) throw notFound('Placement', id);
  return placement;
}

/** A page of placements, filtered by builder, client and/or the date they are active on. */
export async function listPlacements(
  deps: RosterDeps,
  _actor: Actor,
  filter: PlacementFilter,
  page: { limit?: number; offset?: number },
): Promise<Page<Placement>> {
  return selectPlacements(deps.db, filter, pageOf(page));
}

// ---------------------------------------------------------------- mentorships

/**
 * Records a mentorship between an existing person (mentor) and builder (mentee). Plain roster data: the
 * ladder's slot and level rules are the mentorship service's to enforce on top of this.
 */
export async function createMentorship(deps: RosterDeps, actor: Actor, input: unknown): Promise<Mentorship> {
  const parsed = parseOrThrow(mentorshipSchema, input, 'mentorship');
  const mentorship: Mentorship = { id: mentorshipId(parsed), ...parsed };
  return conflictOnRace(
    deps.db.transaction(async (tx) => {
      const problems = checkMentorship(
        parsed,
        await rosterReferences(tx, [parsed.mentor, parsed.mentee], []),
      );
      if (problems.length > 0) throw rejected('mentorship', problems);
      if ((await findMentorship(tx, mentorship.id)) !== undefined) {
        throw conflict(`${parsed.mentor} already mentors ${parsed.mentee} from ${parsed.start}`);
      }
      // Plain roster data still may not tie a seated panelist to the candidate of a live case.
      await refuseConflictingMentorships(tx, [mentorship]);
      await upsertMentorship(tx, mentorship);
      await recordAudit(tx, actor, {
        action: 'mentorship.create',
        entity: 'mentorship',
        entityId: mentorship.id,
        after: mentorship,
        at: deps.clock.now(),
      });
      return mentorship;
    }),
    `${parsed.mentor} already mentors ${parsed.mentee} from ${parsed.start}`,
  );
}

/** One mentorship by id. */
export async function getMentorship(deps: RosterDeps, _actor: Actor, id: string): Promise<Mentorship> {
  const mentorship = await findMentorship(deps.db, id);
  if (mentorship === undefined) throw notFound('Mentorship', id);
  return mentorship;
}

/** A page of mentorships, filtered by mentor, mentee and/or the date they are active on. */
export async function listMentorships(
  deps: RosterDeps,
  _actor: Actor,
  filter: MentorshipFilter,
  page: { limit?: number; offset?: number },
): Promise<Page<Mentorship>> {
  return selectMentorships(deps.db, filter, pageOf(page));
}
