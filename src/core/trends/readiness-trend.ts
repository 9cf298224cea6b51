import { addMonthsClamped, lastDayOfMonth, monthOf } from '../dates/calendar.js';
import type { Readiness } from '../evaluation/readiness.js';

/**
 * A builder's readiness over time (issue 17, "charts that answer … trends over time"): one point per
 * month end, each the readiness answer of that day reduced to what a chart draws, with the ids of the
 * records behind every metric so each point can be opened.
 */

/** One metric of one point: its value against the threshold the ladder set that day. */
export interface TrendMetric {
  id: string;
  status: Readiness['metrics'][number]['status'];
  value: number | null;
  threshold: number;
  /** The records the metric counted that day. */
  evidence: string[];
}

/** Readiness on one day, reduced. */
export interface TrendPoint {
  day: string;
  level: string;
  target_level: string | null;
  metrics_met: number;
  metrics_total: number;
  eligible_for_case: boolean;
  metrics: TrendMetric[];
}

/** The trend of one builder up to `at`, oldest point first. */
export interface ReadinessTrend {
  builder: string;
  at: string;
  points: TrendPoint[];
}

/**
 * The days a trend of `months` points ends on: the last days of the `months - 1` months before `at`'s
 * month, then `at` itself (the current month is drawn up to today, not to a future month end). Days
 * before `firstDay` (the builder's first level) are left out: there is no readiness before it.
 */
export function trendDays(at: string, months: number, firstDay: string): string[] {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`expected months ≥ 1, got ${months}`);
  const days: string[] = [];
  for (let back = months - 1; back >= 1; back -= 1) {
    days.push(lastDayOfMonth(monthOf(addMonthsClamped(at, -back))));
  }
  days.push(at);
  return days.filter((day) => day >= firstDay);
}

/** A readiness answer as one point of the trend (every metric kept, in the ladder's order). */
export function trendPointOf(readiness: Readiness): TrendPoint {
  return {
    day: readiness.at,
    level: readiness.level,
    target_level: readiness.target_level,
    metrics_met: readiness.metrics.filter((m) => m.status === 'met').length,
    metrics_total: readiness.metrics.length,
    eligible_for_case: readiness.eligible_for_case,
    metrics: readiness.metrics.map((m) => ({
      id: m.id,
      status: m.status,
      value: m.value,
      threshold: m.threshold,
      evidence: m.evidence,
    })),
  };
}
