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
  eligible_for_case: boolean;
}
interface RankingEntry {
  builder: string;
}
interface CaseSummary {
  id: number;
  candidate: string;
  status: string;
}
interface CaseView extends CaseSummary {
  target_level: string;
  ladder: { id: string };
  assessment: { id: string; name: string }[];
  criteria: { id: string; name: string; gate: boolean }[];
  panel: { members: { email: string; submitted: boolean }[] };
  computed: { outcome: string } | null;
  decision: { outcome: string; effective_date: string | null } | null;
}
interface PanelCandidates {
  panel_size: number;
  candidates: { email: string; name: string; eligible: boolean; reason: string }[];
}
interface LevelAnswer {
  level: {
    id: string;
    billing_tier?: string;
    unlocks?: string[];
    mentorship?: { gives?: { slots: number; mentee_levels: string[] } };
  };
}
interface OutcomeView {
  effective_date: string | null;
  feedback: { outcome: string; decisionNote: string } | null;
}

const enabled = browserTierEnabled();
/** The panel this test seats: two L5 builders and a second leadership person, all free of the candidate. */
const panel = [
  { email: 'quinn.five@example.test', name: 'Quinn Five', role: 'builder' as const },
  { email: 'rhea.five@example.test', name: 'Rhea Five', role: 'builder' as const },
  { email: 'sam.lead@example.test', name: 'Sam Lead', role: 'leadership' as const },
];
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The promotion loop in the browser (issue 17), on the demo organisation `npm start` loads: leadership
 * opens a case for the eligible L4 from the readiness board, seats a panel from the picker (which offers
 * exactly whom the API says may sit and says why the others may not), three panelists sign in and score,
 * leadership decides with an effective date and sees what the level brings, and the builder sees the
 * outcome and their new mentee slots. Every screen is checked against the API's answer.
 */
