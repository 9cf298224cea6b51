import type { EvidenceInput, EvidenceRecord } from '../evidence/evidence.schema.js';
import type { EvidenceReferences } from '../evidence/validate-evidence.js';
import type { OrganisationData, OrganisationProblem } from './organisation.types.js';
import {
  checkBuilder,
  checkMentorship,
  checkPlacement,
  type LadderContext,
  type RosterReferences,
} from './roster.schema.js';
import type { Builder, Client, Mentorship, Person, PersonRole, Placement } from './roster.types.js';

/** What the database already holds that an incoming roster is checked against. */
export interface ExistingOrganisation {
  people: ReadonlyMap<string, Person>;
  builders: ReadonlyMap<string, Builder>;
  clients: ReadonlyMap<string, Client>;
  placements: ReadonlyMap<string, Placement>;
  mentorships: ReadonlyMap<string, Mentorship>;
  /** The client each client stakeholder with an account speaks for (by email). */
  contactClients: ReadonlyMap<string, string>;
}

/** An organisation's roster: everything but the ledger, which is checked as a stream (check-evidence.ts). */
export type OrganisationRoster = Omit<OrganisationData, 'evidence'>;

/**
 * What an evidence record's checks need to know besides other records: the roster as it will be after
 * the import (the files over the database) and the active ladder.
 */
export type EvidenceFacts = Omit<EvidenceReferences, 'evidence'>;

/** What applying the data would change: the entities to write, by collection (the rest are unchanged). */
export interface OrganisationPlan {
  people: Person[];
  newBuilders: Builder[];
  changedBuilders: Builder[];
  clients: Client[];
  placements: Placement[];
  mentorships: Mentorship[];
  unchanged: number;
}

export type OrganisationCheck = (
  { ok: true; plan: OrganisationPlan } | { ok: false; problems: OrganisationProblem[] }
) & { facts: EvidenceFacts };

/** A stable text of a value: object keys sorted, so two equal records compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * True when an incoming record is the stored one again (a re-import): every field equal, `recorded_at`
 * compared only when the incoming record gives one.
 */
export function isSameEvidence(incoming: EvidenceInput, stored: EvidenceRecord): boolean {
  const recordedAt =
    incoming.recorded_at === undefined ? stored.recorded_at : new Date(incoming.recorded_at).toISOString();
  return same({ ...incoming, recorded_at: recordedAt }, stored);
}

/**
 * Checks an organisation's roster against itself and what is stored: duplicate keys, every reference
 * (to the files or the database), tracks and levels against the ladder. Returns every problem, or the
 * plan of writes; either way the facts its evidence is then checked against.
 */
