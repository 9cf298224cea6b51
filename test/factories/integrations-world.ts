import { systemActor } from '../../src/core/actor.js';
import type { Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/connection.js';
import { createBuilder, createClient, createPerson } from '../../src/services/roster.service.js';

/** The team the integration tests share: three builders, a leader, one client (issue 10). */
export const TEAM = {
  rosa: 'rosa@example.test',
  tom: 'tom@example.test',
  ana: 'ana@example.test',
  lead: 'lead@example.test',
  client: 'northwind',
} as const;

/** Creates the team through the roster service (so it is exactly what an organisation would have). */
export async function createTeam(deps: { db: Database; clock: Clock }): Promise<void> {
  for (const [name, email] of [
    ['Rosa', TEAM.rosa],
    ['Tom', TEAM.tom],
    ['Ana', TEAM.ana],
  ] as const) {
    await createBuilder(deps, systemActor, {
      email,
      name,
      track: 'ai-first-business-manager',
      levels: [{ level: 'L4', since: '2025-01-01' }],
      rates: [{ since: '2025-01-01', rate_minor: 900_000, currency: 'EUR' }],
    });
  }
  await createPerson(deps, systemActor, { email: TEAM.lead, name: 'Lee', role: 'leadership' });
  await createClient(deps, systemActor, { id: TEAM.client, name: 'Northwind' });
}
