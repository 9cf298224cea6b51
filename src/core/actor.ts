/**
 * Who is acting. Every service function takes an actor so access control and the audit log sit on one
 * seam. `operator` is the CLI acting directly on the database; `system` is the software itself
 * (migrations, demo data).
 */
export type Role = 'leadership' | 'builder' | 'client_stakeholder';

export type Actor =
  | {
      kind: 'person';
      email: string;
      role: Role;
      /** The account signed in (absent for actors built in tests of other areas). */
      accountId?: string;
      /** The builder record this person is, when they are a builder. */
      builderId?: string | null;
      /** The client this person speaks for, when they are a client stakeholder. */
      clientId?: string | null;
      /** Set when the request came with an API token rather than a session. */
      tokenId?: string;
    }
  | { kind: 'operator'; name: string }
  | { kind: 'system' }
  | { kind: 'anonymous' };

export const systemActor: Actor = { kind: 'system' };

/** The operator actor the CLI uses, named after the OS user unless LADDER_OPERATOR says otherwise. */
export function operatorActor(name: string): Actor {
  return { kind: 'operator', name };
}

/** A short label for logs and the audit trail. */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'person':
      return actor.email;
    case 'operator':
      return `operator:${actor.name}`;
    case 'system':
      return 'system';
    case 'anonymous':
      return 'anonymous';
  }
}