export function checkOrganisation(
  data: OrganisationRoster,
  existing: ExistingOrganisation,
  ladder: LadderContext | null,
): OrganisationCheck {
  const problems: OrganisationProblem[] = [];
  const add = (
    collection: OrganisationProblem['collection'],
    index: number,
    field: string,
    message: string,
  ): void => {
    problems.push({ collection, index, field, message });
  };
  const plan: OrganisationPlan = {
    people: [],
    newBuilders: [],
    changedBuilders: [],
    clients: [],
    placements: [],
    mentorships: [],
    unchanged: 0,
  };

  // Builders first: people, placements, mentorships and evidence refer to them.
  const builderIndex = new Map<string, number>();
  data.builders.forEach((builder, index) => {
    const first = builderIndex.get(builder.email);
    if (first !== undefined)
      return add(
        'builders',
        index,
        'email',
        `duplicate builder ${builder.email} (first at entry ${first + 1})`,
      );
    builderIndex.set(builder.email, index);
    for (const problem of checkBuilder(builder, ladder))
      add('builders', index, problem.field, problem.message);
    const person = existing.people.get(builder.email);
    if (person !== undefined && person.role !== 'builder') {
      return add('builders', index, 'email', `${builder.email} is already a ${person.role} person`);
    }
    const stored = existing.builders.get(builder.email);
    if (stored === undefined) plan.newBuilders.push(builder);
    else if (!same(stored, builder)) plan.changedBuilders.push(builder);
    else plan.unchanged += 1;
  });

  const personIndex = new Map<string, number>();
  data.people.forEach((person, index) => {
    const first = personIndex.get(person.email);
    if (first !== undefined)
      return add('people', index, 'email', `duplicate person ${person.email} (first at entry ${first + 1})`);
    personIndex.set(person.email, index);
    const isBuilder = builderIndex.has(person.email) || existing.builders.has(person.email);
    if (isBuilder) {
      // A builder may appear in people.csv as role `builder`; their data lives in builders.csv.
      if (person.role !== 'builder')
        add('people', index, 'role', `${person.email} is a builder, not ${person.role}`);
      else plan.unchanged += 1;
      return;
    }
    const stored = existing.people.get(person.email);
    if (stored !== undefined && same(stored, person)) plan.unchanged += 1;
    else plan.people.push(person);
  });

  const clientIndex = new Map<string, number>();
  data.clients.forEach((client, index) => {
    const first = clientIndex.get(client.id);
    if (first !== undefined)
      return add('clients', index, 'id', `duplicate client ${client.id} (first at entry ${first + 1})`);
    clientIndex.set(client.id, index);
    const stored = existing.clients.get(client.id);
    if (stored !== undefined && same(stored, client)) plan.unchanged += 1;
    else plan.clients.push(client);
  });

  const refs: RosterReferences = {
    isBuilder: (email) => builderIndex.has(email) || existing.builders.has(email),
    isPerson: (email) => builderIndex.has(email) || personIndex.has(email) || existing.people.has(email),
    isClient: (id) => clientIndex.has(id) || existing.clients.has(id),
  };

  const placementIndex = new Map<string, number>();
  data.placements.forEach((placement, index) => {
    const first = placementIndex.get(placement.id);
    if (first !== undefined)
      return add(
        'placements',
        index,
        'id',
        `duplicate placement ${placement.id} (first at entry ${first + 1})`,
      );
    placementIndex.set(placement.id, index);
    for (const problem of checkPlacement(placement, refs))
      add('placements', index, problem.field, problem.message);
    const stored = existing.placements.get(placement.id);
    if (stored !== undefined && same(stored, placement)) plan.unchanged += 1;
    else plan.placements.push(placement);
  });

  const mentorshipIndex = new Map<string, number>();
  data.mentorships.forEach((mentorship, index) => {
    const first = mentorshipIndex.get(mentorship.id);
    if (first !== undefined) {
      return add(
        'mentorships',
        index,
        'mentee',
        `duplicate mentorship of ${mentorship.mentee} by ${mentorship.mentor} from ${mentorship.start} (first at entry ${first + 1})`,
      );
    }
    mentorshipIndex.set(mentorship.id, index);
    for (const problem of checkMentorship(mentorship, refs))
      add('mentorships', index, problem.field, problem.message);
    const stored = existing.mentorships.get(mentorship.id);
    if (stored !== undefined && same(stored, mentorship)) plan.unchanged += 1;
    else plan.mentorships.push(mentorship);
  });

  // The facts the evidence checks read (checkEvidenceBatch): the files' people and placements over the
  // stored ones. Kept per person and per builder, so their size is the roster's, never the ledger's.
  const roleOf = (email: string): PersonRole | undefined => {
    if (refs.isBuilder(email)) return 'builder';
    const index = personIndex.get(email);
    return (index === undefined ? undefined : data.people[index]?.role) ?? existing.people.get(email)?.role;
  };
  const placementsByBuilder = new Map<string, Placement[]>();
  const allPlacements = new Map(existing.placements);
  for (const placement of data.placements) allPlacements.set(placement.id, placement);
  for (const placement of allPlacements.values()) {
    const list = placementsByBuilder.get(placement.builder);
    if (list === undefined) placementsByBuilder.set(placement.builder, [placement]);
    else list.push(placement);
  }
  const mentorshipsByMentee = new Map<string, Mentorship[]>();
  const allMentorships = new Map(existing.mentorships);
  for (const mentorship of data.mentorships) allMentorships.set(mentorship.id, mentorship);
  for (const mentorship of allMentorships.values()) {
    const list = mentorshipsByMentee.get(mentorship.mentee);
    if (list === undefined) mentorshipsByMentee.set(mentorship.mentee, [mentorship]);
    else list.push(mentorship);
  }
  const facts: EvidenceFacts = {
    ...refs,
    curriculumModules: ladder?.curriculumModules ?? null,
    selfEvaluationItems: ladder?.selfEvaluationItems ?? null,
    competencyAreas: ladder?.competencyAreas ?? null,
    pointsMilestones: ladder?.pointsMilestones ?? null,
    roleOf,
    clientOf: (email) => existing.contactClients.get(email),
    placementsOf: (builder) => placementsByBuilder.get(builder) ?? [],
    mentorshipsOf: (builder) => mentorshipsByMentee.get(builder) ?? [],
  };

  return problems.length > 0 ? { ok: false, problems, facts } : { ok: true, plan, facts };
}
