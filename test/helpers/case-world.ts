import { operatorActor, type Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { openCase, saveSheet, setPanel } from '../../src/services/promotion-case.service.js';
import { createBuilder, createPerson } from '../../src/services/roster.service.js';
import { builderActor, personOf } from './actors.js';
import { buildSheet } from './promotion-fixtures.js';

/** A small organisation for promotion-case tests: three L5 panelists, leadership, L4 candidates, an L5 spare. */
export const CASE_NOW = '2026-11-26T12:00:00Z';
export const caseClock = fixedClock(CASE_NOW);
export const ops: Actor = operatorActor('test');
export const leadership: Actor = personOf('leadership', 'lead@example.test');
export const PANEL = ['p1@example.test', 'p2@example.test', 'p3@example.test'] as const;
export const panelActors: Actor[] = PANEL.map((email) => builderActor(email, email));
const LADDER = 'ai-first-business-manager';

/** Seeds the ladder, leadership, the panelists, `candidates` at L4 and `spare` L5 builders. */
export async function seedCaseWorld(
  database: DatabaseHandle,
  candidates: readonly string[],
  spare: readonly string[] = [],
): Promise<Services> {
  const services = buildServices({ database, clock: caseClock });
  await publishShippedLaddersIfEmpty(services, ops);
  await createPerson(services, ops, { email: 'lead@example.test', name: 'Lea Lead', role: 'leadership' });
  const builder = (email: string, level: string, since: string) =>
    createBuilder(services, ops, {
      email,
      name: email.split('@')[0],
      track: LADDER,
      levels: [{ level, since }],
      rates: [{ since, rate_minor: 800_000, currency: 'USD' }],
    });
  for (const email of [...PANEL, ...spare]) await builder(email, 'L5', '2024-01-01');
  for (const email of candidates) await builder(email, 'L4', '2024-01-01');
  return services;
}

/** Opens a case for `candidate` (by override: these candidates have no evidence) and seats PANEL. */
export async function openSeatedCase(services: Services, candidate: string): Promise<number> {
  const opened = await openCase(services, leadership, { candidate, override_reason: 'test case' });
  await setPanel(services, leadership, opened.id, { panelists: [...PANEL] });
  return opened.id;
}

/** Submits a passing sheet for each panelist in `who` (indexes into PANEL). */
export async function submitSheets(services: Services, id: number, who: readonly number[]): Promise<void> {
  for (const index of who) {
    const actor = panelActors[index];
    if (actor === undefined) throw new Error(`no panelist ${index}`);
    await saveSheet(services, actor, id, buildSheet({ score: 3 }), { submit: true });
  }
}
