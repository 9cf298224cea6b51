import type { Actor, Role } from '../../src/core/actor.js';
import type { Authenticator } from '../../src/server/access/install-access.js';

/**
 * Actors for API tests of other areas: `buildApp(deps, { authenticate: asActor(leadership) })` makes
 * every request come from that actor, without accounts or cookies. The access rules themselves are
 * tested with real accounts in test/api/access-matrix.test.ts.
 */
export const leadership: Actor = {
  kind: 'person',
  email: 'lead@example.test',
  role: 'leadership',
  accountId: 'acct-lead',
  builderId: null,
};

/** A builder actor. Builders are keyed by email, so the builder record and the email are the same. */
export function builderActor(builderId: string, email = builderId): Actor {
  return { kind: 'person', email, role: 'builder', accountId: `acct-${builderId}`, builderId };
}

/** A client stakeholder speaking for `clientId`. */
export function clientStakeholder(clientId: string, email = `contact@${clientId}.test`): Actor {
  return { kind: 'person', email, role: 'client_stakeholder', accountId: `acct-${clientId}`, clientId };
}

/** A person of a role with no relations (for quick checks). */
export function personOf(role: Role, email = `${role}@example.test`): Actor {
  return { kind: 'person', email, role };
}

/** An authenticator that says every request comes from `actor`. */
export function asActor(actor: Actor): Authenticator {
  return async () => ({ actor, method: 'injected' });
}

/** An authenticator whose actor can change between requests: set `current.actor`. */
export function switchableActor(initial: Actor): { authenticate: Authenticator; current: { actor: Actor } } {
  const current = { actor: initial };
  return { authenticate: async () => ({ actor: current.actor, method: 'injected' }), current };
}
