/**
 * One line of an analytics export (issue 10), PostHog or Mixpanel shaped, reduced to what the
 * instrumentation audit needs: which event, on which UTC day. Pure, so the streaming importer and its
 * tests share the one reading of both shapes.
 *
 * - PostHog: `{"event": "signup_completed", "timestamp": "2026-03-01T10:00:00Z", "properties": {…}}`
 * - Mixpanel: `{"event": "signup_completed", "properties": {"time": 1772359200, …}}` — seconds since the
 *   epoch (newer exports use milliseconds: a value above 10^11 is read as milliseconds).
 */

export type AnalyticsFormat = 'posthog' | 'mixpanel';

export type AnalyticsLine =
  | { ok: true; format: AnalyticsFormat; event: string; day: string }
  | { ok: false; field: string; message: string };

// 10^11 seconds is the year 5138; any larger Mixpanel time is milliseconds.
const MILLISECONDS_FROM = 1e11;

function dayOf(epochMs: number): string | undefined {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** Reads one parsed JSON line of an export; a problem names the field (`timestamp`, `properties.time`). */
export function readAnalyticsLine(raw: unknown): AnalyticsLine {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, field: '', message: 'expected a JSON object' };
  }
  const line = raw as Record<string, unknown>;
  const event = line.event;
  if (typeof event !== 'string' || event === '') {
    return { ok: false, field: 'event', message: 'expected an event name' };
  }
  if (line.timestamp !== undefined) {
    const timestamp = line.timestamp;
    const day =
      typeof timestamp === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(timestamp)
        ? dayOf(Date.parse(timestamp))
        : undefined;
    if (day === undefined) return { ok: false, field: 'timestamp', message: 'expected an ISO date-time' };
    return { ok: true, format: 'posthog', event, day };
  }
  const properties = line.properties;
  const time =
    properties !== null && typeof properties === 'object'
      ? (properties as Record<string, unknown>).time
      : undefined;
  if (time === undefined) {
    return {
      ok: false,
      field: 'timestamp',
      message: 'expected timestamp (PostHog) or properties.time (Mixpanel)',
    };
  }
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
    return { ok: false, field: 'properties.time', message: 'expected seconds since 1970 (a number)' };
  }
  const day = dayOf(time >= MILLISECONDS_FROM ? time : time * 1000);
  if (day === undefined)
    return { ok: false, field: 'properties.time', message: 'expected seconds since 1970' };
  return { ok: true, format: 'mixpanel', event, day };
}
