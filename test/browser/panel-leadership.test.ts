import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { systemClock } from '../../src/core/clock.js';
import { importAdrs } from '../../src/services/integrations/adr-import.service.js';
import { browserTierEnabled, startBrowserHarness, type ApiSession, type BrowserHarness } from './harness.js';
import { org, seedOrganisation } from './seed.js';

interface CaseView {
  id: number;
  assessment: { id: string; name: string }[];
  criteria: { id: string; name: string; gate: boolean }[];
  scale: { min: number; max: number };
  computed: { outcome: string; criteria: { id: string; median: number; passed: boolean }[] } | null;
  decision: { outcome: string } | null;
}
interface RankingEntry {
  builder: string;
  metrics_met: number;
  rank: number;
}

const enabled = browserTierEnabled();
const lead2 = 'lars.lead@example.test';
const panelist = 'pia.principal@example.test';
const candidate = 'cal.candidate@example.test';
const peer = 'pat.peer@example.test';

describe.skipIf(!enabled)(
  'panelist scores a case; leadership reads the board, roster, payouts, audit and decides',
  () => {
    let h: BrowserHarness;
    let lead: ApiSession;
    let caseId: number;

    beforeAll(async () => {
      h = await startBrowserHarness({
        accounts: [
          { email: org.lead, role: 'leadership' },
          { email: lead2, role: 'leadership' },
          { email: panelist, role: 'builder' },
          { email: candidate, role: 'builder' },
        ],
      });
      lead = await h.api(org.lead);
      await seedOrganisation(lead, [
        { email: panelist, name: 'Pia Principal', level: 'L5', since: '2023-01-01' },
        { email: candidate, name: 'Cal Candidate', level: 'L4', since: '2024-01-01' },
        { email: peer, name: 'Pat Peer', level: 'L4', since: '2025-06-01' },
      ]);
      await lead.send('POST', '/api/people', { email: lead2, name: 'Lars Lead', role: 'leadership' });
      await lead.send('POST', '/api/evidence', {
        id: 'cal-significant',
        kind: 'decision',
        builder: candidate,
        date: '2026-03-02',
        type: 'kill',
        title: 'Kill the loyalty programme',
        recommendation: 'Stop building it; spend on onboarding',
        data: '2 % of users opened it in 8 weeks',
        client: org.client,
        client_response: 'adopted',
        outcome: 'Onboarding completion up 12 points',
        significant: true,
      });
      const opened = await lead.send<{ id: number }>('POST', '/api/cases', {
        candidate,
        override_reason: 'browser test: the panel flow, whatever the readiness',
      });
      caseId = opened.id;
      await lead.send('PUT', `/api/cases/${caseId}/panel`, { panelists: [panelist, org.lead, lead2] });
      const view = await lead.get<CaseView>(`/api/cases/${caseId}`);
      for (const email of [org.lead, lead2]) {
        const session = email === org.lead ? lead : await h.api(email);
        await session.send('POST', `/api/cases/${caseId}/sheet/submit`, {
          components: view.assessment.map((c) => ({ id: c.id, result: 'pass' })),
          criteria: view.criteria.map((c) => ({ id: c.id, score: 3 })),
          summary: email === org.lead ? 'Solid across the board.' : 'Clear product judgment.',
        });
      }
    }, 180_000);
    afterAll(async () => {
      await h?.close();
    });

    it('the panelist finds the case, reads the portfolio, scores it, and sees the result the API computes', async () => {
      const { page, context } = await h.newPage();
      await h.signIn(page, panelist);
      await page.goto('/panel');
      await page.getByRole('link', { name: `Case #${caseId}` }).click();
      await page.getByTestId('portfolio-decisions').getByText('Kill the loyalty programme').waitFor();
      const view = await (await h.api(panelist)).get<CaseView>(`/api/cases/${caseId}`);
      const sheet = page.getByRole('form', { name: 'Score sheet' });
      for (const component of view.assessment)
        await sheet.getByLabel(component.name, { exact: true }).selectOption('pass');
      for (const criterion of view.criteria) {
        await sheet
          .getByLabel(`${criterion.name}${criterion.gate ? ' (gate)' : ''}`, { exact: true })
          .selectOption(criterion.gate ? '4' : '2');
      }
      await sheet.getByLabel('Feedback for the candidate').fill('Strong multiplier; keep teaching.');
      await h.screenshot(page, 'panelist-score-sheet');
      await sheet.getByRole('button', { name: 'Save draft' }).click();
      await sheet.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
      await sheet.getByRole('button', { name: 'Submit sheet' }).click();
      await page.getByTestId('case-computed').waitFor();

      const after = await (await h.api(panelist)).get<CaseView>(`/api/cases/${caseId}`);
      expect(after.computed).not.toBeNull();
      for (const criterion of after.computed!.criteria) {
        const cells = await page.getByTestId(`criterion-${criterion.id}`).locator('td').allTextContents();
        expect(cells[1]).toBe(String(criterion.median));
      }
      await h.screenshot(page, 'panelist-case-result');
      // The panel reads the candidate's readiness and the records behind it (panelist relation).
      await page.getByRole('link', { name: "Cal Candidate's readiness and records" }).click();
      await page.getByRole('heading', { level: 1, name: "Cal Candidate's path to L5" }).waitFor();
      await page.getByTestId('stat-metrics-met').waitFor();
      await h.screenshot(page, 'panelist-candidate-path');
      await context.close();
    });

    it('leadership reads the readiness board with the API ranking, and decides the case', async () => {
      const { page, context } = await h.newPage();
      await h.signIn(page, org.lead);
      // Signing in lands on the role's home (/); the board is its own screen.
      await page.goto('/leadership');
      await page.getByRole('heading', { name: 'Readiness board' }).waitFor();
      await page.getByRole('button', { name: 'L4', exact: true }).click();
      const ranking = await lead.get<RankingEntry[]>('/api/levels/L4/ranking');
      expect(ranking.length).toBe(2);
      for (const entry of ranking) {
        const cell = page.getByTestId(`met-${entry.builder}`);
        await cell.waitFor();
        expect((await cell.textContent())!.split(' ')[0]).toBe(String(entry.metrics_met));
      }
      await page.getByTestId('level-chart').locator('svg').first().waitFor();
      await page.getByText('checking…').first().waitFor({ state: 'detached' });
      await h.screenshot(page, 'leadership-readiness-board');

      await page.getByRole('link', { name: 'Roster' }).click();
      await page.getByTestId(`roster-${candidate}`).waitFor();
      await h.screenshot(page, 'leadership-roster');

      await page.getByRole('link', { name: 'Payouts' }).click();
      // One chart per currency with payouts in the twelve months, or the empty state when there are none.
      await page
        .locator('[data-testid^="payouts-chart-"] svg')
        .or(page.getByText(/^Nothing payable from /))
        .first()
        .waitFor();
      await h.screenshot(page, 'leadership-payouts');

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('table', { name: 'Audit entries' }).getByText('evidence.record').first().waitFor();
      // Whose writes to read is picked by name (issue 17), and the API's filter answers.
      const filters = page.getByRole('form', { name: 'Filter the audit log' });
      await filters.getByRole('combobox', { name: 'Who' }).fill('Lena');
      await filters.getByRole('option', { name: /Lena Lead/ }).click();
      await filters.getByRole('button', { name: 'Filter' }).click();
      const byLead = await lead.get<{ entries: { id: number }[] }>(
        `/api/audit?actor=${encodeURIComponent(org.lead)}&limit=50`,
      );
      expect(byLead.entries.length).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('[data-testid^="audit-actor-"]').allInnerTexts())
        .toEqual(byLead.entries.map(() => `Lena Lead · ${org.lead}`));
      await h.screenshot(page, 'leadership-audit');

      // Evidence sources: empty until a source runs, then the run's state as GET /api/sources has it.
      await page.getByRole('link', { name: 'Sources' }).click();
      await page.getByText('No source has run yet').waitFor();
      const adrDir = await mkdtemp(path.join(os.tmpdir(), 'ladder-adr-'));
      await writeFile(
        path.join(adrDir, '0001-pilot-one-depot.md'),
        `---\nstatus: accepted\ndate: 2026-03-01\ndeciders: [${candidate}]\n---\n# Pilot one depot first\n\n## Context and Problem Statement\n\nLate deliveries.\n`,
      );
      await importAdrs({ db: h.database.db, clock: systemClock }, systemActor, adrDir, {
        repoUrl: 'https://git.example.test/northwind/app',
      });
      const sources = await lead.get<{ items: { source: string; last_status: string }[] }>('/api/sources');
      expect(sources.items).toHaveLength(1);
      await page.reload();
      const row = page.getByTestId(`source-${sources.items[0]!.source}`);
      await row.waitFor();
      expect(await row.textContent()).toContain(sources.items[0]!.last_status);
      await h.screenshot(page, 'leadership-sources');

      await page.goto(`/panel/cases/${caseId}`);
      const decision = page.getByRole('form', { name: 'Record the decision' });
      await decision.getByLabel('Decision note').fill('The panel agrees: promoted.');
      await decision.getByRole('button', { name: 'Record decision' }).click();
      await page.getByTestId('case-outcome').waitFor();
      const decided = await lead.get<CaseView>(`/api/cases/${caseId}`);
      expect(decided.decision).not.toBeNull();
      expect((await page.getByTestId('case-outcome').textContent())!.toLowerCase()).toContain(
        decided.decision!.outcome.replace('_', ' '),
      );
      await h.screenshot(page, 'leadership-case-decided');
      await context.close();
    });

    it('the candidate sees the outcome and the feedback on their path, without panelist names', async () => {
      const { page, context } = await h.newPage();
      await h.signIn(page, candidate);
      await page.goto('/path');
      const outcome = page.getByTestId('candidate-outcome');
      await outcome.waitFor();
      expect((await outcome.textContent())!.toLowerCase()).toContain('promoted');
      const card = page.locator('#my-case');
      await card.getByText('Strong multiplier; keep teaching.').waitFor();
      expect(await card.textContent()).not.toContain(panelist);
      await h.screenshot(page, 'candidate-outcome');
      await context.close();
      expect(h.pageErrors).toEqual([]);
    });
  },
);
