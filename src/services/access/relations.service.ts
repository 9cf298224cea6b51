import { factsOf, type Relation, type ResourceFacts } from '../../core/access/policy.js';
import type { Actor } from '../../core/actor.js';
import type { Executor } from '../../db/connection.js';

/** What a request is about, as named by the route (ids as strings). */
export interface ResourceRef {
  /** The builder the data is about. */
  builderId?: string;
  /** A mentorship: resolves to its mentee (and the actor's role in it). */
  mentorshipId?: string;
  /** A promotion case: resolves to its candidate and panel. */
  caseId?: string;
  /** The account the request is about. */
  accountId?: string;
  /** The evidence kind being recorded or read. */
  evidenceKind?: string;
}

/**
 * Resolves the actor's relations to a resource from the database, for the pure policy to read.
 * Only persons have relations; leadership, operators and the system are decided without them.
 */
export async function resolveFacts(db: Executor, actor: Actor, ref: ResourceRef): Promise<ResourceFacts> {
  void db;
  const relations = new Set<Relation>();
  if (actor.kind === 'person' && actor.role !== 'leadership') {
    if (ref.accountId !== undefined && actor.accountId === ref.accountId) relations.add('self');
    const me = actor.builderId ?? null;
    if (ref.builderId !== undefined && me !== null && ref.builderId === me) relations.add('self');
  }
  return factsOf(relations, ref.evidenceKind);
}
