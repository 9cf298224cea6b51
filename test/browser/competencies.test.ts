import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, type ApiSession, type BrowserHarness } from './harness.js';
import { org, seedOrganisation } from './seed.js';

interface Expectation {
  area: string;
  text: string;
  examples?: string[];
}
interface LadderBody {
  document: {
    ladder: string;
    name: string;
    competency_categories: { id: string; name: string; areas: { id: string; name: string }[] }[];
    levels: { id: string; title: string; expectations?: Expectation[] }[];
  };
}
interface Tagged {
  id: string;
  supersedes: string | null;
  competencies?: string[];
}

const enabled = browserTierEnabled();
const ivy = 'ivy@example.test';
const example = path.resolve(import.meta.dirname, '../../ladders/examples/software-engineer.yaml');

describe.skipIf(!enabled)('competencies on the ladder page and the builder page, in Chromium', () => {
  let h: BrowserHarness;
  let lead: ApiSession;
  let ladder: LadderBody;

  beforeAll(async () => {
    h = await startBrowserHarness({
      accounts: [
        { email: org.lead, role: 'leadership' },
        { email: ivy, role: 'builder' },
      ],
    });
    lead = await h.api(org.lead);
    await lead.send('POST', '/api/ladders', { source: await readFile(example, 'utf8') });
    ladder = await lead.get<LadderBody>('/api/ladders/software-engineer-example');
    await seedOrganisation(lead, []);
    await lead.send('POST', '/api/builders', {
      email: ivy,
      name: 'Ivy Engineer',
      track: 'software-engineer',
      levels: [{ level: 'IC2', since: '2025-06-01' }],
      rates: [{ since: '2025-06-01', rate_minor: 700_000, currency: 'EUR' }],
    });
    // Ivy's own records, tagged with competencies; cr-3 corrects cr-2 (and names other areas).
    const asIvy = await h.api(ivy);
    const review = (id: string, competencies: string[], supersedes?: string) => ({
      id,
      kind: 'code_review',
      builder: ivy,
      date: '2026-01-1' + id.slice(-1),
      link: `https://git.example.test/pull/${id}`,
      lesson: `Review ${id}: name the invariant`,
      competencies,
      ...(supersedes === undefined ? {} : { supersedes }),
    });
    await asIvy.send('POST', '/api/evidence', review('cr-1', ['code-quality', 'growing-others']));
    await asIvy.send('POST', '/api/evidence', review('cr-2', ['code-quality']));
    await asIvy.send('POST', '/api/evidence', {
      id: 'adr-1',
      kind: 'adr',
      builder: ivy,
      date: '2026-01-20',
      title: 'Store settings in one table',
      status: 'accepted',
      link: '',
      competencies: ['system-design', 'communication'],
    });
    await asIvy.send('POST', '/api/evidence', review('cr-3', ['code-quality', 'communication'], 'cr-2'));
    await asIvy.send('POST', '/api/evidence', {
      id: 'adr-2',
      kind: 'adr',
      builder: ivy,
      date: '2026-01-21',
      title: 'An untagged record',
      status: 'proposed',
      link: '',
    });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('renders a level’s expectations grouped by category, as the API holds them', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, ivy);
    await page.goto('/ladder?ladder=software-engineer-example&level=IC2');
    await page.getByRole('heading', { name: 'IC2 — Engineer II' }).waitFor();
    const card = page.locator('#competencies');
    const ic2 = ladder.document.levels.find((l) => l.id === 'IC2')!;
    // Only the categories IC2 says something of (not the manager track's Leading teams).
    expect(await card.locator('h3').allTextContents()).toEqual(
      ladder.document.competency_categories
        .filter((c) => c.areas.some((a) => ic2.expectations?.some((e) => e.area === a.id)))
        .map((c) => c.name),
    );
    for (const category of ladder.document.competency_categories) {
      const group = card.getByRole('region', { name: category.name });
      const names = await group.locator('dt').allTextContents();
      expect(names).toEqual(
        category.areas.filter((a) => ic2.expectations?.some((e) => e.area === a.id)).map((a) => a.name),
      );
      for (const area of category.areas) {
        const expectation = ic2.expectations?.find((e) => e.area === area.id);
        if (expectation === undefined) continue;
        await group.getByText(expectation.text, { exact: true }).waitFor();
        expect(
          await group
            .getByRole('list', { name: `Examples for ${area.name}` })
            .locator('li')
            .allTextContents(),
        ).toEqual(expectation.examples ?? []);
      }
    }
    await h.screenshot(page, 'competencies-ladder-ic2');

    // A level that leaves an area out shows only what it defines (IC1 says nothing of growing others).
    await page.getByRole('button', { name: 'IC1', exact: true }).click();
    await page.getByRole('heading', { name: 'IC1 — Engineer I' }).waitFor();
    expect(await card.locator('dt').allTextContents()).not.toContain('Growing others');
    await context.close();
  });

  it('compares two levels competency by competency, marking what differs', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, ivy);
    await page.goto('/ladder?ladder=software-engineer-example&level=IC2');
    await page.getByLabel('Compare IC2 with').selectOption('IC3');
    const table = page.getByRole('table', { name: 'IC2 compared with IC3' });
    await table.waitFor();
    const ic2 = ladder.document.levels.find((l) => l.id === 'IC2')!;
    const ic3 = ladder.document.levels.find((l) => l.id === 'IC3')!;
    for (const category of ladder.document.competency_categories) {
      for (const area of category.areas) {
        const row = table.getByRole('row', { name: new RegExp(`^${category.name} · ${area.name}`) });
        const cells = await row.locator('td').allTextContents();
        const left = ic2.expectations?.find((e) => e.area === area.id)?.text ?? '—';
        const right = ic3.expectations?.find((e) => e.area === area.id)?.text ?? '—';
        expect(cells[0]).toContain(left);
        expect(cells[1]).toContain(right);
        // The manager track's areas: neither engineer level expects anything there, so nothing differs.
        expect(await row.getAttribute('class')).toBe(left === right ? '' : 'differs');
      }
    }
    await h.screenshot(page, 'competencies-compare-ic2-ic3');
    await context.close();
  });

  it('shows on the builder’s page, per competency, the records that stand behind it', async () => {
    const records = (await lead.get<{ items: Tagged[] }>(`/api/evidence?builder=${ivy}&limit=500`)).items;
    const corrected = new Set(records.flatMap((r) => (r.supersedes === null ? [] : [r.supersedes])));
    const standing = records.filter((r) => !corrected.has(r.id));
    const { page, context } = await h.newPage();
    await h.signIn(page, org.lead);
    await page.goto(`/builders/${ivy}`);
    const card = page.locator('#competency-evidence');
    await card.getByTestId('competency-count-code-quality').waitFor();
    const expected: Record<string, string[]> = {};
    for (const category of ladder.document.competency_categories) {
      for (const area of category.areas) {
        const ids = standing.filter((r) => (r.competencies ?? []).includes(area.id)).map((r) => r.id);
        expected[area.id] = ids.sort();
        const count = await card.getByTestId(`competency-count-${area.id}`).textContent();
        expect(count).toBe(`${ids.length} ${ids.length === 1 ? 'record' : 'records'}`);
        const shown = await card
          .getByTestId(`competency-${area.id}`)
          .locator('[data-testid^="record-"]')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')?.slice('record-'.length)));
        expect(shown.sort()).toEqual(ids);
      }
    }
    // The numbers this data must give: the correction replaces cr-2, the untagged record counts nowhere.
    expect(expected).toEqual({
      'code-quality': ['cr-1', 'cr-3'],
      'system-design': ['adr-1'],
      operations: [],
      communication: ['adr-1', 'cr-3'],
      'growing-others': ['cr-1'],
      'people-management': [],
      delivery: [],
      recruiting: [],
    });
    await card
      .getByTestId('competency-operations')
      .getByText('No evidence names this competency yet.')
      .waitFor();
    await card.getByText(`IC2 expects: ${ladder.document.levels[1]!.expectations![0]!.text}`).waitFor();
    // Each record opens to every field, its competencies among them.
    await card.getByTestId('competency-system-design').getByTestId('record-adr-1').click();
    await card.getByTestId('competency-system-design').getByTestId('record-details-adr-1').waitFor();
    await h.screenshot(page, 'competencies-builder-page');
    await context.close();
  });

  it('lets the builder tag a new record with competencies from the form, and counts it at once', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, ivy);
    await page.goto('/path');
    const card = page.locator('#competency-evidence');
    await card.getByTestId('competency-count-operations').waitFor();
    expect(await card.getByTestId('competency-count-operations').textContent()).toBe('0 records');
    const form = page.getByRole('form', { name: 'Record evidence' });
    await form.getByLabel('Kind of evidence').selectOption('code_review');
    await form.getByLabel('Link to the review').fill('https://git.example.test/pull/77');
    await form.getByLabel('What it taught').fill('Alert on the queue depth, not on each failure');
    await form.getByLabel('Technical craft · Running what we ship').check();
    await form.getByLabel('Working with people · Growing others').check();
    await form.getByRole('button', { name: 'Record' }).click();
    await form.getByText(/^Recorded: code review /).waitFor();
    await expect.poll(() => card.getByTestId('competency-count-operations').textContent()).toBe('1 record');
    expect(await card.getByTestId('competency-count-growing-others').textContent()).toBe('2 records');
    const mine = (
      await lead.get<{ items: (Tagged & { lesson?: string })[] }>(`/api/evidence?builder=${ivy}&limit=500`)
    ).items.filter((r) => r.lesson === 'Alert on the queue depth, not on each failure');
    // Stored in the ladder's order of areas, whatever the order of the clicks.
    expect(mine.map((r) => r.competencies)).toEqual([['operations', 'growing-others']]);
    await h.screenshot(page, 'competencies-form-tagged');
    await context.close();
  });

  it('is readable at phone width, and the shipped ladder’s page has no competencies', async () => {
    const { page, context } = await h.newPage({ width: 375, height: 800 });
    await h.signIn(page, ivy);
    await page.goto('/ladder?ladder=software-engineer-example&level=IC3');
    await page.locator('#competencies').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await h.screenshot(page, 'competencies-ladder-ic3-phone');
    await page.goto(`/path`);
    await page.locator('#competency-evidence').waitFor();
    const pathOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(pathOverflow).toBeLessThanOrEqual(0);
    await h.screenshot(page, 'competencies-path-phone');
    await page.goto('/ladder?ladder=ai-first-business-manager&level=L4');
    await page.getByRole('heading', { name: /^L4 — / }).waitFor();
    expect(await page.locator('#competencies').count()).toBe(0);
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });

  it('names each changed competency in what a newer version changed', async () => {
    const source = (await readFile(example, 'utf8'))
      .replace('version: 2026-03-01', 'version: 2026-06-01')
      .replace(
        'text: Says early when a task is stuck.',
        'text: Says early, and in writing, when a task is stuck.',
      )
      .replace(
        '          - Asks where a new field should live instead of guessing.\n',
        '          - Asks where a new field should live instead of guessing.\n          - Reads the ADRs first.\n',
      );
    await lead.send('POST', '/api/ladders', { source });
    const { page, context } = await h.newPage();
    await h.signIn(page, ivy);
    await page.goto('/ladder?ladder=software-engineer-example&level=IC1');
    await page.getByText('Says early, and in writing, when a task is stuck.').waitFor();
    const changes = page.getByTestId('version-changes');
    await changes.getByText('IC1: competency Communication').waitFor();
    expect(await changes.locator('li').allTextContents()).toEqual([
      'IC1: competency System design',
      'IC1: competency Communication',
    ]);
    await h.screenshot(page, 'competencies-version-changes');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
