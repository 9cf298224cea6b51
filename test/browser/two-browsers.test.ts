import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/core/actor.js';
import { systemClock } from '../../src/core/clock.js';
import { createAccount } from '../../src/services/access/accounts.service.js';
import type { ApiResponse } from '../../src/web/api/contract.js';
import {
  browserTierEnabled,
  startBrowserHarness,
  testPassword,
  type ApiSession,
  type BrowserHarness,
} from './harness.js';

type CaseView = ApiResponse<'/api/cases/{id}'>;
type Readiness = ApiResponse<'/api/builders/{email}/readiness'>;
type RankingEntry = ApiResponse<'/api/levels/{level}/ranking'>[number];
type AuditPage = ApiResponse<'/api/audit'>;

const enabled = browserTierEnabled();
const PANEL = ['ula.five@example.test', 'vic.five@example.test', 'wes.five@example.test'];
const SECOND_LEAD = { email: 'second.lead@example.test', name: 'Second Lead' };

/**
 * Two people at once on one promotion case, each in a browser of their own (issue 17): both leaders
 * open the same decided-to-be case, both fill the decision form, the first records it and the second —
 * who read the case before — gets a conflict naming what changed, not a second decision; after a
 * reload the second sees the first's decision. Exactly one decision exists, audited once.
 */
describe.skipIf(!enabled)('two browsers on one case', () => {
  let h: BrowserHarness;
  let lead: ApiSession;
  let leadEmail: string;
  let caseId: number;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: true });
    const found = h.demoAccounts.find((a) => a.as === 'leadership');
    if (found === undefined) throw new Error('the demo has no leadership account');
    leadEmail = found.email;
    lead = await h.api(leadEmail);
    const services = { db: h.database.db, clock: systemClock };
    await lead.send('POST', '/api/people', { ...SECOND_LEAD, role: 'leadership' });
    await createAccount(services, operatorActor('browser-tests'), {
      email: SECOND_LEAD.email,
      role: 'leadership',
      password: testPassword,
      clientId: null,
    });
    for (const [index, email] of PANEL.entries()) {
      await lead.send('POST', '/api/builders', {
        email,
        name: `Panelist ${index + 1}`,
        track: 'ai-first-business-manager',
        levels: [{ level: 'L5', since: '2023-01-01' }],
        rates: [{ since: '2023-01-01', rate_minor: 900_000, currency: 'USD' }],
      });
      await createAccount(services, operatorActor('browser-tests'), {
        email,
        role: 'builder',
        password: testPassword,
        clientId: null,
      });
    }
    // A case for the eligible L4, its panel seated and every sheet submitted: it waits for a decision.
    let candidate: string | undefined;
    for (const entry of await lead.get<RankingEntry[]>('/api/levels/L4/ranking')) {
      const readiness = await lead.get<Readiness>(
        `/api/builders/${encodeURIComponent(entry.builder)}/readiness`,
      );
      if (readiness.eligible_for_case) {
        candidate = entry.builder;
        break;
      }
    }
    if (candidate === undefined) throw new Error('the demo has no L4 eligible for a case');
    const opened = await lead.send<CaseView>('POST', '/api/cases', { candidate });
    caseId = opened.id;
    await lead.send('PUT', `/api/cases/${caseId}/panel`, {
      panelists: PANEL,
      expected_version: opened.version,
    });
    for (const email of PANEL) {
      const panelist = await h.api(email);
      const view = await panelist.get<CaseView>(`/api/cases/${caseId}`);
      await panelist.send('POST', `/api/cases/${caseId}/sheet/submit`, {
        components: view.assessment.map((c) => ({ id: c.id, result: 'pass', notes: '' })),
        criteria: view.criteria.map((c) => ({ id: c.id, score: 3, notes: '' })),
        summary: 'Ready.',
      });
    }
  }, 480_000);
  afterAll(async () => {
    await h?.close();
  });

  it(
    'the second decision gets a clear conflict; one decision is kept, audited once',
    { timeout: 180_000 },
    async () => {
      const first = await h.signedInPage(leadEmail, { width: 1366, height: 900 });
      const second = await h.signedInPage(SECOND_LEAD.email, { width: 1366, height: 900 });
      // Both read the case as it is now, before either decides.
      for (const { page } of [first, second]) {
        await page.goto(`/panel/cases/${caseId}`);
        await page.getByRole('form', { name: 'Record the decision' }).waitFor();
      }
      const firstForm = first.page.getByRole('form', { name: 'Record the decision' });
      const secondForm = second.page.getByRole('form', { name: 'Record the decision' });
      await firstForm.getByLabel('Decision note').fill('Promoted: first leader.');
      await secondForm.getByLabel('Decision note').fill('Promoted: second leader.');

      await firstForm.getByRole('button', { name: 'Record decision' }).click();
      await first.page.getByTestId('case-outcome').filter({ hasText: 'Promoted' }).waitFor();

      const refusal = await h.expectProblems([/^POST \/api\/cases\/\d+\/decision → 409/], async () => {
        await secondForm.getByRole('button', { name: 'Record decision' }).click();
        const alert = secondForm.getByRole('alert');
        await alert.waitFor();
        return alert.textContent();
      });
      // The message says who decided it and when, and what to do: reload.
      expect(refusal).toMatch(
        new RegExp(
          `^case ${caseId} was decided \\(promoted\\) by ${leadEmail.replaceAll('.', '\\.')} at .+; reload it$`,
        ),
      );
      await h.screenshot(second.page, 'two-browsers-conflict');

      const view = await lead.get<CaseView>(`/api/cases/${caseId}`);
      expect(view.status).toBe('decided');
      expect(view.decision).toMatchObject({ outcome: 'promoted', note: 'Promoted: first leader.' });
      const audit = await lead.get<AuditPage>(`/api/audit?action=case.decide&entity_id=${caseId}`);
      expect(audit.entries).toHaveLength(1);

      // After a reload the second leader sees the first's decision, and no form to decide again.
      await second.page.reload();
      await second.page.getByTestId('case-outcome').filter({ hasText: 'Promoted' }).waitFor();
      expect(await second.page.getByRole('form', { name: 'Record the decision' }).count()).toBe(0);
      await h.screenshot(second.page, 'two-browsers-after-reload');
      await first.context.close();
      await second.context.close();
    },
  );
});
