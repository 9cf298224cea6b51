import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserTierEnabled, startBrowserHarness, type BrowserHarness } from './harness.js';

const enabled = browserTierEnabled();

/** Opens a page and waits until the app has asked the server whether this database is the demo. */
async function openAndAsk(h: BrowserHarness, page: Page, path: string): Promise<boolean> {
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/instance'));
  await page.goto(path);
  return ((await (await answer).json()) as { demo: boolean }).demo;
}

/** The demo banner: on every page of the demo database, signed in or not; never on a real one. */
describe.skipIf(!enabled)('the demo banner', () => {
  describe('on the demo database', () => {
    let h: BrowserHarness;
    beforeAll(async () => {
      h = await startBrowserHarness({ demo: true });
    }, 240_000);
    afterAll(async () => {
      await h?.close();
    });

    it('shows on the sign-in page and on every page after signing in', async () => {
      const { page, context } = await h.newPage({ width: 375, height: 800 });
      expect(await openAndAsk(h, page, '/sign-in')).toBe(true);
      const banner = page.getByTestId('demo-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/Demo data\..*invented.*password is public.*--no-demo/);
      await h.screenshot(page, 'demo-banner-sign-in');
      const lead = h.demoAccounts.find((a) => a.as === 'leadership')!.email;
      await h.signIn(page, lead);
      for (const [link, heading] of [
        ['Roster', 'Roster'],
        ['Ladder', undefined],
        ['Audit log', 'Audit log'],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        if (heading !== undefined) await page.getByRole('heading', { name: heading }).first().waitFor();
        expect(await page.getByTestId('demo-banner').isVisible(), `banner on ${page.url()}`).toBe(true);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await h.screenshot(page, 'demo-banner-leadership');
      expect(h.pageErrors).toEqual([]);
      await context.close();
    });
  });

  describe('on a real organisation’s database', () => {
    let h: BrowserHarness;
    beforeAll(async () => {
      h = await startBrowserHarness({ accounts: [{ email: 'lee@org.example', role: 'leadership' }] });
    }, 240_000);
    afterAll(async () => {
      await h?.close();
    });

    it('never shows, before or after signing in', async () => {
      const { page, context } = await h.newPage();
      expect(await openAndAsk(h, page, '/sign-in')).toBe(false);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await page.getByTestId('demo-banner').count()).toBe(0);
      await h.signIn(page, 'lee@org.example');
      await page.getByRole('link', { name: 'Roster', exact: true }).click();
      await page.getByRole('heading', { name: 'Roster' }).first().waitFor();
      expect(await page.getByTestId('demo-banner').count()).toBe(0);
      await h.screenshot(page, 'real-database-no-demo-banner');
      expect(h.pageErrors).toEqual([]);
      await context.close();
    });
  });
});
