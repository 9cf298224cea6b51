import type { EventSightings } from '../../core/evaluation/evaluation.types.js';
import type { EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { LevelDefinition } from '../../core/ladder/ladder.schema.js';
import { addDays } from '../../core/dates/calendar.js';
import type { Executor } from '../../db/connection.js';
import { findEventDays, listAnalyticsProjects } from '../../db/repositories/integrations.repository.js';

/** The longest `seen_within_days` of a level's share rules, or undefined when no rule asks for sightings. */
export function seenWithinDaysOf(level: LevelDefinition | undefined): number | undefined {
  let longest: number | undefined;
  for (const metric of level?.ranking_standard ?? []) {
    const rule = metric.rule;
    if (rule.kind === 'share' && rule.seen_within_days !== undefined) {
      longest = Math.max(longest ?? 0, rule.seen_within_days);
    }
  }
  return longest;
}

/**
 * The days analytics saw the events that `features` declare, per client, from the earliest shipping day
 * to `withinDays` after the latest (issue 10). One query for the mapping, one for the counts.
 */
export async function loadEventSightings(
  db: Executor,
  features: readonly EvidenceRecord[],
  withinDays: number,
): Promise<EventSightings> {
  const shipped = features.filter((r) => r.kind === 'feature');
  const out = new Map<string, Map<string, string[]>>();
  if (shipped.length === 0) return out;
  const clients = [...new Set(shipped.map((f) => f.client))];
  const events = [...new Set(shipped.flatMap((f) => f.analytics_events))];
  const days = shipped.map((f) => f.shipped_on).sort();
  const projects = await listAnalyticsProjects(db, clients);
  const clientOf = new Map(projects.map((p) => [p.project, p.client]));
  const rows = await findEventDays(
    db,
    projects.map((p) => p.project),
    events,
    days[0] ?? '0000-01-01',
    addDays(days.at(-1) ?? '0000-01-01', withinDays),
  );
  for (const row of rows) {
    const client = clientOf.get(row.project);
    if (client === undefined) continue;
    const byEvent = out.get(client) ?? new Map<string, string[]>();
    out.set(client, byEvent);
    const list = byEvent.get(row.event) ?? [];
    // Rows come by day, so each list stays sorted; two projects of one client may repeat a day.
    if (list.at(-1) !== row.day) list.push(row.day);
    byEvent.set(row.event, list);
  }
  return out;
}
