import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, testPassword, type BrowserHarness } from './harness.js';

interface LadderBody {
  version: string;
  document: {
    name: string;
    levels: { id: string; title: string; ranking_standard?: { name: string; threshold: string }[] }[];
  };
}

const enabled = browserTierEnabled();
const reader = 'reader@example.test';
const publisher = 'publisher@example.test';

describe.skipIf(!enabled)('ladder page in Chromium', () => {
  let h: BrowserHarness;
  let ladder: LadderBody;

  beforeAll(async () => {
    h = await startBrowserHarness({
      accounts: [
        { email: reader, role: 'builder' },
        { email: publisher, role: 'leadership' },
      ],
    });
    const { page, context } = await h.newPage();
    await h.signIn(page, reader);
    // The API's own answer, read with the same session the screen uses.
    ladder = await page.evaluate(async () => {
      const list = (await (await fetch('/api/ladders')).json()) as { ladders: { ladder: string }[] };
      return (await (await fetch(`/api/ladders/${list.ladders[0]!.ladder}`)).json()) as LadderBody;
    });
    await context.close();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('renders the version in force with the ranking standard the API holds', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, reader);
    await page.goto('/ladder');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(ladder.document.name);
    const l4 = ladder.document.levels.find((level) => level.id === 'L4')!;
    await page.getByRole('button', { name: 'L4', exact: true }).click();
    await page.getByRole('heading', { name: `L4 — ${l4.title}` }).waitFor();
    const metricRows = page.locator('table').first().locator('tbody tr');
    expect(await metricRows.count()).toBe(l4.ranking_standard!.length);
    for (const [index, metric] of l4.ranking_standard!.entries()) {
      const cells = await metricRows.nth(index).locator('th, td').allTextContents();
      expect(cells.slice(0, 2)).toEqual([metric.name, metric.threshold]);
    }
    // The sections the shipped file declares, in its order and under its headings (as the rendered page).
    const declared = [
      'What You Do',
      'AI Skills Required',
      'Self-Evaluation Checklist',
      'Training Curriculum',
    ];
    const headings = await page.locator('article.level .card-header h2').allTextContents();
    expect(headings.slice(0, 5)).toEqual([...declared, 'Ranking Standard']);
    await h.screenshot(page, 'ladder-l4');

    await page.getByLabel('Compare L4 with').selectOption('L5');
    await page.getByRole('table', { name: 'L4 compared with L5' }).waitFor();
    await h.screenshot(page, 'ladder-compare-l4-l5');
    expect(page.url()).toContain('compare=L5');
    await context.close();
  });

  it('is readable at phone width', async () => {
    const { page, context } = await h.newPage({ width: 375, height: 800 });
    await h.signIn(page, reader);
    await page.goto('/ladder?level=L4');
    await page.getByRole('heading', { name: /^L4 — / }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await h.screenshot(page, 'ladder-l4-phone');
    await context.close();
  });

  it('shows an unwritten level as such, not as an error', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, reader);
    await page.goto('/ladder?level=L2');
    await page.getByText('has not written this level’s page yet').waitFor();
    await context.close();
  });

  it('sends an anonymous visitor to sign-in and back, with the keyboard alone', async () => {
    const { page, context } = await h.newPage();
    await page.goto('/ladder?level=L4');
    await page.waitForURL(/\/sign-in\?next=/);
    await h.screenshot(page, 'sign-in');
    // From the email field on, keyboard only: type, Tab to the password, Enter submits the form.
    await page.getByLabel('Email').focus();
    await page.keyboard.type(reader);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password, on purpose');
    // The refusal is the point of this step: its 401 is expected, any other failed request is not.
    await h.expectProblems([/^POST \/api\/auth\/sign-in → 401/], async () => {
      await page.keyboard.press('Enter');
      await page.getByRole('alert').waitFor();
    });
    await h.screenshot(page, 'sign-in-refused');
    await page.getByLabel('Password').fill('');
    await page.getByLabel('Password').focus();
    await page.keyboard.type(testPassword);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^L4 — / }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/ladder?level=L4');
    await context.close();
  });

  it('tells a builder that leadership screens are not theirs, and answers unknown pages', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, reader);
    await page.goto('/leadership/payouts');
    await page.getByRole('alert').filter({ hasText: 'This screen is for leadership' }).waitFor();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });

  it('shows what a newer version changed, and the older version as it was', async () => {
    const source = (await readFile('ladders/ai-first-business-manager.yaml', 'utf8'))
      .replace(/^version: 2026-02-01$/m, 'version: 2026-06-01')
      .replace('billing_tier: Premium+', 'billing_tier: Premium Plus');
    const lead = await h.api(publisher);
    await lead.send('POST', '/api/ladders', { source });
    const { page, context } = await h.newPage();
    await h.signIn(page, reader);
    await page.goto('/ladder?level=L5');
    await page.getByText('Billing tier: Premium Plus').waitFor();
    const changes = page.getByTestId('version-changes');
    await changes.getByText('L5: billing tier').waitFor();
    expect(await changes.locator('li').allTextContents()).toEqual(['L5: billing tier']);
    await h.screenshot(page, 'ladder-version-changes');
    // Pick the first version: the page shows it as it was.
    await page
      .getByRole('list', { name: 'Version history' })
      .getByRole('button', { name: '1 Feb 2026' })
      .click();
    await page.getByText('Billing tier: Premium+').waitFor();
    expect(page.url()).toContain('at=2026-02-01');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });

  it("shows a French ladder's own sections under its headings, marked lang=fr, as the API holds them", async () => {
    const source = await readFile('ladders/examples/ingenierie-logicielle-fr.yaml', 'utf8');
    const lead = await h.api(publisher);
    await lead.send('POST', '/api/ladders', { source });
    const { page, context } = await h.newPage();
    // Leadership reads it (a builder without a roster entry lands on a home that asks for its readiness).
    await h.signIn(page, publisher);
    const answer = await page.evaluate(async () => {
      const body = (await (await fetch('/api/ladders/ingenierie-logicielle')).json()) as {
        document: {
          locale?: string;
          levels: { id: string; content?: Record<string, unknown> }[];
        };
      };
      return {
        locale: body.document.locale,
        content: body.document.levels.find((l) => l.id === 'ing-2')?.content,
      };
    });
    expect(answer.locale).toBe('fr');
    await page.goto('/ladder?ladder=ingenierie-logicielle&level=ing-2');
    await page.getByRole('heading', { name: 'Ingénieure confirmée', exact: false }).first().waitFor();
    const scope = page.locator('.card', { has: page.getByRole('heading', { name: 'Périmètre' }) });
    expect(await scope.locator('p').allTextContents()).toEqual(answer.content?.perimetre);
    const signals = answer.content?.signaux as { head: string[]; rows: string[][] };
    const table = page
      .locator('.card', { has: page.getByRole('heading', { name: 'Signaux observés' }) })
      .locator('table');
    expect(await table.locator('thead th').allTextContents()).toEqual(signals.head);
    expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual(signals.rows[0]);
    expect(await page.locator('[lang="fr"]').first().locator('h2').first().textContent()).toContain(
      'Ingénieure confirmée',
    );
    // Every section under the heading the file declares, in its order (level fields and its own alike).
    const headings = await page.locator('article.level .card-header h2').allTextContents();
    // (ing-2 writes no self-evaluation, so "Comportements attendus" is left out, not shown empty.)
    expect(headings.slice(0, 4)).toEqual([
      'Périmètre',
      'Vos missions',
      'Signaux observés',
      'Parcours de formation',
    ]);
    expect(headings).not.toContain('Comportements attendus');
    await h.screenshot(page, 'ladder-french-own-sections');

    // The organisation's own choices, on request: the API's list for the level, each with its why.
    const choices = await page.evaluate(async () => {
      const body = (await (
        await fetch('/api/ladders/ingenierie-logicielle/levels/ing-2?choices=true')
      ).json()) as { choices: { field: string; value: string; why: string }[] };
      return body.choices;
    });
    expect(choices.length).toBeGreaterThan(0);
    // The box is controlled by the address (a click, then the URL says choices=true and the box follows).
    await page.getByRole('checkbox').click();
    await page.waitForURL(/choices=true/);
    const items = page.locator('#choices').getByTestId('choice');
    await items.first().waitFor();
    expect(await items.count()).toBe(choices.length);
    for (const [index, choice] of choices.entries()) {
      const text = await items.nth(index).textContent();
      expect(text).toContain(`${choice.field}: ${choice.value}`);
      expect(text).toContain(choice.why);
    }
    expect(await page.getByRole('checkbox').isChecked()).toBe(true);
    await h.screenshot(page, 'ladder-french-choices');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
