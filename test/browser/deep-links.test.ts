import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
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

type As = 'leadership' | 'builder' | 'mentor' | 'client' | 'panelist';

/** What the test knows of the demo organisation once the case is open (filled in beforeAll). */
interface Cast {
  emails: Record<As, string>;
  caseId: number;
}

/**
 * Every route of src/web/app/router.tsx, as a URL to load and the roles that may see it, with the page
 * heading each shows. A route added to the router without a row here fails the first test.
 */
const routes: {
  route: string;
  url: (cast: Cast) => string;
  roles: As[];
  heading: RegExp;
}[] = [
  {
    route: '/',
    url: () => '/',
    roles: ['leadership', 'builder', 'mentor', 'client', 'panelist'],
    heading: /./,
  },
  { route: 'sign-in', url: () => '/sign-in', roles: [], heading: /^Sign in$/ },
  {
    route: 'ladder',
    url: () => '/ladder?level=L4',
    roles: ['leadership', 'builder', 'mentor', 'panelist'],
    heading: /AI-First/,
  },
  { route: 'path', url: () => '/path', roles: ['builder', 'mentor', 'panelist'], heading: /path|L\d/i },
  {
    route: 'builders/:email',
    // The raw address with its dots, as typed or pasted: ".test" must not be taken for a file extension.
    url: ({ emails }) => `/builders/${emails.builder}`,
    roles: ['leadership', 'builder', 'mentor'],
    heading: /./,
  },
  {
    route: 'evidence',
    url: () => '/evidence',
    roles: ['builder', 'mentor', 'leadership'],
    heading: /^Evidence$/,
  },
  { route: 'feedback', url: () => '/feedback', roles: ['client'], heading: /^Feedback on your builders$/ },
  {
    route: 'mentoring',
    url: () => '/mentoring',
    roles: ['mentor', 'leadership'],
    heading: /mentee|Mentoring/i,
  },
  {
    route: 'mentoring/statement',
    url: () => '/mentoring/statement',
    roles: ['mentor'],
    heading: /statement/i,
  },
  { route: 'panel', url: () => '/panel', roles: ['panelist', 'leadership'], heading: /cases/i },
  {
    route: 'panel/cases/:id',
    url: ({ caseId }) => `/panel/cases/${caseId}`,
    roles: ['panelist', 'leadership'],
    heading: /./,
  },
  {
    route: 'leadership',
    url: () => '/leadership?level=L4',
    roles: ['leadership'],
    heading: /^Readiness board$/,
  },
  { route: 'leadership/roster', url: () => '/leadership/roster', roles: ['leadership'], heading: /^Roster$/ },
  {
    route: 'leadership/payouts',
    url: () => '/leadership/payouts',
    roles: ['leadership'],
    heading: /payouts/i,
  },
  {
    route: 'leadership/audit',
    url: () => '/leadership/audit',
    roles: ['leadership'],
    heading: /^Audit log$/,
  },
  {
    route: 'leadership/sources',
    url: () => '/leadership/sources',
    roles: ['leadership'],
    heading: /^Evidence sources$/,
  },
  {
    route: 'leadership/accounts',
    url: () => '/leadership/accounts',
    roles: ['leadership'],
    heading: /accounts/i,
  },
  {
    route: '*',
    url: () => '/no-such-page/at.all',
    roles: ['leadership', 'client'],
    heading: /^Page not found$/,
  },
];

/** The `path:` entries (and the index route) of the router, read from its source. */
async function routerPaths(): Promise<string[]> {
  const source = await readFile('src/web/app/router.tsx', 'utf8');
  const paths = [...source.matchAll(/\bpath:\s*'([^']+)'/g)].map((match) => match[1]!);
  return /\bindex:\s*true\b/.test(source) ? ['/', ...paths] : paths;
}

/** Waits until the screen has settled: a heading, no spinner, nothing more loading. */
async function settle(page: Page, heading: RegExp): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 }).filter({ hasText: heading }).first();
  await h1.waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.state-loading').first().waitFor({ state: 'detached' });
  return (await h1.textContent()) ?? '';
}

const enabled = browserTierEnabled();

