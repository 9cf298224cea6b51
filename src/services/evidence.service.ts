import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { conflict, DomainError, forbidden, notFound, validationFailed } from '../core/errors.js';
import type { EvidenceInput, EvidenceKindName, EvidenceRecord } from '../core/evidence/evidence.schema.js';
import { FORBIDDING_RULES } from '../core/evidence/evidence-rules.js';
import {
  checkEvidenceReferences,
  parseEvidenceInput,
  type EvidenceProblem,
  type EvidenceReferences,
  type KnownEvidence,
} from '../core/evidence/validate-evidence.js';
import type { LadderContext } from '../core/roster/roster.schema.js';
import { evidenceIdsOf } from '../core/roster/check-evidence.js';
import type { PersonRole } from '../core/roster/roster.types.js';
import type { Database, Executor } from '../db/connection.js';
import { findAccountByEmail } from '../db/repositories/accounts.repository.js';
import {
  findEvidence,
  findKnownEvidence,
  insertEvidence,
  listEvidence as selectEvidence,
  listEvidenceOfBuilder,
  type EvidenceFilter,
} from '../db/repositories/evidence.repository.js';
import {
  findBuilderEmails,
  findPeopleByEmail,
  listMentorships,
  listPlacements,
  type Page,
} from '../db/repositories/roster.repository.js';
import { recordAudit } from './audit.service.js';
import { lockContributions, maintainContributions } from './contributions.service.js';
import { loadLadderContext } from './ladder-context.service.js';
import { isUniqueViolation, pageOf, rejected, rosterReferences } from './roster.service.js';

export interface EvidenceDeps {
  db: Database;
  clock: Clock;
}

/** Every person email a record points at. */
export function referencedEmails(record: EvidenceInput): string[] {
  const emails = [record.builder, record.recorded_by];
  if (record.confirmed_by !== null) emails.push(record.confirmed_by);
  if (record.kind === 'mentee_review' || record.kind === 'checkin') emails.push(record.mentee);
  return emails;
}

/** The client id a record points at, if its kind has one. */
export function referencedClient(record: EvidenceInput): string | undefined {
  switch (record.kind) {
    case 'decision':
    case 'feature':
    case 'client_feedback':
    case 'escalation':
      return record.client;
    default:
      return undefined;
  }
}

/** The stored form of a checked input: recorded_at always set. */
export function toEvidenceRecord(input: EvidenceInput, recordedAt: Date): EvidenceRecord {
  return { ...input, recorded_at: new Date(input.recorded_at ?? recordedAt).toISOString() };
}

/**
 * Who may put which names on a record. The ledger's value rests on `recorded_by` and `confirmed_by`
 * being true — a vouched metric counts only records someone else recorded or confirmed — so a person
 * records in their own name only and cannot confirm on someone else's behalf. Leadership, the operator
 * and the system (imports, the demo) may record on behalf of others.
 */
function checkAuthorship(actor: Actor, record: EvidenceInput): void {
  if (actor.kind !== 'person' || actor.role === 'leadership') return;
  if (record.recorded_by !== actor.email) {
    throw forbidden(
      `recorded_by: you record evidence in your own name (${actor.email}), not ${record.recorded_by}`,
    );
  }
  if (record.confirmed_by !== null && record.confirmed_by !== actor.email) {
    throw forbidden(`confirmed_by: only ${record.confirmed_by} can confirm in their own name`);
  }
}

/** More placements than one builder ever has: the rules read them all. */
const ALL_PLACEMENTS = { limit: 100_000, offset: 0 };

async function referencesFor(
  db: Executor,
  actor: Actor,
  record: EvidenceInput,
  ladder: LadderContext,
): Promise<EvidenceReferences> {
  const client = referencedClient(record);
  const emails = referencedEmails(record);
  const roster = await rosterReferences(db, emails, client === undefined ? [] : [client]);
  const known = await findKnownEvidence(db, evidenceIdsOf(record));
  const roles = new Map<string, PersonRole>();
  for (const person of await findPeopleByEmail(db, emails)) roles.set(person.email, person.role);
  for (const email of await findBuilderEmails(db, emails)) roles.set(email, 'builder');
  // The client a contact speaks for: the signed-in actor's own when it is them, else their account's.
  let contactClient: string | undefined;
  if (roles.get(record.recorded_by) === 'client_stakeholder') {
    const own = actor.kind === 'person' && actor.email === record.recorded_by ? actor.clientId : undefined;
    contactClient = own ?? (await findAccountByEmail(db, record.recorded_by))?.clientId ?? undefined;
  }
  const placements =
    client === undefined ? [] : (await listPlacements(db, { builder: record.builder }, ALL_PLACEMENTS)).items;
  // Only an assessment asks who mentors the builder (the assessor rule): other kinds read nothing more.
  const mentorships =
    record.kind === 'milestone_assessment'
      ? (await listMentorships(db, { mentee: record.builder }, ALL_PLACEMENTS)).items
      : [];
  return {
    ...roster,
    evidence: (id: string): KnownEvidence | undefined => known.get(id),
    curriculumModules: ladder.curriculumModules,
    selfEvaluationItems: ladder.selfEvaluationItems,
    competencyAreas: ladder.competencyAreas,
    pointsMilestones: ladder.pointsMilestones,
    roleOf: (email) => roles.get(email),
    clientOf: (email) => (email === record.recorded_by ? contactClient : undefined),
    placementsOf: (builder) => (builder === record.builder ? placements : []),
    mentorshipsOf: (builder) => (builder === record.builder ? mentorships : []),
  };
}