describe.skipIf(!enabled)('promotion loop: board → case → panel → scores → decision → the builder', () => {
  let h: BrowserHarness;
  let lead: ApiSession;
  let leadEmail: string;
  let candidate: string;
  let caseId: number;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: true });
    const found = h.demoAccounts.find((a) => a.as === 'leadership');
    if (found === undefined) throw new Error('the demo has no leadership account');
    leadEmail = found.email;
    lead = await h.api(leadEmail);
    const services = { db: h.database.db, clock: systemClock };
    const track = 'ai-first-business-manager';
    for (const person of panel) {
      if (person.role === 'leadership') {
        await lead.send('POST', '/api/people', {
          email: person.email,
          name: person.name,
          role: 'leadership',
        });
      } else {
        await lead.send('POST', '/api/builders', {
          email: person.email,
          name: person.name,
          track,
          levels: [{ level: 'L5', since: '2023-01-01' }],
          rates: [{ since: '2023-01-01', rate_minor: 900_000, currency: 'USD' }],
        });
      }
      await createAccount(services, operatorActor('browser-tests'), {
        email: person.email,
        role: person.role,
        password: testPassword,
        clientId: null,
      });
    }
    // The candidate: the L4 readiness calls eligible (the demo has one), with an account to see the outcome.
    const ranking = await lead.get<RankingEntry[]>('/api/levels/L4/ranking');
    for (const entry of ranking) {
      const readiness = await lead.get<Readiness>(
        `/api/builders/${encodeURIComponent(entry.builder)}/readiness`,
      );
      if (readiness.eligible_for_case) {
        candidate = entry.builder;
        break;
      }
    }
    expect(candidate, 'the demo has an L4 eligible for a case').toBeDefined();
    if (!h.demoAccounts.some((a) => a.email === candidate)) {
      await createAccount(services, operatorActor('browser-tests'), {
        email: candidate,
        role: 'builder',
        password: testPassword,
        clientId: null,
      });
    }
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  });

  it('leadership opens the case from the board row of the eligible builder', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, leadEmail);
    await page.goto('/leadership?level=L4');
    await page.getByRole('heading', { name: 'Readiness board' }).waitFor();
    await page.getByText('checking…').first().waitFor({ state: 'detached' });
    // An "Open a case" button on exactly the rows readiness calls eligible.
    const ranking = await lead.get<RankingEntry[]>('/api/levels/L4/ranking');
    const eligible: string[] = [];
    for (const entry of ranking) {
      const r = await lead.get<Readiness>(`/api/builders/${encodeURIComponent(entry.builder)}/readiness`);
      if (r.eligible_for_case) eligible.push(entry.builder);
    }
    const buttons = page.getByRole('button', { name: /^Open a case for / });
    await buttons.first().waitFor();
    expect(await buttons.count()).toBe(eligible.length);
    const row = page.getByTestId(`rank-${candidate}`);
    await h.screenshot(page, 'promotion-loop-1-board');
    await row.getByRole('button', { name: /^Open a case for / }).click();
    await page.waitForURL(/\/panel\/cases\/\d+$/);
    caseId = Number(new URL(page.url()).pathname.split('/').pop());
    const cases = await lead.get<CaseSummary[]>(`/api/cases?candidate=${encodeURIComponent(candidate)}`);
    expect(cases.map((c) => ({ id: c.id, status: c.status }))).toEqual([{ id: caseId, status: 'open' }]);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Case #${caseId}`) }).waitFor();
    // Back on the board, the row now links to the live case instead of offering a second one.
    await page.goto('/leadership?level=L4');
    await page
      .getByTestId(`case-link-${candidate}`)
      .filter({ hasText: `Case #${caseId}` })
      .waitFor();
    await context.close();
  });

  it('leadership seats the panel from the picker, which offers only whom the API says may sit', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, leadEmail);
    await page.goto(`/panel/cases/${caseId}`);
    const picker = page.getByRole('form', { name: 'Seat the panel' });
    await picker.waitFor();
    const answer = await lead.get<PanelCandidates>(`/api/cases/${caseId}/panel-candidates`);
    const offered = await page
      .getByTestId('panel-eligible')
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')));
    expect(offered).toEqual(answer.candidates.filter((c) => c.eligible).map((c) => `eligible-${c.email}`));
    // Everyone else is listed with the API's reason in words; the candidate among them.
    const refused = answer.candidates.filter((c) => !c.eligible);
    expect(refused.some((c) => c.email === candidate)).toBe(true);
    for (const person of refused) {
      const text = await page.getByTestId(`refused-${person.email}`).textContent();
      expect(text).toContain(person.name);
      expect(text).toContain(person.reason);
    }
    const seat = picker.getByRole('button', { name: /^Choose \d+ more$|^Seat the panel$/ });
    expect(await seat.textContent()).toBe(`Choose ${answer.panel_size} more`);
    expect(await seat.isDisabled()).toBe(true);
    for (const person of panel) await picker.getByLabel(new RegExp(`^${person.name}`)).check();
    await h.screenshot(page, 'promotion-loop-2-picker');
    await picker.getByRole('button', { name: 'Seat the panel' }).click();
    // The picker folds away under "Change the panel" once a panel sits; the panel card lists it.
    await page.getByRole('heading', { name: 'Panel (0 of 3 submitted)' }).waitFor();
    const view = await lead.get<CaseView>(`/api/cases/${caseId}`);
    expect(view.status).toBe('assessing');
    expect(view.panel.members.map((m) => m.email)).toEqual(panel.map((p) => p.email));
    for (const person of panel) await page.getByTestId('panel-members').getByText(person.email).waitFor();
    await h.screenshot(page, 'promotion-loop-3-panel-seated');
    await context.close();
  });

  it('three panelists sign in, find the case and submit their sheets', async () => {
    for (const [index, person] of panel.entries()) {
      const { page, context } = await h.newPage();
      await h.signIn(page, person.email);
      await page.goto('/panel');
      await page.getByRole('link', { name: `Case #${caseId}` }).click();
      const view = await (await h.api(person.email)).get<CaseView>(`/api/cases/${caseId}`);
      const sheet = page.getByRole('form', { name: 'Score sheet' });
      for (const component of view.assessment)
        await sheet.getByLabel(component.name, { exact: true }).selectOption('pass');
      for (const criterion of view.criteria)
        await sheet
          .getByLabel(`${criterion.name}${criterion.gate ? ' (gate)' : ''}`, { exact: true })
          .selectOption('3');
      await sheet.getByLabel('Feedback for the candidate').fill(`Ready for L5: sheet ${index + 1}.`);
      if (index === 0) await h.screenshot(page, 'promotion-loop-4-score-sheet');
      await sheet.getByRole('button', { name: 'Submit sheet' }).click();
      await page.getByText('A submitted sheet is final.').waitFor();
      const after = await (await h.api(person.email)).get<CaseView>(`/api/cases/${caseId}`);
      expect(after.panel.members.find((m) => m.email === person.email)?.submitted).toBe(true);
      await page.getByRole('heading', { name: `Panel (${index + 1} of 3 submitted)` }).waitFor();
      await context.close();
    }
  });

  it('leadership decides with an effective date and sees what the level brings from that day', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, leadEmail);
    await page.goto(`/panel/cases/${caseId}`);
    const before = await lead.get<CaseView>(`/api/cases/${caseId}`);
    expect(before.computed?.outcome).toBe('promoted');
    await page.getByTestId('case-computed').filter({ hasText: 'Promoted' }).waitFor();
    const form = page.getByRole('form', { name: 'Record the decision' });
    await form.getByLabel('Decision note').fill('A clear multiplier; promoted.');
    const effective = today();
    await form.getByLabel('Effective date').fill(effective);
    await h.screenshot(page, 'promotion-loop-5-decision-form');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('case-outcome').filter({ hasText: 'Promoted' }).waitFor();
    const view = await lead.get<CaseView>(`/api/cases/${caseId}`);
    expect(view.decision).toMatchObject({ outcome: 'promoted', effective_date: effective });
    const level = await lead.get<LevelAnswer>(
      `/api/ladders/${view.ladder.id}/levels/${view.target_level}?at=${effective}`,
    );
    await page.getByTestId('unlocks').waitFor();
    await expectUnlocks(page, level);
    await h.screenshot(page, 'promotion-loop-6-decided');
    await context.close();
  });

  it('the builder sees the outcome, their new level and their new mentee slots', async () => {
    const { page, context } = await h.newPage();
    await h.signIn(page, candidate);
    await page.goto('/path');
    const session = await h.api(candidate);
    const outcome = await session.get<OutcomeView>(`/api/cases/${caseId}/outcome`);
    expect(outcome.feedback).toMatchObject({
      outcome: 'promoted',
      decisionNote: 'A clear multiplier; promoted.',
    });
    const card = page.locator('#my-case');
    await card.getByTestId('candidate-outcome').filter({ hasText: 'Promoted' }).waitFor();
    expect(await card.getByTestId('candidate-outcome').textContent()).toContain(
      outcome.feedback!.decisionNote,
    );
    await card
      .getByTestId('unlocks-level')
      .filter({ hasText: `You are ${'L5'}` })
      .waitFor();
    const view = await lead.get<CaseView>(`/api/cases/${caseId}`);
    const level = await session.get<LevelAnswer>(
      `/api/ladders/${view.ladder.id}/levels/${view.target_level}?at=${outcome.effective_date}`,
    );
    await expectUnlocks(card, level);
    // The builder's readiness now evaluates them at the new level.
    const readiness = await session.get<{ level: string }>(
      `/api/builders/${encodeURIComponent(candidate)}/readiness`,
    );
    expect(readiness.level).toBe(view.target_level);
    // The candidate reads the feedback, never who gave it (the shipped ladder does not reveal panelists).
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain('Ready for L5: sheet 1.');
    for (const person of panel) {
      expect(shown).not.toContain(person.name);
      expect(shown).not.toContain(person.email);
    }
    await h.screenshot(page, 'promotion-loop-7-builder-outcome');
    await context.close();
  });
});

/** The unlocks card shows the level's slots, mentee levels, billing tier and unlocks as the ladder API has them. */
async function expectUnlocks(
  scope: {
    getByTestId(id: string): {
      textContent(): Promise<string | null>;
      locator(s: string): { allTextContents(): Promise<string[]> };
    };
  },
  level: LevelAnswer,
): Promise<void> {
  const gives = level.level.mentorship?.gives;
  const slots = await scope.getByTestId('unlocks-slots').textContent();
  expect(gives).toBeDefined();
  expect(slots).toContain(`${gives!.slots} mentee slots for ${gives!.mentee_levels.join(', ')}`);
  const unlocks = await scope.getByTestId('unlocks-list').locator('li').allTextContents();
  expect(unlocks).toEqual(level.level.unlocks ?? []);
  if (level.level.billing_tier !== undefined)
    expect(await scope.getByTestId('unlocks').textContent()).toContain(level.level.billing_tier);
}
