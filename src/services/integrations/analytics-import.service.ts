import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import { readAnalyticsLine } from '../../core/integrations/analytics-event.js';
import type { Database } from '../../db/connection.js';
import {
  findAnalyticsProject,
  replaceEventDays,
  type EventDayRow,
} from '../../db/repositories/integrations.repository.js';
import { recordAudit } from '../audit.service.js';
import { recordSourceState } from './sources.service.js';

export interface AnalyticsImportDeps {
  db: Database;
  clock: Clock;
}

export interface AnalyticsImportSummary {
  project: string;
  /** Event lines read. */
  events: number;
  posthog: number;
  mixpanel: number;
  /** Distinct event names, and (event, day) counts written. */
  distinct_events: number;
  event_days: number;
  first_day: string | null;
  last_day: string | null;
}

// Enough to fix a broken export without flooding the terminal; the total is always reported.
const MAX_REPORTED_ERRORS = 20;

/**
 * Imports an analytics export (NDJSON, PostHog or Mixpanel lines) for one project of a client. The file
 * is streamed line by line and reduced to a count per event and UTC day, so memory grows with the number
 * of distinct (event, day) pairs, never with the file. Any bad line rejects the whole file (each problem
 * as `file:line: field: message`) and nothing is written; a good file replaces the counts of the days it
 * covers, so importing it again changes nothing.
 */
export async function importAnalytics(
  deps: AnalyticsImportDeps,
  actor: Actor,
  path: string,
  options: { project: string; onProgress?: (bytesRead: number, totalBytes: number) => void },
): Promise<AnalyticsImportSummary> {
  const project = await findAnalyticsProject(deps.db, options.project);
  if (project === undefined) {
    throw new DomainError(
      'validation_failed',
      `project: unknown analytics project ${options.project}; link it to a client first (ladder accounts link-project)`,
    );
  }
  const totalBytes = await stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      throw new DomainError('import_failed', `${path}: cannot read: ${error.code ?? error.message}`, {
        errors: [`${path}: cannot read`],
      });
    },
  );
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const counts = new Map<string, number>();
  const events = new Set<string>();
  const errors: string[] = [];
  let errorCount = 0;
  const summary: AnalyticsImportSummary = {
    project: project.project,
    events: 0,
    posthog: 0,
    mixpanel: 0,
    distinct_events: 0,
    event_days: 0,
    first_day: null,
    last_day: null,
  };
  let lineNumber = 0;
  let lastProgress = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      errorCount += 1;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(`${path}:${lineNumber}: not valid JSON`);
      continue;
    }
    const line = readAnalyticsLine(raw);
    if (!line.ok) {
      errorCount += 1;
      if (errors.length < MAX_REPORTED_ERRORS) {
        errors.push(`${path}:${lineNumber}: ${line.field === '' ? '' : `${line.field}: `}${line.message}`);
      }
      continue;
    }
    summary.events += 1;
    summary[line.format] += 1;
    events.add(line.event);
    // NUL cannot appear in a JSON-decoded event name without escaping; it separates the key safely.
    const key = `${line.event}\u0000${line.day}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (summary.first_day === null || line.day < summary.first_day) summary.first_day = line.day;
    if (summary.last_day === null || line.day > summary.last_day) summary.last_day = line.day;
    if (options.onProgress !== undefined && summary.events - lastProgress >= 50_000) {
      lastProgress = summary.events;
      options.onProgress(input.bytesRead, totalBytes);
    }
  }
  if (errorCount > 0) {
    throw new DomainError('import_failed', `${errorCount} bad line(s) in ${path}; nothing was imported`, {
      errors: errorCount > errors.length ? [...errors, `… and ${errorCount - errors.length} more`] : errors,
    });
  }
  const rows: EventDayRow[] = [];
  for (const [key, count] of counts) {
    const [event = '', day = ''] = key.split('\u0000');
    rows.push({ project: project.project, event, day, count });
  }
  summary.distinct_events = events.size;
  summary.event_days = rows.length;
  await deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    await replaceEventDays(tx, rows);
    await recordAudit(tx, actor, {
      action: 'analytics.import',
      entity: 'analytics_project',
      entityId: project.project,
      after: { file: basename(path), ...summary },
      at,
    });
    await recordSourceState(
      tx,
      actor,
      {
        source: `analytics:${project.project}`,
        kind: 'analytics',
        cursor: { file: basename(path), last_day: summary.last_day },
        status: 'ok',
        counts: {
          events: summary.events,
          distinct_events: summary.distinct_events,
          event_days: summary.event_days,
        },
      },
      at,
    );
  });
  options.onProgress?.(totalBytes, totalBytes);
  return summary;
}
