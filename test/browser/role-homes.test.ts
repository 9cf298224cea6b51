import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/core/actor.js';
import { systemClock } from '../../src/core/clock.js';
import { createAccount } from '../../src/services/access/accounts.service.js';
import {
  browserTierEnabled,
  startBrowserHarness,
  testPassword,
  type ApiSession,
  type BrowserHarness,
} from './harness.js';

interface Readiness {
  builder: string;
  level: string;
  target_level: string | null;
  months_at_level: number;
  eligible_for_case: boolean;
  metrics: { status: string }[];
  gaps: string[];
}
interface Ladder {
  document: { levels: { id: string; status: string; promotion?: unknown }[] };
}
interface Totals {
  totals: { mentor: string; amount_minor: number; currency: string }[];
  rows: unknown[];
}
interface CaseSummary {
  id: number;
  candidate: string;
  status: string;
}

const enabled = browserTierEnabled();
const month = new Date().toISOString().slice(0, 7);
/** The digits of an amount as shown ("US$1,208.00" → "120800"), to compare with integer minor units. */
const digits = (text: string | null): string => (text ?? '').replace(/[^\d]/g, '');

/**
 * Each role's home at `/`, on the demo organisation `npm start` loads: the answer on top, every figure
 * equal to the API's answer for the same person on the same day.
 */
