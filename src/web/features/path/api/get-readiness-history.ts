import { useQueries } from '@tanstack/react-query';
import { readinessQueryOptions } from './get-readiness';

/** Month-end days from `since` up to `at` (at most `max`, the latest kept), then `at` itself. */
export function monthlyPoints(since: string, at: string, max = 12): string[] {
  const points: string[] = [];
  const start = new Date(`${since.slice(0, 7)}-01T00:00:00Z`);
  for (let month = new Date(start); ; month.setUTCMonth(month.getUTCMonth() + 1)) {
    const end = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0))
      .toISOString()
      .slice(0, 10);
    if (end >= at) break;
    if (end >= since) points.push(end);
  }
  return [...points.slice(-(max - 1)), at];
}

/** Readiness at each month end since the level began: the data behind "metrics met over time". */
export function useReadinessHistory(email: string, since: string | undefined, at: string | undefined) {
  const days = since === undefined || at === undefined ? [] : monthlyPoints(since, at);
  const results = useQueries({ queries: days.map((day) => readinessQueryOptions(email, day)) });
  return {
    isPending: results.some((r) => r.isPending),
    error: results.find((r) => r.error !== null)?.error ?? null,
    points: days.map((day, index) => {
      const data = results[index]?.data;
      return {
        day,
        met: data?.metrics.filter((m) => m.status === 'met').length ?? null,
        total: data?.metrics.length ?? null,
      };
    }),
  };
}
