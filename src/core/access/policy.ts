import type { Actor } from '../actor.js';

/**
 * The one access policy. Every read and every write of the API (and of services that check again) is
 * decided here, from three things: who acts, what they want to do, and facts about the resource —
 * the actor's relations to it, resolved from the database beforehand. Pure: no I/O, no clock.
 *
 * Roles are stored (`leadership`, `builder`, `client_stakeholder`); mentor and panelist are derived
 * relations of a builder to a resource, never roles of their own.
 */

/** Everything the API can do, named by area. Route authors pick one per route. */
export const ACTIONS = [
  // Ladders: every builder may read the ladder; only leadership publishes versions.
  'ladder.read',
  'ladder.manage',
  // Roster: a builder's profile (name, track, level history) without money.
  'builder.list',
  'builder.read',
  'builder.manage',
  // Monthly rates of builders and of placements: leadership and the person themself only.
  'rate.read',
  'rate.manage',
  // Clients and placements (placements carry rates).
  'client.read',
  'client.manage',
  'placement.read',
  'placement.manage',
  // Imports and exports of the whole organisation.
  'organisation.import',
  'organisation.export',
  // The evidence ledger of a builder.
  'evidence.read',
  'evidence.record',
  'evidence.confirm',
  // Client feedback and escalations about a builder.
  'feedback.read',
  'feedback.record',
  // Evaluation.
  'readiness.read',
  'ranking.read',
  // Mentorship: assignments and check-ins.
  'mentorship.read',
  'mentorship.manage',
  'checkin.record',
  // Referral payouts (money): leadership and the mentor themself only.
  'payout.read',
  'payout.manage',
  // Promotion cases.
  'case.list',
  'case.read',
  'case.manage',
  'case.score',
  'case.scores.read',
  'case.decide',
  'case.outcome.read',
  'case.note',
  // Accounts and the audit log.
  'account.self',
  'account.manage',
  'audit.read',
] as const;

export type Action = (typeof ACTIONS)[number];

/**
 * How the actor stands to the resource. Resolved by the caller (src/services/access/) from the
 * database; the policy only reads them.
 * - `self`: the resource is about the actor's own builder record (or the actor's own account).
 * - `mentor`: the actor currently mentors the builder the resource is about (or is the mentor of the
 *   mentorship the resource is).
 * - `panelist`: the actor sits on the panel of the case (or of a case whose candidate the builder is).
 * - `candidate`: the actor is the candidate of the case.
 * - `client_contact`: the builder is (or was) placed at the client the actor speaks for.
 */
export type Relation = 'self' | 'mentor' | 'panelist' | 'candidate' | 'client_contact';

export interface ResourceFacts {
  relations: ReadonlySet<Relation>;
  /** For `evidence.record`/`evidence.read`: the evidence kind, when the route knows it. */
  evidenceKind?: string;
}

export type Decision =
  { allow: true; reason: string } | { allow: false; reason: string; code: 'unauthenticated' | 'forbidden' };

/** Evidence that someone other than the builder records about them, by the relation that may. */
export const PEER_EVIDENCE_KINDS: ReadonlySet<string> = new Set(['review_citation']);
export const MENTOR_EVIDENCE_KINDS: ReadonlySet<string> = new Set(['mentee_review', 'checkin']);
/** Evidence only the builder's mentor (or leadership) records, never the builder (ADR 0025). */
export const ASSESSOR_EVIDENCE_KINDS: ReadonlySet<string> = new Set(['milestone_assessment']);
export const CLIENT_EVIDENCE_KINDS: ReadonlySet<string> = new Set(['client_feedback', 'escalation']);

/** No relations: for actions that are not about one resource. */
export const NO_FACTS: ResourceFacts = { relations: new Set() };

/** Builds facts from a list of relations. */
export function factsOf(relations: Iterable<Relation>, evidenceKind?: string): ResourceFacts {
  const facts: ResourceFacts = { relations: new Set(relations) };
  if (evidenceKind !== undefined) facts.evidenceKind = evidenceKind;
  return facts;
}

const allow = (reason: string): Decision => ({ allow: true, reason });
const deny = (reason: string): Decision => ({ allow: false, reason, code: 'forbidden' });

