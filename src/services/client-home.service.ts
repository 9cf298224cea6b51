import type { Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { forbidden } from '../core/errors.js';
import type { Database } from '../db/connection.js';
import { findPeopleByEmail } from '../db/repositories/roster.repository.js';
import { listPlacements, PAGE_LIMIT_MAX } from './roster.service.js';

export interface ClientHomeDeps {
  db: Database;
  clock: Clock;
}

/** A builder placed at the client, as their client contact sees them: who and when, never a rate. */
export interface ClientBuilder {
  builder: string;
  name: string;
  placement: string;
  start: string;
  end: string | null;
  /** Placed at the client today (started, not ended): feedback about them is due from the client. */
  active: boolean;
}

/**
 * The builders placed at the signed-in client contact's own client (current placements first, then
 * past ones, newest start first). Only a client stakeholder has a client; anyone else is refused rather
 * than shown someone else's list.
 */
export async function listClientBuilders(deps: ClientHomeDeps, actor: Actor): Promise<ClientBuilder[]> {
  if (actor.kind !== 'person' || actor.role !== 'client_stakeholder')
    throw forbidden("This list is a client contact's own: the builders placed at their client");
  const client = actor.clientId ?? null;
  if (client === null) return [];
  const today = deps.clock.now().toISOString().slice(0, 10);
  const placements = [];
  for (let offset = 0; ; offset += PAGE_LIMIT_MAX) {
    const page = await listPlacements(deps, actor, { client }, { limit: PAGE_LIMIT_MAX, offset });
    placements.push(...page.items);
    if (page.items.length < PAGE_LIMIT_MAX) break;
  }
  const people = new Map(
    (await findPeopleByEmail(deps.db, [...new Set(placements.map((p) => p.builder))])).map((p) => [
      p.email,
      p.name,
    ]),
  );
  return placements
    .map((p) => ({
      builder: p.builder,
      name: people.get(p.builder) ?? p.builder,
      placement: p.id,
      start: p.start,
      end: p.end,
      active: p.start <= today && (p.end === null || p.end >= today),
    }))
    .sort(
      (a, b) =>
        Number(b.active) - Number(a.active) || b.start.localeCompare(a.start) || a.name.localeCompare(b.name),
    );
}
