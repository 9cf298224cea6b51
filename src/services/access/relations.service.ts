import {
  decide,
  factsOf,
  type Action,
  type Decision,
  type Relation,
  type ResourceFacts,
} from '../../core/access/policy.js';
import type { Actor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import {
  caseParties,
  isMentorOn,
  isPanelistForCandidate,
  isPlacedAtClient,
  mentorshipParties,
} from '../../db/repositories/access-relations.repository.js';

/** What a request is about, as named by the route (ids as strings). */
export interface ResourceRef {
  /** The builder the data is about (builders are keyed by email). */
  builderId?: string;
  /** A mentorship: the actor is `mentor` of it when they are its mentor, `self` when its mentee. */
  mentorshipId?: string;
  /** A promotion case: the actor is its `candidate` or one of its seated `panelist`s. */
  caseId?: string;
  /** The account the request is about. */
  accountId?: string;
  /** The evidence kind being recorded or read. */
  evidenceKind?: string;
}

/** A client stakeholder may still give feedback this many days after a placement ended. */
export const FEEDBACK_GRACE_DAYS = 90;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Resolves the actor's relations to a resource from the database, for the pure policy to read.
 * Only persons other than leadership have relations; leadership, operators and the system are
 * decided without them. `now` is the request time (mentorships and placements are dated); it defaults
 * to the current time because access is always decided for the moment of the request.
 */
export async function resolveFacts(
  db: Executor,
  actor: Actor,
  ref: ResourceRef,
  now: Date = new Date(),
): Promise<ResourceFacts> {
  const relations = new Set<Relation>();
  if (actor.kind !== 'person' || actor.role === 'leadership') return factsOf(relations, ref.evidenceKind);
  // Builders are keyed by email; an account's builderId is that email.
  const me = (actor.builderId ?? actor.email).toLowerCase();
  const today = isoDay(now);
  if (ref.accountId !== undefined && actor.accountId === ref.accountId) relations.add('self');

  if (actor.role === 'client_stakeholder') {
    const clientId = actor.clientId ?? null;
    if (clientId !== null && ref.builderId !== undefined) {
      const graceFrom = isoDay(new Date(now.getTime() - FEEDBACK_GRACE_DAYS * 86_400_000));
      if (await isPlacedAtClient(db, ref.builderId.toLowerCase(), clientId, graceFrom, today)) {
        relations.add('client_contact');
      }
    }
    return factsOf(relations, ref.evidenceKind);
  }

  // A builder.
  if (ref.builderId !== undefined) {
    const builder = ref.builderId.toLowerCase();
    if (builder === me) relations.add('self');
    else {
      if (await isMentorOn(db, me, builder, today)) relations.add('mentor');
      if (await isPanelistForCandidate(db, me, builder)) relations.add('panelist');
    }
  }
  if (ref.mentorshipId !== undefined) {
    const parties = await mentorshipParties(db, ref.mentorshipId);
    if (parties?.mentor === me) relations.add('mentor');
    if (parties?.mentee === me) relations.add('self');
  }
  if (ref.caseId !== undefined && /^\d{1,15}$/.test(ref.caseId)) {
    const parties = await caseParties(db, Number(ref.caseId));
    if (parties?.candidate === me) relations.add('candidate');
    if (parties?.panelists.includes(me) === true) relations.add('panelist');
  }
  return factsOf(relations, ref.evidenceKind);
}

/** Decides `action` on the resource `ref` for `actor` (relations resolved from the database). */
export async function authorize(
  db: Executor,
  actor: Actor,
  action: Action,
  ref: ResourceRef = {},
  now: Date = new Date(),
): Promise<Decision> {
  return decide(actor, action, await resolveFacts(db, actor, ref, now));
}

/** Like authorize, but throws `forbidden`/`unauthenticated` (with the policy's reason) when denied. */
export async function assertAuthorized(
  db: Executor,
  actor: Actor,
  action: Action,
  ref: ResourceRef = {},
  now: Date = new Date(),
): Promise<void> {
  const decision = await authorize(db, actor, action, ref, now);
  if (!decision.allow) throw new DomainError(decision.code, `Not allowed: ${decision.reason}`);
}