describe.skipIf(!enabled)('role homes: each person lands on their answer', () => {
  let h: BrowserHarness;
  let lead: ApiSession;
  const account = (as: string) => {
    const found = h.demoAccounts.find((a) => a.as === as);
    if (found === undefined) throw new Error(`the demo has no ${as} account`);
    return found.email;
  };

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: true });
    lead = await h.api(account('leadership'));
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  });

  it('leadership: eligible builders, overdue check-ins, cases waiting and the month’s payouts', async () => {
    const { ladders } = await lead.get<{ ladders: { ladder: string }[] }>('/api/ladders');
    const ladder = await lead.get<Ladder>(`/api/ladders/${ladders[0]!.ladder}`);
    const promoting = ladder.document.levels.filter(
      (l) => l.promotion !== undefined && l.status === 'written',
    );
    const ranked = (
      await Promise.all(
        promoting.map((l) =>
          lead.get<{ builder: string }[]>(`/api/levels/${encodeURIComponent(l.id)}/ranking`),
        ),
      )
    ).flat();
    const readiness = await Promise.all(
      ranked.map((r) => lead.get<Readiness>(`/api/builders/${encodeURIComponent(r.builder)}/readiness`)),
    );
    const eligible = readiness.filter((r) => r.eligible_for_case).map((r) => r.builder);
    expect(eligible.length, 'the demo has a builder eligible for a case').toBeGreaterThan(0);
    const due = await lead.get<{ due: { status: string }[] }>('/api/checkins/due');
    const overdue = due.due.filter((d) => d.status === 'overdue').length;
    const cases = await lead.get<CaseSummary[]>('/api/cases');
    const waiting = cases.filter((c) => c.status === 'open' || c.status === 'assessing').length;
    const statement = await lead.get<Totals>(`/api/payouts?month=${month}`);

    const { page, context } = await h.newPage({ width: 1366, height: 900 });
    await h.signIn(page, account('leadership'));
    await page.getByRole('heading', { level: 1, name: 'Today in the organisation' }).waitFor();
    const stat = (id: string) => page.getByTestId(id).locator('.stat-value');
    await expect
      .poll(() => stat('home-eligible-count').textContent(), { timeout: 60_000 })
      .toBe(String(eligible.length));
    for (const email of eligible) await page.getByTestId(`home-eligible-${email}`).waitFor();
    await expect.poll(() => stat('home-overdue-count').textContent()).toBe(String(overdue));
    await expect.poll(() => stat('home-cases-count').textContent()).toBe(String(waiting));
    // One amount per currency, never added across currencies.
    const currencies = [...new Set(statement.totals.map((t) => t.currency))];
    const shown = (await stat('home-payouts').textContent()) ?? '';
    if (currencies.length === 0) expect(shown).toBe('none');
    else {
      const parts = shown.split(' and ');
      expect(parts).toHaveLength(currencies.length);
      for (const [index, currency] of currencies.entries()) {
        const sum = statement.totals
          .filter((t) => t.currency === currency)
          .reduce((s, t) => s + t.amount_minor, 0);
        expect(digits(parts[index]!)).toBe(String(sum));
      }
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await h.screenshot(page, 'home-leadership-1366');

    // Leadership's Mentoring page lists every mentor before any email is typed.
    const overview = await lead.get<{ mentorships: { mentor: string; active: boolean }[] }>(
      '/api/mentorships/overview',
    );
    const mentors = new Set(overview.mentorships.filter((m) => m.active).map((m) => m.mentor));
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Mentoring', exact: true })
      .click();
    const table = page.getByRole('table', { name: 'Mentors' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(mentors.size);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(wide).toBeLessThanOrEqual(0);
    await h.screenshot(page, 'leadership-mentoring-1366');
    await context.close();
  });

  it('builder: what stands between them and the next level, and what is due', async () => {
    const builder = account('builder');
    const api = await h.api(builder);
    const r = await api.get<Readiness>(`/api/builders/${encodeURIComponent(builder)}/readiness`);
    const { page, context } = await h.newPage({ width: 1366, height: 900 });
    await h.signIn(page, builder);
    await page.getByRole('heading', { level: 1, name: 'Your home' }).waitFor();
    const answer = await page.getByTestId('next-level-answer').textContent();
    if (r.eligible_for_case) expect(answer).toContain('eligible');
    else if (r.gaps.length > 0) {
      expect(answer).toContain(`between you and ${r.target_level}`);
      expect(await page.getByTestId('home-gaps').locator('li').allTextContents()).toEqual(r.gaps);
    }
    expect(await page.getByTestId('home-months').locator('.stat-value').textContent()).toBe(
      String(r.months_at_level),
    );
    await page.getByTestId('home-due').or(page.getByTestId('nothing-due')).waitFor();
    await h.screenshot(page, 'home-builder-1366');
    await page.getByRole('link', { name: /^My whole path/ }).click();
    await page.getByRole('heading', { level: 1, name: /path to/ }).waitFor();
    await context.close();
  });

  it('mentor: mentees’ check-ins and what they are owed this month, by currency', async () => {
    const mentor = account('mentor');
    const api = await h.api(mentor);
    const overview = await api.get<{ mentorships: { mentor: string; mentee: string; active: boolean }[] }>(
      `/api/mentorships/overview?mentor=${encodeURIComponent(mentor)}`,
    );
    const mentees = overview.mentorships.filter((m) => m.mentor === mentor && m.active);
    expect(mentees.length).toBeGreaterThan(0);
    const owed = await api.get<Totals>(
      `/api/mentors/${encodeURIComponent(mentor)}/payouts?from=${month}&to=${month}`,
    );
    const { page, context } = await h.newPage({ width: 1366, height: 900 });
    await h.signIn(page, mentor);
    for (const m of mentees) await page.getByTestId(`home-mentee-${m.mentee}`).waitFor();
    const shown = page.getByTestId('home-owed');
    await expect.poll(() => shown.textContent()).not.toBe('…');
    const text = (await shown.textContent()) ?? '';
    const mine = owed.totals.filter((t) => t.mentor === mentor);
    if (mine.length === 0) expect(text).toBe('nothing');
    else expect(text.split(' and ').map(digits)).toEqual(mine.map((t) => String(t.amount_minor)));
    await h.screenshot(page, 'home-mentor-1366');
    await page.getByRole('link', { name: 'statement' }).click();
    await page.getByRole('heading', { name: 'My referral statement' }).waitFor();
    await page
      .getByTestId('statement-totals')
      .or(page.getByText(/^Nothing owed for /))
      .waitFor();
    await h.screenshot(page, 'mentor-statement-demo-1366');
    await context.close();
  });

  it('panelist: the case on their panel waits for their score sheet', async () => {
    // Leadership opens a case for an eligible L4 and seats a panel of two L5s and themself.
    const ranking = await lead.get<{ builder: string }[]>('/api/levels/L4/ranking');
    const readiness = await Promise.all(
      ranking.map((r) => lead.get<Readiness>(`/api/builders/${encodeURIComponent(r.builder)}/readiness`)),
    );
    const candidate = readiness.find((r) => r.eligible_for_case)!.builder;
    const mentors = await lead.get<{ items: { mentor: string }[] }>(
      `/api/mentorships?mentee=${encodeURIComponent(candidate)}`,
    );
    const conflicted = new Set(mentors.items.map((m) => m.mentor));
    const seniors = await lead.get<{ items: { email: string }[] }>('/api/builders?level=L5&limit=50');
    const panel = seniors.items
      .map((b) => b.email)
      .filter((email) => !conflicted.has(email))
      .slice(0, 2);
    expect(panel).toHaveLength(2);
    const opened = await lead.send<{ id: number }>('POST', '/api/cases', { candidate });
    await lead.send('PUT', `/api/cases/${opened.id}/panel`, {
      panelists: [...panel, account('leadership')],
    });
    const panelist = panel[0]!;
    await createAccount({ db: h.database.db, clock: systemClock }, operatorActor('role-homes test'), {
      email: panelist,
      role: 'builder',
      password: testPassword,
      clientId: null,
    });
    const visible = await (await h.api(panelist)).get<CaseSummary[]>('/api/cases');
    const toScore = visible.filter(
      (c) => c.candidate !== panelist && (c.status === 'open' || c.status === 'assessing'),
    );
    expect(toScore.map((c) => c.id)).toContain(opened.id);

    const { page, context } = await h.newPage({ width: 1366, height: 900 });
    await h.signIn(page, panelist);
    await page.getByTestId(`home-case-${opened.id}`).waitFor();
    expect(await page.locator('#to-score li').count()).toBe(toScore.length);
    await h.screenshot(page, 'home-panelist-1366');
    await page.getByTestId(`home-case-${opened.id}`).getByRole('link').click();
    await page.waitForURL(`**/panel/cases/${opened.id}`);
    await context.close();
  });

  it('client contact: their builders, feedback to give, and no Ladder link they may not open', async () => {
    const client = account('client');
    const api = await h.api(client);
    const { builders } = await api.get<{ builders: { builder: string; name: string; active: boolean }[] }>(
      '/api/client/builders',
    );
    const current = builders.filter((b) => b.active);
    expect(current.length).toBeGreaterThan(0);
    const { page, context } = await h.newPage({ width: 1366, height: 900 });
    await h.signIn(page, client);
    await page.getByTestId('client-builders').waitFor();
    expect(await page.getByTestId('client-builders').locator('li').count()).toBe(current.length);
    for (const b of current) {
      expect(await page.getByTestId(`client-builder-${b.builder}`).textContent()).toContain(b.name);
    }
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ladder' }).count(),
    ).toBe(0);
    await h.screenshot(page, 'home-client-1366');
    const first = current[0]!;
    await page
      .getByTestId(`client-builder-${first.builder}`)
      .getByRole('link', { name: /Give feedback/ })
      .click();
    await page.getByRole('heading', { name: 'Feedback on your builders' }).waitFor();
    // The builder field is a picker now: it shows the chosen builder by name once their list has loaded.
    await expect
      .poll(() => page.getByLabel('Builder', { exact: true }).inputValue(), { timeout: 30_000 })
      .toBe(first.name);
    await context.close();
  });
});
