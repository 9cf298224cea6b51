import type { Actor } from '../core/actor.js';
import { notFound, validationFailed } from '../core/errors.js';
import { trendDays, trendPointOf, type ReadinessTrend } from '../core/trends/readiness-trend.js';
import { findBuilderLevels } from '../db/repositories/evaluation.repository.js';
import { getReadiness, resolveAt, type ReadinessDeps } from './readiness.service.js';

/** How many monthly points a trend may ask for: two years, so one request stays a few dozen evaluations. */
export const MAX_TREND_MONTHS = 24;

/**
 * A builder's readiness at each month end of the last `months` months and on `at` (default today): the
 * same answers `GET /api/builders/:email/readiness?at=` gives for those days (the maintained path, so a
 * day already asked is a stored answer and a new one reads the maintained contributions), reduced to
 * points. Days before the builder's first level are left out.
 */
export async function getReadinessTrend(
  deps: ReadinessDeps,
  actor: Actor,
  email: string,
  options: { at?: string | undefined; months?: number | undefined } = {},
): Promise<ReadinessTrend> {
  const at = resolveAt(deps.clock, options.at);
  const months = options.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > MAX_TREND_MONTHS) {
    const message = `a whole number from 1 to ${MAX_TREND_MONTHS}`;
    throw validationFailed(`months: ${message}, got ${months}`, [{ field: 'months', message }]);
  }
  const builder = await findBuilderLevels(deps.db, email.trim().toLowerCase());
  if (builder === undefined) throw notFound('Builder', email);
  const first = builder.levels[0]?.since;
  if (first === undefined || first > at) {
    throw validationFailed(`${builder.email} held no level on ${at} (at is before their first level)`, [
      { field: 'at', message: `before ${builder.email}'s first level` },
    ]);
  }
  // One day after another: each evaluation may store its answer, and a trend must not take every
  // connection of the pool from the requests of other people.
  const points = [];
  for (const day of trendDays(at, months, first)) {
    points.push(trendPointOf(await getReadiness(deps, actor, builder.email, day)));
  }
  return { builder: builder.email, at, points };
}
