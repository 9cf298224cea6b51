import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, type ApiSession, type BrowserHarness } from './harness.js';

interface Readiness {
  level: string;
  months_at_level: number;
  eligible_for_case: boolean;
  metrics: { id: string; status: string }[];
  gaps: string[];
}
interface RankingEntry {
  builder: string;
  metrics_met: number;
}
interface Overview {
  mentorships: { mentor: string; mentee: string; active: boolean; checkins: { streak: number } | null }[];
}

const enabled = browserTierEnabled();

/**
 * The demo organisation `npm start` loads into an empty database, walked by each demo account: every
 * number on screen is the API's number for the same person on the same day.
 */
describe.skipIf(!enabled)('the demo organisation, as each demo account sees it', () => {
  let h: BrowserHarness;
  const account = (as: string) => {
    const found = h.demoAccounts.find((a) => a.as === as);
    if (found === undefined) throw new Error(`the demo has no ${as} account`);
    return found.email;
  };

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: true });
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  });

  it('leadership: the L4 board shows the ranking and the eligible and close builders the API reports', async () => {
    const lead = account('leadership');
    const api: ApiSession = await h.api(lead);
    const ranking = await api.get<RankingEntry[]>('/api/levels/L4/ranking');
    expect(ranking.length).toBeGreaterThan(1);
    const readiness = await Promise.all(
      ranking.map((r) => api.get<Readiness>(`/api/builders/${encodeURIComponent(r.builder)}/readiness`)),
    );
    const eligible = readiness.filter((r) => r.eligible_for_case).length;
    const close = readiness.filter((r) => !r.eligible_for_case && r.gaps.length <= 2).length;
    expect(eligible, 'the demo has an L4 who meets the L5 standard').toBeGreaterThan(0);

    const { page, context } = await h.newPage();
    await h.signIn(page, lead);
    await page.goto('/leadership');
    await page.getByRole('heading', { name: 'Readiness board' }).waitFor();
    await page.getByRole('button', { name: 'L4', exact: true }).click();
    for (const entry of ranking) {
      const cell = page.getByTestId(`met-${entry.builder}`);
      expect((await cell.textContent())!.split(' ')[0]).toBe(String(entry.metrics_met));
    }
    await page.getByText('checking…').first().waitFor({ state: 'detached' });
    expect(await page.getByTestId('board-eligible').locator('.stat-value').textContent()).toBe(
      String(eligible),
    );
    expect(await page.getByTestId('board-close').locator('.stat-value').textContent()).toBe(String(close));
    await h.screenshot(page, 'demo-leadership-board-l4');

    const roster = await api.get<{ total: number }>('/api/builders?limit=1');
    await page.getByRole('link', { name: 'Roster' }).click();
    await page.getByRole('table', { name: 'Builders' }).waitFor();
    expect(await page.getByRole('table', { name: 'Builders' }).locator('tbody tr').count()).toBe(
      roster.total,
    );
    await h.screenshot(page, 'demo-leadership-roster');

    const month = new Date().toISOString().slice(0, 7);
    const statement = await api.get<{ totals: { mentor: string; amount_minor: number }[] }>(
      `/api/payouts?month=${month}`,
    );
    await page.getByRole('link', { name: 'Payouts' }).click();
    await page
      .getByTestId(/^payouts-chart-/)
      .first()
      .locator('svg')
      .first()
      .waitFor();
    for (const total of statement.totals) {
      const shown = await page.getByTestId(`total-${total.mentor}`).locator('.stat-value').textContent();
      expect(shown!.replace(/[^\d]/g, '')).toBe(String(total.amount_minor));
    }
    await h.screenshot(page, 'demo-leadership-payouts');
    await context.close();
  });

  it("builder: the path shows the API's metrics, months and gaps", async () => {
    const builder = account('builder');
    const api = await h.api(builder);
    const readiness = await api.get<Readiness>(`/api/builders/${encodeURIComponent(builder)}/readiness`);
    const { page, context } = await h.newPage();
    await h.signIn(page, builder);
    await page.goto('/path');
    await page.getByTestId('stat-months').waitFor();
    expect(await page.getByTestId('stat-months').locator('.stat-value').textContent()).toBe(
      String(readiness.months_at_level),
    );
    if (readiness.metrics.length > 0) {
      expect(await page.getByTestId('stat-metrics-met').locator('.stat-value').textContent()).toBe(
        `${readiness.metrics.filter((m) => m.status === 'met').length} of ${readiness.metrics.length}`,
      );
    }
    expect(await page.getByTestId('gaps').locator('li').allTextContents()).toEqual(readiness.gaps);
    await h.screenshot(page, 'demo-builder-path');
    await context.close();

    // The same screens at phone width: nothing wider than the screen (tables scroll inside their card).
    const phone = await h.newPage({ width: 375, height: 800 });
    await h.signIn(phone.page, builder);
    for (const [url, name] of [
      ['/path', 'demo-builder-path-phone'],
      ['/mentoring', 'demo-builder-mentoring-phone'],
      ['/evidence', 'demo-builder-evidence-phone'],
    ] as const) {
      await phone.page.goto(url);
      await phone.page.getByRole('heading', { level: 1 }).waitFor();
      await phone.page.waitForLoadState('networkidle');
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, url).toBeLessThanOrEqual(0);
      await h.screenshot(phone.page, name);
    }
    await phone.context.close();
  });

  it("mentor: the mentees and their streaks are the API's", async () => {
    const mentor = account('mentor');
    const api = await h.api(mentor);
    const overview = await api.get<Overview>(
      `/api/mentorships/overview?mentor=${encodeURIComponent(mentor)}`,
    );
    const active = overview.mentorships.filter((m) => m.mentor === mentor && m.active);
    expect(active.length).toBeGreaterThan(0);
    const { page, context } = await h.newPage();
    await h.signIn(page, mentor);
    await page.getByRole('link', { name: 'Mentoring', exact: true }).click();
    for (const m of active) {
      await page.getByTestId(`mentee-${m.mentee}`).waitFor();
      expect(await page.getByTestId(`streak-${m.mentee}`).textContent()).toBe(
        String(m.checkins?.streak ?? '—'),
      );
    }
    // Earnings per currency, or in words that there were none (never a made-up "€0.00").
    await page
      .locator('#earnings')
      .getByText(/^earned |^No referral earnings/)
      .first()
      .waitFor();
    await h.screenshot(page, 'demo-mentor');
    await context.close();
  });

  it('client stakeholder: feedback on a builder placed with them lands in the ledger the metric reads', async () => {
    const client = account('client');
    const lead = await h.api(account('leadership'));
    const clientId = /^[^@]+@([^.]+)\./.exec(client)![1]!;
    const today = new Date().toISOString().slice(0, 10);
    const placed = await lead.get<{ items: { builder: string }[] }>(
      `/api/placements?client=${clientId}&active_on=${today}`,
    );
    const builder = placed.items[0]!.builder;
    const { page, context } = await h.newPage({ width: 375, height: 800 });
    await h.signIn(page, client);
    await page.goto('/feedback');
    await page.getByRole('heading', { name: 'Feedback on your builders' }).waitFor();
    const form = page.getByRole('form', { name: 'Record evidence' });
    await form.getByLabel('Kind of evidence').selectOption('client_feedback');
    // The builder field is a picker: typing a whole email picks that builder.
    await form.getByLabel('Builder', { exact: true }).fill(builder);
    await form.getByLabel('Client', { exact: true }).fill(clientId);
    await form.getByLabel('Rating (1–5)').fill('5');
    await form.getByLabel('Feedback').fill('Talked us out of two features; shipped the one that mattered.');
    await form.getByRole('button', { name: 'Record' }).click();
    const status = form.getByRole('status');
    await status.waitFor();
    expect(await status.textContent()).toContain('Recorded: client feedback');
    // The newest client feedback on this builder is the one just recorded, by the client contact.
    const newest = await lead.get<{ items: { builder: string; recorded_by: string; rating: number }[] }>(
      `/api/evidence?builder=${encodeURIComponent(builder)}&kind=client_feedback&order=newest`,
    );
    expect(newest.items[0]).toMatchObject({ builder, recorded_by: client, rating: 5 });
    await h.screenshot(page, 'demo-client-feedback-phone');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