/**
 * The error for a refused record: `forbidden` when a rule says the actor may not (correcting someone
 * else's record), else `validation_failed`; the details list every problem with its field and rule.
 */
function refusal(input: EvidenceInput, problems: EvidenceProblem[]): DomainError {
  const denied = problems.find((p) => p.rule !== undefined && FORBIDDING_RULES.has(p.rule));
  if (denied === undefined) return rejected('evidence', problems);
  return new DomainError('forbidden', `evidence ${input.id}: ${denied.field}: ${denied.message}`, problems);
}

/**
 * Appends one record to the ledger. The body is a record as in evidence.ndjson without `recorded_at`
 * (the system sets it); `id` is generated when absent and `recorded_by` defaults to the acting person.
 * Every field and reference is checked and named when wrong; an existing id is a conflict — corrections
 * are new records with `supersedes`, nothing is overwritten.
 */
export async function recordEvidence(
  deps: EvidenceDeps,
  actor: Actor,
  body: unknown,
): Promise<EvidenceRecord> {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const raw = body as Record<string, unknown>;
    if (raw.recorded_at !== undefined) {
      throw validationFailed('recorded_at: set by the system when the record is made', [
        { field: 'recorded_at', message: 'set by the system when the record is made' },
      ]);
    }
    body = {
      ...raw,
      id: raw.id ?? `ev-${randomUUID()}`,
      recorded_by: raw.recorded_by ?? (actor.kind === 'person' ? actor.email : undefined),
    };
  }
  const parsed = parseEvidenceInput(body);
  if (!parsed.ok) throw rejected('evidence', parsed.problems);
  const input = parsed.value;
  checkAuthorship(actor, input);
  const ladder = await loadLadderContext(deps);
  const write = deps.db.transaction(async (tx) => {
    const problems = checkEvidenceReferences(input, await referencesFor(tx, actor, input, ladder));
    if (problems.length > 0) throw refusal(input, problems);
    if ((await findEvidence(tx, input.id)) !== undefined) {
      throw conflict(
        `Evidence ${input.id} already exists; a correction is a new record with supersedes: ${input.id}`,
      );
    }
    const at = deps.clock.now();
    const record = toEvidenceRecord(input, at);
    // The builder's contributions follow the write in its transaction (ADR 0019).
    const lock = await lockContributions(tx, record);
    await insertEvidence(tx, [record]);
    await maintainContributions(tx, record, lock);
    await recordAudit(tx, actor, {
      action: 'evidence.record',
      entity: 'evidence',
      entityId: record.id,
      after: record,
      at,
    });
    return record;
  });
  // Two requests racing on one id, or on correcting one record, meet the database's unique indexes.
  return write.catch((error: unknown) => {
    if (isUniqueViolation(error)) {
      throw conflict(
        `Evidence ${input.id} (or another correction of ${input.supersedes ?? 'the same record'}) was recorded at the same time; reload and retry`,
      );
    }
    throw error;
  });
}

/** One record by id. */
export async function getEvidence(deps: EvidenceDeps, _actor: Actor, id: string): Promise<EvidenceRecord> {
  const record = await findEvidence(deps.db, id);
  if (record === undefined) throw notFound('Evidence', id);
  return record;
}

/**
 * Whose record `id` is and of which kind, for the route's access check that runs before the record is
 * read (undefined when there is none: an allowed caller then gets not_found from `getEvidence`). The
 * answer only feeds the policy decision; nothing of the record reaches the caller from here.
 */
export async function evidenceSubject(
  deps: EvidenceDeps,
  _actor: Actor,
  id: string,
): Promise<{ builder: string; kind: EvidenceKindName } | undefined> {
  const record = await findEvidence(deps.db, id);
  return record === undefined ? undefined : { builder: record.builder, kind: record.kind };
}

export interface EvidenceListFilter {
  builder?: string;
  kind?: EvidenceKindName;
  recorded_by?: string;
  from?: string;
  to?: string;
  /** `oldest` (the default: the CLI's and the export's order) or `newest` first (what a screen shows). */
  order?: 'oldest' | 'newest';
}

/** A page of records (all of them, corrections and corrected alike), by date then ledger order, or newest first. */
export async function listEvidence(
  deps: EvidenceDeps,
  _actor: Actor,
  filter: EvidenceListFilter,
  page: { limit?: number; offset?: number },
): Promise<Page<EvidenceRecord>> {
  const query: EvidenceFilter = {};
  if (filter.builder !== undefined) query.builder = filter.builder.toLowerCase();
  if (filter.kind !== undefined) query.kind = filter.kind;
  if (filter.recorded_by !== undefined) query.recordedBy = filter.recorded_by.toLowerCase();
  if (filter.from !== undefined) query.from = filter.from;
  if (filter.to !== undefined) query.to = filter.to;
  if (filter.order === 'newest') query.newestFirst = true;
  return selectEvidence(deps.db, query, pageOf(page));
}

/** Every record of one builder, all dates, corrections included (what an evaluation reads). */
export async function listBuilderEvidence(
  deps: EvidenceDeps,
  _actor: Actor,
  builder: string,
): Promise<EvidenceRecord[]> {
  return listEvidenceOfBuilder(deps.db, builder.toLowerCase());
}
