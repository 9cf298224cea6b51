/**
 * Who is acting. Every service function takes an actor so access control and the audit log sit on one
 * seam. `operator` is the CLI acting directly on the database; `system` is the software itself
 * (migrations, demo data).
 */
export type Role = 'leadership' | 'builder' | 'client_stakeholder';

export type Actor =
  | { kind: 'person'; email: string; role: Role }
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