describe.skipIf(!enabled)(
  'deep links: every route of the router, reloaded as each role that may see it',
  () => {
    let h: BrowserHarness;
    let cast: Cast;

    beforeAll(async () => {
      h = await startBrowserHarness({ demo: true });
      const demo = (as: string): string => {
        const found = h.demoAccounts.find((account) => account.as === as);
        if (found === undefined) throw new Error(`the demo has no ${as} account`);
        return found.email;
      };
      const lead: ApiSession = await h.api(demo('leadership'));
      // A case for the demo's eligible L4, seated with two L5s (one of them signs in) and leadership.
      const ranking = await lead.get<{ builder: string }[]>('/api/levels/L4/ranking');
      let candidate: string | undefined;
      for (const entry of ranking) {
        const readiness = await lead.get<{ eligible_for_case: boolean }>(
          `/api/builders/${encodeURIComponent(entry.builder)}/readiness`,
        );
        if (readiness.eligible_for_case) candidate = entry.builder;
      }
      if (candidate === undefined) throw new Error('the demo has no eligible L4');
      // L5s without a demo account (the demo's mentor may be one, and may mentor the candidate).
      const taken = new Set(h.demoAccounts.map((account) => account.email));
      const l5s = await lead.get<{ items: { email: string }[] }>('/api/builders?level=L5&limit=20');
      const panelists = l5s.items
        .map((builder) => builder.email)
        .filter((email) => !taken.has(email))
        .slice(0, 2);
      if (panelists.length < 2) throw new Error('the demo has fewer than two L5 builders without an account');
      await createAccount({ db: h.database.db, clock: systemClock }, operatorActor('browser-tests'), {
        email: panelists[0]!,
        role: 'builder',
        password: testPassword,
        clientId: null,
      });
      const opened = await lead.send<{ id: number }>('POST', '/api/cases', { candidate });
      await lead.send('PUT', `/api/cases/${opened.id}/panel`, {
        panelists: [...panelists, demo('leadership')],
      });
      cast = {
        caseId: opened.id,
        emails: {
          leadership: demo('leadership'),
          builder: demo('builder'),
          mentor: demo('mentor'),
          client: demo('client'),
          panelist: panelists[0]!,
        },
      };
    }, 240_000);
    afterAll(async () => {
      await h?.close();
    });

    it('has a row for every route of the router, and the demo emails have dots', async () => {
      expect(routes.map((row) => row.route).sort()).toEqual((await routerPaths()).sort());
      expect(cast.emails.builder).toMatch(/\..*@.*\./);
    });

    it('opens the sign-in screen by its address while signed out', async () => {
      const { page, context } = await h.newPage();
      await page.goto('/sign-in');
      await settle(page, /^Sign in$/);
      await page.reload();
      await settle(page, /^Sign in$/);
      await h.screenshot(page, 'deep-link-signed-out-sign-in');
      await context.close();
    });

    for (const as of ['leadership', 'builder', 'mentor', 'client', 'panelist'] as const) {
      it(`reloads each route ${as} may see, and each shows its screen (not JSON, not sign-in)`, async () => {
        const { page, context } = await h.newPage();
        await h.signIn(page, cast.emails[as]);
        for (const row of routes.filter((entry) => entry.roles.includes(as))) {
          const url = row.url(cast);
          const response = await page.goto(url);
          expect(response?.status(), url).toBe(200);
          expect(response?.headers()['content-type'], url).toContain('text/html');
          const first = await settle(page, row.heading);
          await page.reload();
          const again = await settle(page, row.heading);
          expect(again, `${url} after a reload`).toBe(first);
          expect(new URL(page.url()).pathname, `${url} stays where it was`).not.toBe('/sign-in');
          expect(await page.locator('.state-error').count(), `${url} shows no error`).toBe(0);
          const slug =
            row.route === '/' ? 'home' : row.route === '*' ? 'not-found' : row.route.replace(/[/:]+/g, '-');
          await h.screenshot(page, `deep-link-${as}-${slug}`);
        }
        await context.close();
        // Two loads, a settle and an axe run per route: minutes on a loaded two-core machine.
      }, 300_000);
    }
  },
);
