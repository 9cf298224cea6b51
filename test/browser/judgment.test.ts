import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, type ApiSession, type BrowserHarness } from './harness.js';
import { org, seedOrganisation } from './seed.js';

interface Readiness {
  level: string;
  target_level: string | null;
  months_at_level: number;
  standard: 'defined' | 'judgment' | 'none';
  eligible_for_case: boolean;
  gaps: string[];
  typical_tenure: { from_months: number; to_months: number; from_on: string; to_on: string } | null;
  weighs: { id: string; name: string; kinds: string[]; evidence: string[] }[];
}
interface Weighed {
  id: string;
  name: string;
  description?: string;
  evidence?: string[];
}
interface LadderBody {
  document: {
    levels: {
      id: string;
      promotion?: { typical_months_at_level?: unknown; decided_by?: string; weighs?: Weighed[] };
    }[];
  };
}

const enabled = browserTierEnabled();
const ivy = 'ivy@example.test';
const lara = 'lara@example.test';
const example = path.resolve(import.meta.dirname, '../../ladders/examples/software-engineer.yaml');
const kindWords: Record<string, string> = {
  feature: 'features',
  retro: 'retros',
  adr: 'ADRs',
  code_review: 'code reviews',
};

describe.skipIf(!enabled)('a promotion by judgment, and a level with no standard, in Chromium', () => {
  let h: BrowserHarness;
  let lead: ApiSession;
  let ladder: LadderBody;

  beforeAll(async () => {
    h = await startBrowserHarness({
      accounts: [
        { email: org.lead, role: 'leadership' },
        { email: ivy, role: 'builder' },
        { email: lara, role: 'builder' },
      ],
    });
    lead = await h.api(org.lead);
    await lead.send('POST', '/api/ladders', { source: await readFile(example, 'utf8') });
    ladder = await lead.get<LadderBody>('/api/ladders/software-engineer-example');
    // Lara is at the shipped ladder's L1, which defines no metric and no requirement.
    await seedOrganisation(lead, [{ email: lara, name: 'Lara Learner', level: 'L1', since: '2025-10-01' }]);
    await lead.send('POST', '/api/builders', {
      email: ivy,
      name: 'Ivy Engineer',
      track: 'software-engineer',
      levels: [{ level: 'IC2', since: '2025-06-01' }],
      rates: [{ since: '2025-06-01', rate_minor: 700_000, currency: 'EUR' }],
    });
    const asIvy = await h.api(ivy);
    await asIvy.send('POST', '/api/evidence', {
      id: 'f-1',
      kind: 'feature',
      builder: ivy,
      date: '2025-09-10',
      title: 'Export to CSV',
      client: org.client,
      shipped_on: '2025-09-10',
      analytics_events: ['export_clicked'],
    });
    await asIvy.send('POST', '/api/evidence', {
      id: 'r-1',
      kind: 'retro',
      builder: ivy,
      date: '2025-10-01',
      feature_id: 'f-1',
      hypothesis: 'People export weekly',
      what_happened: 'They export daily',
      what_to_change: 'Schedule the export',
    });
    for (const [id, date] of [
      ['cr-1', '2025-11-12'],
      ['cr-2', '2026-01-20'],
    ] as const) {
      await asIvy.send('POST', '/api/evidence', {
        id,
        kind: 'code_review',
        builder: ivy,
        date,
        link: `https://git.example.test/pull/${id}`,
        lesson: `Review ${id}: name the invariant`,
      });
    }
    // Dated after the first day the tests look at: counted only from its own date.
    await asIvy.send('POST', '/api/evidence', {
      id: 'f-2',
      kind: 'feature',
      builder: ivy,
      date: '2026-04-02',
      title: 'Scheduled export',
      client: org.client,
      shipped_on: '2026-04-02',
      analytics_events: ['export_scheduled'],
    });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  /** The weighed items the page shows: name, the count line and the ids of the records listed. */
  async function shownWeighs(page: import('playwright-core').Page) {
    const items = page.getByRole('list', { name: 'What the panel weighs' }).locator(':scope > li');
    const rows = [];
    for (let i = 0; i < (await items.count()); i += 1) {
      const item = items.nth(i);
      rows.push({
        id: ((await item.getAttribute('data-testid')) ?? '').slice('weighs-'.length),
        name: await item.locator('strong').first().textContent(),
        records: await item
          .locator('[data-testid^="record-"]:not([data-testid^="record-details-"])')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')?.slice('record-'.length))),
      });
    }
    return rows;
  }

  it('says an IC2 builder’s promotion is the panel’s judgment, with what it weighs and their records', async () => {
    const at = '2026-03-01';
    const readiness = await lead.get<Readiness>(`/api/builders/${ivy}/readiness?at=${at}`);
    expect(readiness.standard).toBe('judgment');
    expect(readiness.months_at_level).toBe(9);
    const { page, context } = await h.newPage();
    await h.signIn(page, ivy);
    await page.goto(`/path?at=${at}`);
    const card = page.locator('#judgment');
    await card.getByTestId('judgment-basis').waitFor();
    expect(await page.getByRole('heading', { name: 'How promotion to IC3 is decided' }).count()).toBe(1);
    expect(await card.getByTestId('judgment-basis').textContent()).toMatch(
      /^Promotion to IC3 is decided by a panel's judgment, not by a checklist\. What the panel weighs is listed below, with your records of each: none of it is counted as met or missing\.$/,
    );

    // What the panel weighs: the API's items in its order, each with the records the API names.
    const weighs = await shownWeighs(page);
    expect(weighs).toEqual(readiness.weighs.map((w) => ({ id: w.id, name: w.name, records: w.evidence })));
    // The numbers this data must give: f-2 is dated after `at`; nobody wrote an ADR.
    expect(readiness.weighs.map((w) => [w.id, w.evidence])).toEqual([
      ['ownership', ['f-1', 'r-1']],
      ['design', []],
      ['reviews', ['cr-1', 'cr-2']],
    ]);
    for (const w of readiness.weighs) {
      const kinds = w.kinds.map((k) => kindWords[k]).join(', ');
      expect(await card.getByTestId(`weighs-count-${w.id}`).textContent()).toBe(
        w.evidence.length === 0
          ? `No ${kinds} since the level began.`
          : `${w.evidence.length} records (${kinds}) since the level began`,
      );
    }

    // Typical against actual time at the level; the minimum (a year) not yet served is the only gap.
    expect(await page.getByTestId('stat-typical').locator('.stat-value').textContent()).toBe('18–30');
    expect(await page.getByTestId('stat-months').locator('.stat-value').textContent()).toBe('9');
    expect(await card.getByTestId('time-actual').textContent()).toBe(
      '9 months (since 1 Jun 2025): under the typical 18–30 months',
    );
    expect(await card.getByTestId('time-typical').textContent()).toBe(
      '18–30 months, reached between 1 Dec 2026 and 1 Dec 2027 — advice: how long people usually stay, never a gap',
    );
    expect(readiness.typical_tenure).toEqual({
      from_months: 18,
      to_months: 30,
      from_on: '2026-12-01',
      to_on: '2027-12-01',
    });
    expect(await card.getByTestId('time-minimum').textContent()).toBe('12 months, reached on 1 Jun 2026');
    expect(await page.getByTestId('gaps').locator('li').allTextContents()).toEqual(readiness.gaps);
    expect(readiness.gaps).toHaveLength(1);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('every metric and requirement is met');
    expect(text).toContain('IC2 has no ranking standard');

    // A record behind a weighed item opens to every field.
    await card.getByTestId('weighs-reviews').getByTestId('record-cr-2').click();
    await card.getByTestId('weighs-reviews').getByTestId('record-details-cr-2').waitFor();
    await h.screenshot(page, 'judgment-path-ic2-9-months');
    await context.close();
  });

  it('once the minimum is served, says nothing is missing because the panel decides — never "every metric is met"', async () => {
    const at = '2026-12-01';
    const readiness = await lead.get<Readiness>(`/api/builders/${ivy}/readiness?at=${at}`);
    expect(readiness.gaps).toEqual([]);
    expect(readiness.eligible_for_case).toBe(true);
    const { page, context } = await h.newPage();
    await h.signIn(page, org.lead);
    await page.goto(`/builders/${ivy}?at=${at}`);
    await page.getByTestId('gaps-judgment').waitFor();
    expect(await page.getByTestId('gaps-judgment').textContent()).toBe(
      "Nothing is missing: promotion to IC3 is decided by the panel's judgment, and the minimum time at IC2 is served.",
    );
    expect(await page.locator('main').textContent()).not.toContain('every metric and requirement is met');
    expect(await page.getByTestId('time-actual').textContent()).toBe(
      '18 months (since 1 Jun 2025): within the typical 18–30 months',
    );
    const weighs = await shownWeighs(page);
    expect(weighs).toEqual(readiness.weighs.map((w) => ({ id: w.id, name: w.name, records: w.evidence })));
    expect(readiness.weighs[0]?.evidence).toEqual(['f-1', 'r-1', 'f-2']);
    expect(await page.getByTestId('stat-eligible').locator('.stat-value').textContent()).toBe('eligible');
    await h.screenshot(page, 'judgment-path-ic2-18-months');
    await context.close();
  });

  it('is readable at phone width', async () => {
    const { page, context } = await h.newPage({ width: 375, height: 800 });
    await h.signIn(page, ivy);
    await page.goto('/path?at=2026-03-01');
    await page.getByTestId('judgment-basis').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await h.screenshot(page, 'judgment-path-phone');
    await context.close();
  });

  it('says a builder at a level with no standard that it defines none yet', async () => {
    const readiness = await lead.get<Readiness>(`/api/builders/${lara}/readiness?at=2026-03-01`);
    expect(readiness.standard).toBe('none');
    const { page, context } = await h.newPage();
    await h.signIn(page, lara);
    await page.goto('/path?at=2026-03-01');
    await page.getByTestId('standard-none').waitFor();
    expect(await page.getByTestId('standard-none').textContent()).toBe(
      'L1 defines no standard yet: no metric and no promotion requirement, so nothing can be missing and nobody is close or far.',
    );
    expect(await page.getByRole('heading', { name: 'What the ladder defines' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Not defined yet' }).count()).toBe(
      readiness.gaps.length > 0 ? 1 : 0,
    );
    expect(await page.getByTestId('gaps').locator('li').allTextContents()).toEqual(readiness.gaps);
    expect(await page.locator('#metrics').getByText('L1 defines no standard yet').count()).toBe(1);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('every metric and requirement is met');
    expect(text).not.toContain('What is missing');
    expect(await page.locator('#judgment').count()).toBe(0);
    await h.screenshot(page, 'judgment-path-l1-no-standard');
    await context.close();
  });

  it('shows on the ladder page who decides, the typical time and what the panel weighs', async () => {
    const ic2 = ladder.document.levels.find((l) => l.id === 'IC2')!;
    const { page, context } = await h.newPage();
    await h.signIn(page, ivy);
    await page.goto('/ladder?ladder=software-engineer-example&level=IC2');
    const card = page.locator('#promotion');
    await card.getByTestId('promotion-decided-by').waitFor();
    expect(await card.getByTestId('promotion-decided-by').textContent()).toMatch(
      /^Decided by a panel['’]s judgment, not by a checklist/,
    );
    expect(await card.getByTestId('promotion-typical').textContent()).toBe(
      'Typical time at IC2: 18–30 months (advice: how long people usually stay, never a requirement).',
    );
    const items = card.getByRole('list', { name: 'What the panel weighs' }).locator(':scope > li');
    const expected = (ic2.promotion?.weighs ?? []).map(
      (w) => `${w.name}Evidence: ${(w.evidence ?? []).map((k) => kindWords[k]).join(', ')}`,
    );
    expect(await items.allTextContents()).toEqual(expected);
    expect(expected).toHaveLength(3);
    await h.screenshot(page, 'judgment-ladder-ic2');

    // Side by side with IC3: who decides (the same), typical time and what is weighed (both differ).
    await page.getByLabel('Compare IC2 with').selectOption('IC3');
    const table = page.getByRole('table', { name: 'IC2 compared with IC3' });
    await table.waitFor();
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
    expect(await row('Decided by').locator('td').allTextContents()).toEqual([
      "panel's judgment",
      "panel's judgment",
    ]);
    expect(await row('Decided by').getAttribute('class')).toBe('');
    expect(await row('Typical time at level').locator('td').allTextContents()).toEqual([
      '18–30 months',
      '24–48 months',
    ]);
    expect(await row('Typical time at level').getAttribute('class')).toBe('differs');
    expect(await row('What the panel weighs').getAttribute('class')).toBe('differs');
    await h.screenshot(page, 'judgment-ladder-compare-ic2-ic3');

    // The shipped ladder's L4 is promoted by requirements: none of this appears there.
    await page.goto('/ladder?ladder=ai-first-business-manager&level=L4');
    await page.locator('#promotion').waitFor();
    expect(await page.getByTestId('promotion-decided-by').count()).toBe(0);
    expect(await page.getByTestId('promotion-typical').count()).toBe(0);
    expect(await page.getByRole('list', { name: 'What the panel weighs' }).count()).toBe(0);
    await page.getByLabel('Compare L4 with').selectOption('L5');
    await page.getByRole('table', { name: 'L4 compared with L5' }).waitFor();
    for (const name of ['Decided by', 'Typical time at level', 'What the panel weighs']) {
      expect(await page.getByRole('row', { name: new RegExp(`^${name}`) }).count()).toBe(0);
    }
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
