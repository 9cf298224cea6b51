import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTierEnabled,
  startBrowserHarness,
  testPassword,
  type ApiSession,
  type BrowserHarness,
} from './harness.js';

/**
 * Issue 16: an organisation whose ladder is French gets the web app in French — the sign-in page, the
 * homes, the readiness board and the ladder page — with `<html lang="fr">` and French dates, as GET
 * /api/instance says (its locale is the ladder holding the most builders).
 */
const enabled = browserTierEnabled();
const french = path.resolve(import.meta.dirname, '../../ladders/examples/ingenierie-logicielle-fr.yaml');
const lead = 'lea.direction@example.test';
const camille = 'camille@example.test';

interface RankingEntry {
  builder: string;
  rank: number;
  months_at_level: number;
}

/** English texts of the shell and of this package's features whose French differs (the catalogues). */
async function englishOf(folders: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const folder of folders) {
    const file = path.resolve(import.meta.dirname, '../../src/web', folder, 'fr.ts');
    if (!existsSync(file)) continue;
    const { fr } = (await import(pathToFileURL(file).href)) as { fr: Record<string, string> };
    // Short words ("Open", "Panel") and messages with placeholders can be part of other text: only
    // whole sentences and headings of three words or more, with no placeholder, are looked for.
    for (const [english, value] of Object.entries(fr))
      if (english !== value && !english.includes('{') && english.split(' ').length >= 3) texts.push(english);
  }
  return texts;
}

async function signInInFrench(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(testPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('signed-in-as').filter({ hasText: email }).waitFor();
}

describe.skipIf(!enabled)('an organisation whose ladder is French, in Chromium', () => {
  let h: BrowserHarness;
  let api: ApiSession;
  let leftovers: string[];

  const englishLeft = async (page: Page): Promise<string[]> => {
    const text = await page.locator('body').innerText();
    return leftovers.filter((english) => text.includes(english));
  };

  beforeAll(async () => {
    h = await startBrowserHarness({
      accounts: [
        { email: lead, role: 'leadership' },
        { email: camille, role: 'builder' },
      ],
    });
    api = await h.api(lead);
    await api.send('POST', '/api/ladders', { source: await readFile(french, 'utf8') });
    await api.send('POST', '/api/people', { email: lead, name: 'Léa Direction', role: 'leadership' });
    for (const [email, name, level, since] of [
      [camille, 'Camille Martin', 'ing-2', '2024-01-15'],
      ['dominique@example.test', 'Dominique Petit', 'ing-2', '2025-03-01'],
      ['sacha@example.test', 'Sacha Bernard', 'ing-1', '2025-09-01'],
    ] as const)
      await api.send('POST', '/api/builders', {
        email,
        name,
        track: 'ingenierie',
        levels: [{ level, since }],
        rates: [{ since, rate_minor: 600_000, currency: 'EUR' }],
      });
    leftovers = await englishOf(['app', 'components/ui', 'features/home', 'features/readiness-board']);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('is French from the sign-in page on, and leadership’s home is French', async () => {
    const instance = await api.get<{ locale: string; locale_ladder: string }>('/api/instance');
    expect(instance).toMatchObject({ locale: 'fr', locale_ladder: 'ingenierie-logicielle' });
    const { page, context } = await h.newPage({ width: 1366 });
    await signInInFrench(page, lead);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui dans l’organisation' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Principale' });
    for (const link of ['Préparation', 'Effectif', 'Versements', 'Échelle'])
      await nav.getByRole('link', { name: link, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.getByText('éligibles à un dossier de promotion', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Dossiers en attente' }).waitFor();
    await page.getByText('Aucun dossier ouvert.').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await englishLeft(page)).toEqual([]);
    await h.screenshot(page, 'french-leadership-home');
    await context.close();
  });

  it('shows the readiness board of a French level in French, rows as the API ranks them', async () => {
    const ranking = await api.get<RankingEntry[]>('/api/levels/ing-2/ranking');
    expect(ranking.map((entry) => entry.builder).sort()).toEqual([camille, 'dominique@example.test']);
    const { page, context } = await h.newPage({ width: 1366 });
    await signInInFrench(page, lead);
    await page.goto('/leadership?level=ing-2');
    await page.getByRole('heading', { level: 1, name: 'Tableau de préparation' }).waitFor();
    const table = page.getByRole('table', { name: 'Classement de ing-2' });
    await table.waitFor();
    const heads = await table.locator('thead th').allInnerTexts();
    expect(heads.slice(0, 4)).toEqual(['Rang', 'Collaborateur', 'Indicateurs atteints', 'Mois à ce niveau']);
    for (const entry of ranking) {
      const row = table.getByTestId(`rank-${entry.builder}`);
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[0]).toBe(String(entry.rank));
      expect(cells[3]).toBe(String(entry.months_at_level));
      // The badge's words are French too (never "Close" / "Not ready").
      await row
        .locator('.badge')
        .filter({ hasNotText: /^(checking…|vérification…)$/ })
        .waitFor();
      expect(await row.locator('.badge').innerText()).not.toMatch(/^(Close|Not ready|Eligible|Pending)$/);
    }
    expect(await englishLeft(page)).toEqual([]);
    await h.screenshot(page, 'french-readiness-board');
    await context.close();
  });

  it('shows the French ladder’s page with lang="fr" and French fixed text', async () => {
    const { page, context } = await h.newPage({ width: 1366 });
    await signInInFrench(page, lead);
    await page.goto('/ladder?ladder=ingenierie-logicielle&level=ing-2');
    await page.getByText('Ingénieure confirmée').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page
      .getByRole('navigation', { name: 'Principale' })
      .getByRole('link', { name: 'Échelle' })
      .waitFor();
    // The ladder feature's own catalogue (helper D's) as well as the shell's.
    const ladderWords = await englishOf(['features/ladder']);
    const text = await page.locator('body').innerText();
    expect([
      ...(await englishLeft(page)),
      ...ladderWords.filter((english) => text.includes(english)),
    ]).toEqual([]);
    await h.screenshot(page, 'french-ladder-page');
    await context.close();
  });

  it('gives a builder her home in French, with French dates', async () => {
    const { page, context } = await h.newPage({ width: 1366 });
    await signInInFrench(page, camille);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Votre accueil' }).waitFor();
    await page.getByRole('heading', { name: 'Votre prochain niveau' }).waitFor();
    await page.getByTestId('next-level-answer').waitFor();
    await page.getByText('niveau depuis le 15 janv. 2024').waitFor();
    await page.getByRole('heading', { name: 'À faire' }).waitFor();
    expect(await englishLeft(page)).toEqual([]);
    await h.screenshot(page, 'french-builder-home');
    await context.close();
  });
});