/** Grants of a builder (or, for `client_contact`, a client stakeholder) by action: which relations open it. */
const RELATION_GRANTS: Partial<Record<Action, readonly Relation[]>> = {
  'builder.read': ['self', 'mentor', 'panelist'],
  'rate.read': ['self'],
  'placement.read': ['self'],
  'evidence.read': ['self', 'mentor', 'panelist'],
  'feedback.read': ['self', 'mentor', 'panelist'],
  'feedback.record': ['client_contact'],
  'readiness.read': ['self', 'mentor', 'panelist'],
  'mentorship.read': ['self', 'mentor'],
  'checkin.record': ['self', 'mentor'],
  'evidence.confirm': ['mentor'],
  'payout.read': ['self'],
  'case.read': ['panelist'],
  'case.score': ['panelist'],
  'case.outcome.read': ['candidate', 'panelist'],
  'case.note': ['candidate', 'panelist'],
  'account.self': ['self'],
};

/** Actions open to every builder whatever the resource (reading the ladder itself). */
const ANY_BUILDER: ReadonlySet<Action> = new Set<Action>(['ladder.read', 'case.list', 'account.self']);

/**
 * Actions a client stakeholder may take at all; anything else is denied whatever the relations. They
 * see nothing, not even the feedback they gave (it sits in the builder's ledger beside other clients').
 */
const CLIENT_STAKEHOLDER_ACTIONS: ReadonlySet<Action> = new Set<Action>(['feedback.record', 'account.self']);

/** Decides whether `actor` may do `action` on a resource with `facts`; the reason says why either way. */
export function decide(actor: Actor, requested: Action, facts: ResourceFacts = NO_FACTS): Decision {
  let action = requested;
  switch (actor.kind) {
    case 'anonymous':
      return { allow: false, reason: 'sign in first', code: 'unauthenticated' };
    case 'system':
      return allow('the software itself');
    case 'operator':
      // The CLI acting on the database is the operator's tool: it may do anything, and is audited by name.
      return allow(`operator ${actor.name}`);
    case 'person':
      break;
  }
  if (actor.role === 'leadership') return allow('leadership may do everything');
  if (actor.role === 'client_stakeholder') {
    // Client feedback goes into the evidence ledger: recording it there is giving feedback.
    const kind = facts.evidenceKind;
    if (action === 'evidence.record' && kind !== undefined && CLIENT_EVIDENCE_KINDS.has(kind)) {
      action = 'feedback.record';
    }
    if (!CLIENT_STAKEHOLDER_ACTIONS.has(action)) return deny('a client stakeholder may only give feedback');
    if (action === 'account.self') return allow('your own account');
    if (action === 'feedback.record' && facts.evidenceKind !== undefined) {
      if (!CLIENT_EVIDENCE_KINDS.has(facts.evidenceKind))
        return deny(`a client stakeholder may not record ${facts.evidenceKind}`);
    }
    return facts.relations.has('client_contact')
      ? allow('the builder is placed at your client')
      : deny('the builder is not placed at your client');
  }
  // A builder.
  if (ANY_BUILDER.has(action)) return allow('open to every builder');
  if (action === 'evidence.record') return decideEvidenceRecord(facts);
  const grants = RELATION_GRANTS[action];
  if (grants === undefined) return deny(`${action} is for leadership`);
  const granted = grants.find((relation) => facts.relations.has(relation));
  return granted === undefined
    ? deny(`${action} needs you to be ${grants.join(' or ')} of the resource`)
    : allow(`you are ${granted}`);
}

/**
 * A builder records evidence: all kinds about themself but a milestone assessment; about someone else
 * only what a third party vouches for — a peer's review citation, a mentor's reviews, check-ins and
 * milestone assessments of a mentee.
 */
function decideEvidenceRecord(facts: ResourceFacts): Decision {
  const kind = facts.evidenceKind;
  if (kind !== undefined && ASSESSOR_EVIDENCE_KINDS.has(kind)) {
    if (facts.relations.has('self')) return deny(`your ${kind} is recorded by your mentor or leadership`);
    return facts.relations.has('mentor')
      ? allow('you mentor this builder')
      : deny(`only the builder's mentor or leadership may record ${kind}`);
  }
  if (facts.relations.has('self')) return allow('your own evidence');
  if (kind === undefined) return deny('evidence about someone else needs its kind');
  if (PEER_EVIDENCE_KINDS.has(kind)) return allow(`any colleague may record ${kind}`);
  if (MENTOR_EVIDENCE_KINDS.has(kind)) {
    return facts.relations.has('mentor')
      ? allow(`you mentor this builder`)
      : deny(`only the builder's mentor may record ${kind}`);
  }
  return deny(`only the builder or leadership may record ${kind}`);
}

/** True when the decision allows. */
export function isAllowed(decision: Decision): decision is { allow: true; reason: string } {
  return decision.allow;
}
