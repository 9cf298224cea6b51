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
 * homes, the readiness board, the ladder page with its comparison, versions and points, and a promotion
 * case from the list to the decision and the candidate's outcome — with `<html lang="fr">` and French
 * dates (typed and shown), as GET /api/instance says (its locale is the ladder holding the most builders).
 */
const enabled = browserTierEnabled();
const french = path.resolve(import.meta.dirname, '../../ladders/examples/ingenierie-logicielle-fr.yaml');
const lead = 'lea.direction@example.test';
const camille = 'camille@example.test';
/** Two ing-3 engineers who, with leadership, may sit on Camille's panel (ing-3 and above, or leadership). */
const panelists = [
  { email: 'noa@example.test', name: 'Noa Lefebvre' },
  { email: 'alix@example.test', name: 'Alix Moreau' },
];
const pointsLadder = path.resolve(import.meta.dirname, '../../ladders/examples/data-engineer-points.yaml');

interface CaseView {
  id: number;
  version: number;
  status: string;
  opened_on: string;
  assessment: { id: string }[];
  criteria: { id: string }[];
  panel: { members: { email: string }[] };
  computed: { outcome: string } | null;
  decision: { outcome: string; effective_date: string | null } | null;
}

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
        ...panelists.map((p) => ({ email: p.email, role: 'builder' as const })),
      ],
    });
    api = await h.api(lead);
    await api.send('POST', '/api/ladders', { source: await readFile(french, 'utf8') });
    await api.send('POST', '/api/people', { email: lead, name: 'Léa Direction', role: 'leadership' });
    for (const [email, name, level, since] of [
      [camille, 'Camille Martin', 'ing-2', '2024-01-15'],
      ['dominique@example.test', 'Dominique Petit', 'ing-2', '2025-03-01'],
      ['sacha@example.test', 'Sacha Bernard', 'ing-1', '2025-09-01'],
      ...panelists.map((p) => [p.email, p.name, 'ing-3', '2022-09-01'] as const),
    ] as const)
      await api.send('POST', '/api/builders', {
        email,
        name,
        track: 'ingenierie',
        levels: [{ level, since }],
        rates: [{ since, rate_minor: 600_000, currency: 'EUR' }],
      });
    // A later version of the French ladder (what it changed is listed in French), and an English
    // ladder with points and bands that nobody is on: the app stays French, its fixed text too.
    const source = await readFile(french, 'utf8');
    await api.send('POST', '/api/ladders', {
      source: source
        .replace('version: 2026-03-01', 'version: 2026-06-01')
        .replace('billing_tier: Expert', 'billing_tier: Expert confirmé')
        .replace(
          'tagline: On apprend en livrant de petites choses, souvent.',
          'tagline: On apprend en livrant.',
        ),
    });
    await api.send('POST', '/api/ladders', { source: await readFile(pointsLadder, 'utf8') });
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

  it('compares two French levels and lists the versions and what the latest changed, in French', async () => {
    const { page, context } = await h.newPage({ width: 1366 });
    await signInInFrench(page, lead);
    await page.goto('/ladder?ladder=ingenierie-logicielle&level=ing-1&compare=ing-2');
    const table = page.getByRole('table', { name: 'ing-1 comparé à ing-2' });
    await table.waitFor();
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Rubrique', 'ing-1', 'ing-2']);
    const rows = await table.locator('tbody th').allInnerTexts();
    expect(rows.slice(0, 2)).toEqual(['Titre', 'Page rédigée']);
    for (const row of [
      'Promotion vers',
      'Mois à ce niveau',
      'Places de mentoré',
      'Parrainage',
      'Mentoré par',
    ])
      expect(rows).toContain(row);
    // ing-2 gives one slot with a 2.5 % referral for 6 months: French numbers and plurals.
    const referral = table.getByRole('row', { name: /^Parrainage/ });
    expect(await referral.locator('td').allInnerTexts()).toEqual(['—', '2,5 % × 6 mois']);
    const history = page.getByRole('list', { name: 'Historique des versions' });
    await history.getByText('en vigueur').waitFor();
    expect(await history.locator('button').allInnerTexts()).toEqual(['1 juin 2026', '1 mars 2026']);
    const changes = page.getByTestId('version-changes');
    await changes.getByRole('heading', { name: 'Changements depuis le 1 mars 2026' }).waitFor();
    expect(await changes.locator('li').allInnerTexts()).toEqual([
      'ing-1 : accroche',
      'ing-3 : niveau de facturation',
    ]);
    const ladderWords = await englishOf(['features/ladder']);
    const text = await page.locator('body').innerText();
    expect([
      ...(await englishLeft(page)),
      ...ladderWords.filter((english) => text.includes(english)),
    ]).toEqual([]);
    await h.screenshot(page, 'french-ladder-compare-versions');
    await context.close();
  });

  it('shows an English points ladder’s bands with the app’s fixed text in French', async () => {
    const { page, context } = await h.newPage({ width: 1366 });
    await signInInFrench(page, lead);
    await page.goto('/ladder?ladder=data-engineer-points-example&level=D2');
    const card = page.locator('#points');
    await card.getByRole('heading', { name: 'Points et paliers' }).waitFor();
    await card.getByText('D2 couvre d2-1 (20–34 points) et d2-2 (35–49 points).').waitFor();
    const bands = card.getByRole('region', { name: 'Paliers de points' }).locator('table');
    expect(await bands.locator('thead th').allInnerTexts()).toEqual(['Palier', 'Points', 'Niveau', 'Titre']);
    const milestones = card.getByRole('region', { name: 'Points par jalon' }).locator('table');
    expect((await milestones.locator('thead th').allInnerTexts()).slice(0, 3)).toEqual([
      'Compétence',
      'Jalon 1',
      'Jalon 2',
    ]);
    const ladderWords = await englishOf(['features/ladder']);
    const text = await card.innerText();
    expect(ladderWords.filter((english) => text.includes(english))).toEqual([]);
    await h.screenshot(page, 'french-ladder-points-bands');
    await context.close();
  });

  it('walks a promotion case in French: the list, seating the panel, the decision with a typed date, the outcome', async () => {
    const readiness = await api.get<{ eligible_for_case: boolean }>(
      `/api/builders/${encodeURIComponent(camille)}/readiness`,
    );
    expect(readiness.eligible_for_case).toBe(true);
    const opened = await api.send<CaseView>('POST', '/api/cases', { candidate: camille });
    const caseWords = await englishOf(['features/cases']);
    const noEnglish = async (page: Page): Promise<void> => {
      const text = await page.locator('body').innerText();
      expect([
        ...(await englishLeft(page)),
        ...caseWords.filter((english) => text.includes(english)),
      ]).toEqual([]);
    };
    const { page, context } = await h.newPage({ width: 1366 });
    await signInInFrench(page, lead);

    // The list of cases.
    await page.goto('/panel');
    await page.getByRole('heading', { level: 1, name: 'Dossiers de promotion' }).waitFor();
    const list = page.getByRole('table', { name: 'Dossiers de promotion' });
    expect(await list.locator('thead th').allInnerTexts()).toEqual([
      'Dossier',
      'Candidat',
      'Étape',
      'Ouvert le',
      'Statut',
    ]);
    await list.getByRole('link', { name: `Dossier n° ${opened.id}` }).waitFor();
    await noEnglish(page);
    await h.screenshot(page, 'french-case-list');

    // The case, and seating its panel from the picker.
    await list.getByRole('link', { name: `Dossier n° ${opened.id}` }).click();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(`^Dossier n° ${opened.id} : Camille Martin`) })
      .waitFor();
    const picker = page.getByRole('form', { name: 'Constituer le jury' });
    await picker.getByRole('button', { name: 'Choisir encore 3 personnes' }).waitFor();
    await noEnglish(page);
    await h.screenshot(page, 'french-case-seat-panel');
    for (const name of ['Léa Direction', ...panelists.map((p) => p.name)])
      await picker.getByLabel(new RegExp(`^${name}`)).check();
    await picker.getByRole('button', { name: 'Constituer le jury' }).click();
    await page.getByRole('heading', { name: 'Jury (0 grille remise sur 3)' }).waitFor();

    // Every panelist submits (through the API); the rule's result and the decision form are French.
    for (const email of [lead, ...panelists.map((p) => p.email)]) {
      const panelist = email === lead ? api : await h.api(email);
      const view = await panelist.get<CaseView>(`/api/cases/${opened.id}`);
      await panelist.send('POST', `/api/cases/${opened.id}/sheet/submit`, {
        components: view.assessment.map((c) => ({ id: c.id, result: 'pass', notes: '' })),
        criteria: view.criteria.map((c) => ({ id: c.id, score: 4, notes: 'Des choix qui tiennent.' })),
        summary: 'Prête pour ing-3.',
      });
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Jury (3 grilles remises sur 3)' }).waitFor();
    await page
      .getByTestId('case-computed')
      .filter({ hasText: 'La règle de l’échelle donne : Promu' })
      .waitFor();
    const form = page.getByRole('form', { name: 'Enregistrer la décision' });
    await form.getByLabel('Note sur la décision').fill('Le jury est unanime.');
    // The effective date is typed as French writes a day (JJ/MM/AAAA), and read back in words.
    const effective = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const [year, month, day] = effective.split('-');
    const field = form.getByLabel('Date d’effet');
    expect(await field.getAttribute('placeholder')).toBe('JJ/MM/AAAA');
    await field.fill(`${day}/${month}/${year}`);
    const inWords = new Intl.DateTimeFormat('fr-FR', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${effective}T00:00:00Z`));
    await form.getByTestId('date-said').filter({ hasText: inWords }).waitFor();
    await noEnglish(page);
    await h.screenshot(page, 'french-case-decision-form');
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByTestId('case-outcome').filter({ hasText: 'Promu — décidé par' }).waitFor();
    const decided = await api.get<CaseView>(`/api/cases/${opened.id}`);
    expect(decided.decision).toMatchObject({ outcome: 'promoted', effective_date: effective });
    await page
      .getByTestId('case-effective')
      .filter({ hasText: `Camille Martin est Ingénieure 3 à compter du ${inWords}.` })
      .waitFor();
    await page.getByRole('heading', { name: `Ce qu’apporte Ingénieure 3 à compter du ${inWords}` }).waitFor();
    await page
      .getByTestId('unlocks-slots')
      .filter({ hasText: '2 places de mentoré pour ing-1, ing-2, points de suivi hebdomadaires' })
      .waitFor();
    await noEnglish(page);
    await h.screenshot(page, 'french-case-decided');
    await context.close();

    // The candidate reads her outcome and the panel's feedback, in French, without panelist names.
    const mine = await h.newPage({ width: 1366 });
    await signInInFrench(mine.page, camille);
    await mine.page.goto('/path');
    const card = mine.page.locator('#my-case');
    await card.getByTestId('candidate-outcome').filter({ hasText: 'Promu' }).waitFor();
    await card.getByText('Membre du jury 1', { exact: false }).first().waitFor();
    await card
      .getByTestId('unlocks-level')
      .filter({ hasText: `Vous êtes Ingénieure 3 (Ingénieure senior) à compter du ${inWords}` })
      .waitFor();
    expect(await card.innerText()).not.toContain(panelists[0]!.name);
    const text = await card.innerText();
    expect(caseWords.filter((english) => text.includes(english))).toEqual([]);
    await h.screenshot(mine.page, 'french-case-outcome');
    await mine.context.close();
  });
});
