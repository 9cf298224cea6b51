import type { Actor } from '../../core/actor.js';
import { isoDateOf } from '../../core/dates/calendar.js';
import { isRosterEmpty } from '../../db/repositories/roster.repository.js';
import { applyOrganisation, type ImportDeps, type ImportSummary } from '../interchange/import.service.js';
import { ladderContextOf, loadActiveLadders } from '../ladder-context.service.js';
import { generateDemoOrganisation } from './demo-organisation.js';

/**
 * Loads the demo organisation (a year of evidence ending on the clock's today) into a database whose
 * roster is empty; a database with anyone in it is left alone. Returns what was written, or null.
 * It goes through the same checked, all-or-nothing path as `ladder import`, and marks the database as
 * the demo's in the same transaction (banner, no real import into it, demo accounts only there).
 */
export async function loadDemoIfEmpty(
  deps: ImportDeps,
  actor: Actor,
  options: { builders?: number; recordsPerBuilder?: number } = {},
): Promise<ImportSummary | null> {
  if (!(await isRosterEmpty(deps.db))) return null;
  const ladders = await loadActiveLadders(deps);
  const ladder = ladders.find((doc) => doc.tracks.some((t) => t.id === 'ai-first-business-manager'));
  const data = generateDemoOrganisation({
    ...options,
    today: isoDateOf(deps.clock.now()),
    ...(ladder === undefined ? {} : { ladder }),
  });
  return applyOrganisation(deps, actor, data, {
    source: 'demo',
    ladder: ladderContextOf(ladders),
    demo: true,
  });
}
