import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, type ApiSession, type BrowserHarness } from './harness.js';
import { org, seedOrganisation } from './seed.js';

interface Readiness {
  level: string;
  target_level: string | null;
  months_at_level: number;
  metrics: { id: string; status: string; value: number | null; threshold: number; evidence: string[] }[];
  requirements: { id: string; status: string; met_on?: string }[];
  gaps: string[];
}

const enabled = browserTierEnabled();
const bea = 'bea@example.test';

describe.skipIf(!enabled)('builder: my path to L5, in Chromium', () => {
  let h: BrowserHarness;
  let lead: ApiSession;
  let asBea: ApiSession;

  beforeAll(async () => {
    h = await startBrowserHarness({
      accounts: [
        { email: org.lead, role: 'leadership' },
        { email: bea, role: 'builder' },
      ],
    });
    lead = await h.api(org.lead);
    await seedOrganisation(lead, [{ email: bea, name: 'Bea Builder', level: 'L4', since: '2025-03-01' }]);
    // Two client-adopted scope changes, recorded and confirmed by leadership: vouched, but 2 of 3.
    for (const n of [1, 2]) {
      await lead.send('POST', '/api/evidence', {
        id: `dec-adopted-${n}`,
        kind: 'decision',
        builder: bea,
        date: `2026-0${n + 3}-10`,
        type: 'scope_change',
        title: `Cut the onboarding wizard to one step (${n})`,
        recommendation: 'Ship one step, measure completion',
        data: 'Completion 41 % → 58 % in the pilot',
        client: org.client,
        client_response: 'adopted',
        outcome: '',
        significant: n === 1,
      });
    }
    asBea = await h.api(bea);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows every metric with the value, status and records the API computes', async () => {
    const api = await asBea.get<Readiness>(`/api/builders/${bea}/readiness`);
    const { page, context } = await h.newPage();
    await h.signIn(page, bea);
    await page.goto('/path');
    await page.getByRole('heading', { level: 1, name: /My path to L5/ }).waitFor();
    expect(await page.getByTestId('stat-metrics-met').locator('.stat-value').textContent()).toBe(
      `${api.metrics.filter((m) => m.status === 'met').length} of ${api.metrics.length}`,
    );
    expect(await page.getByTestId('stat-months').locator('.stat-value').textContent()).toBe(
      String(api.months_at_level),
    );
    for (const metric of api.metrics) {
      const row = page.getByTestId(`metric-${metric.id}`);
      expect(await row.getAttribute('data-status')).toBe(metric.status);
      const value = await page.getByTestId(`metric-${metric.id}-value`).textContent();
      if (metric.value !== null) expect(value).toContain(`${metric.value}`);
      expect(value).toContain(`${metric.threshold}`);
    }
    const gaps = await page.getByTestId('gaps').locator('li').allTextContents();
    expect(gaps).toEqual(api.gaps);
    await page.getByTestId('tenure-clock').waitFor();
    await page.getByTestId('trend-met-chart').locator('svg').first().waitFor();
    await h.screenshot(page, 'builder-path');

    // Click through to the records behind "product decisions adopted".
    const adopted = api.metrics.find((m) => m.evidence.includes('dec-adopted-1'));
    expect(adopted).toBeDefined();
    const row = page.getByTestId(`metric-${adopted!.id}`);
    await row.locator('summary').click();
    await row.getByTestId('record-dec-adopted-1').click();
    await row
      .getByTestId('record-details-dec-adopted-1')
      .getByText('Completion 41 % → 58 % in the pilot')
      .waitFor();
    // Who recorded it by name, the email beside it (issue 17).
    expect(
      await row
        .getByTestId('record-details-dec-adopted-1')
        .locator('dt:text-is("Recorded by") + dd')
        .innerText(),
    ).toMatch(new RegExp(`^Lena Lead ${org.lead.replace('.', '\\.')} on \\d{1,2} \\w+ \\d{4}$`));
    await h.screenshot(page, 'builder-path-records');
    await context.close();
  });

  it('records a data-driven kill through the form and sees the metric turn met', async () => {
    const before = await asBea.get<Readiness>(`/api/builders/${bea}/readiness`);
    const kills = before.metrics.find(
      (m) => m.threshold === 1 && m.status !== 'met' && m.evidence.length === 0,
    );
    expect(kills, 'a not-yet-met metric with threshold 1 (data-driven kills)').toBeDefined();

    const { page, context } = await h.newPage();
    await h.signIn(page, bea);
    await page.goto('/path');
    const form = page.getByRole('form', { name: 'Record evidence' });
    await form.getByLabel('Kind of evidence').selectOption('decision');
    await form.getByLabel('Decision type').selectOption('kill');
    await form.getByLabel('Title').fill('Kill the in-app chat');
    await form.getByLabel('Recommendation').fill('Remove chat; route to email');
    await form.getByLabel('Data behind it').fill('3 % weekly usage over 10 weeks');
    await form.getByLabel('Client', { exact: true }).fill(org.client);
    await form.getByLabel('Outcome seen later').fill('Support load unchanged');
    await h.screenshot(page, 'builder-record-decision-form');
    await form.getByRole('button', { name: 'Record' }).click();
    await form.getByRole('status').filter({ hasText: 'Recorded: decision ‘Kill the in-app chat’' }).waitFor();

    const after = await asBea.get<Readiness>(`/api/builders/${bea}/readiness`);
    const killsAfter = after.metrics.find((m) => m.id === kills!.id)!;
    expect(killsAfter.status).toBe('met');
    await expect.poll(() => page.getByTestId(`metric-${kills!.id}`).getAttribute('data-status')).toBe('met');
    expect(await page.getByTestId('stat-metrics-met').locator('.stat-value').textContent()).toBe(
      `${after.metrics.filter((m) => m.status === 'met').length} of ${after.metrics.length}`,
    );
    await h.screenshot(page, 'builder-path-after-decision');

    // The confirmation links to the record, and the ledger shows it first.
    const ledger = await asBea.get<{ items: { id: string; title?: string }[] }>(
      `/api/evidence?builder=${bea}&order=newest&limit=1`,
    );
    const newest = ledger.items[0];
    expect(newest?.title).toBe('Kill the in-app chat');
    await form.getByRole('link', { name: 'See it in the ledger' }).click();
    await page.waitForURL(new RegExp(`/evidence\\?record=${newest!.id}$`));
    await page.getByTestId('named-record').getByText('Remove chat; route to email').waitFor();
    const firstRow = page.getByRole('table', { name: 'Evidence ledger' }).locator('tbody tr').first();
    await firstRow.getByRole('button', { name: 'Kill the in-app chat' }).waitFor();
    expect(await firstRow.getAttribute('class')).toContain('row-highlight');
    // People by name (issue 17): the ledger's heading and its recorder, the email as secondary text.
    await page.getByRole('heading', { name: 'Ledger of Bea Builder' }).waitFor();
    expect(await firstRow.locator('td').last().innerText()).toBe(`Bea Builder\n${bea}`);
    await h.screenshot(page, 'builder-ledger-newest-first');
    await context.close();
  });

  it('reads the path as of an earlier day, with the numbers the API gives for that day', async () => {
    const day = '2026-04-30';
    const api = await asBea.get<Readiness>(`/api/builders/${bea}/readiness?at=${day}`);
    const { page, context } = await h.newPage();
    await h.signIn(page, bea);
    await page.goto('/path');
    await page.getByLabel('As of').fill(day);
    await page.waitForURL(/at=2026-04-30/);
    await expect
      .poll(() => page.getByTestId('stat-months').locator('.stat-value').textContent())
      .toBe(String(api.months_at_level));
    expect(await page.getByTestId('stat-metrics-met').locator('.stat-value').textContent()).toBe(
      `${api.metrics.filter((m) => m.status === 'met').length} of ${api.metrics.length}`,
    );
    expect(await page.getByTestId('gaps').locator('li').allTextContents()).toEqual(api.gaps);
    await context.close();
  });

  it('names empty fields in words before sending, then the field the server refuses, and writes nothing', async () => {
    const { page, context } = await h.newPage({ width: 375, height: 800 });
    await h.signIn(page, bea);
    await page.goto('/evidence');
    const form = page.getByRole('form', { name: 'Record evidence' });
    await form.getByLabel('Kind of evidence').selectOption('mentee_review');
    // Nothing chosen: the form says so in words and sends nothing (a request would be a 400 the harness fails on).
    await form.getByRole('button', { name: 'Record' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByText('Choose the mentee', { exact: true }).waitFor();
    await form.getByText('Give a score from 1 to 5', { exact: true }).waitFor();
    expect(await form.getByLabel('Mentee', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await h.screenshot(page, 'builder-evidence-empty-phone');

    // A retro naming a feature record that does not exist: only the server knows; its word goes under the field.
    await form.getByLabel('Kind of evidence').selectOption('retro');
    await form.getByLabel('Feature record id').fill('f-404');
    await h.expectProblems([/^POST \/api\/evidence → 400/], async () => {
      await form.getByRole('button', { name: 'Record' }).click();
      await form.getByText('unknown evidence record f-404').waitFor();
    });
    expect(await form.getByRole('alert').textContent()).toBe(
      'The record was not saved: see the messages under the fields.',
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const kind of ['mentee_review', 'retro']) {
      const stored = await asBea.get<{ total: number }>(`/api/evidence?builder=${bea}&kind=${kind}`);
      expect(stored.total).toBe(0);
    }
    await h.screenshot(page, 'builder-evidence-error-phone');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
