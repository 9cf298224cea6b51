import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src/web/api/contract.js';
import { browserTierEnabled, startBrowserHarness, type BrowserHarness } from './harness.js';

type Trend = ApiResponse<'/api/builders/{email}/readiness/trend'>;

const enabled = browserTierEnabled();

/**
 * The builder page's "Readiness over the last 12 months" (issue 17's trends over time): the points,
 * each metric's value against its threshold and the month-by-month table are the API's trend, and a
 * row opens the page on that day with that day's readiness.
 */
describe.skipIf(!enabled)('readiness over time on the builder page', () => {
  let h: BrowserHarness;
  let builder: string;
  let trend: Trend;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: true });
    const found = h.demoAccounts.find((a) => a.as === 'builder');
    if (found === undefined) throw new Error('the demo has no builder account');
    builder = found.email;
    trend = await (
      await h.api(builder)
    ).get<Trend>(`/api/builders/${encodeURIComponent(builder)}/readiness/trend`);
  }, 420_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows the API’s trend and opens a past month with its readiness', { timeout: 120_000 }, async () => {
    const latest = trend.points.at(-1)!;
    expect(trend.points.length, 'the demo builder has a year of history').toBeGreaterThan(1);
    expect(latest.metrics_total).toBeGreaterThan(0);

    const { page, context } = await h.signedInPage(builder, { width: 1366, height: 900 });
    await page.goto('/path');
    const card = page.getByTestId('readiness-trend');
    await card.waitFor();
    for (const metric of latest.metrics) {
      const now = card.getByTestId(`trend-metric-${metric.id}-now`);
      expect(await now.textContent()).toMatch(
        metric.value === null
          ? /^Now: nothing measured yet$/
          : new RegExp(`^Now: ${metric.value}( %)? of ${metric.threshold}( %)?$`),
      );
    }
    await card.getByText('Month by month, with the records').click();
    const rows = card.getByTestId('trend-table').locator('tbody tr');
    expect(await rows.count()).toBe(trend.points.length);
    for (const point of trend.points) {
      const row = card.getByTestId(`trend-row-${point.day}`);
      expect(await row.locator('td').nth(2).textContent()).toBe(
        `${point.metrics_met} of ${point.metrics_total}`,
      );
      expect(await row.locator('td').nth(3).textContent()).toBe(
        point.eligible_for_case ? 'eligible' : 'not yet',
      );
      const records = new Set(point.metrics.flatMap((m) => m.evidence)).size;
      expect(await row.getByRole('link').textContent()).toBe(
        `${records} record${records === 1 ? '' : 's'} that day`,
      );
    }
    await page.waitForLoadState('networkidle');
    await h.screenshot(page, 'readiness-trend-builder');

    // The oldest point the ladder's version is in force on, opened from its row (the keyboard's way to
    // a point): that day's readiness. (Before its effective date GET /api/ladders/:id?at= answers 404.)
    const version = (
      await (
        await h.api(builder)
      ).get<{ ladder_version: string }>(`/api/builders/${encodeURIComponent(builder)}/readiness`)
    ).ladder_version;
    const first = trend.points.find((p) => p.day >= version) ?? latest;
    await card.getByTestId(`trend-row-${first.day}`).getByRole('link').click();
    await page.waitForURL((url) => url.searchParams.get('at') === first.day);
    const stat = page.getByTestId('stat-metrics-met').locator('.stat-value');
    await expect
      .poll(() => stat.textContent())
      .toBe(first.metrics_total === 0 ? '—' : `${first.metrics_met} of ${first.metrics_total}`);
    await context.close();
  });

  it('fits a phone', { timeout: 120_000 }, async () => {
    const { page, context } = await h.signedInPage(builder, { width: 375, height: 800 });
    await page.goto('/path');
    await page.getByTestId('readiness-trend').getByTestId('trend-met-chart').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await h.layoutProblems(page)).toEqual([]);
    await h.screenshot(page, 'readiness-trend-builder-375');
    await context.close();
  });
});
