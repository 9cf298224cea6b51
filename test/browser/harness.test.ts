import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, type BrowserHarness } from './harness.js';

const enabled = browserTierEnabled();

/** The harness's own checks: each kind of problem is caught, and an expected one is not a failure. */
describe.skipIf(!enabled)('browser harness checks', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('records a console error, a failed request and a serious axe violation, each named', async () => {
    const { page, context } = await h.newPage();
    await page.goto('/sign-in');
    await page.evaluate(async () => {
      console.error('something broke');
      await fetch('/api/no-such-route');
    });
    // An image without a text alternative is a critical violation (image-alt).
    await page.setContent('<main><h1>x</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>');
    const violations = await h.checkAccessibility(page);
    await context.close();
    const seen = h.pageErrors.splice(0);
    expect(violations.some((v) => v.startsWith('axe critical image-alt'))).toBe(true);
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^console error on \/sign-in: something broke$/),
        expect.stringMatching(/^GET \/api\/no-such-route → 404 \(on \/sign-in\)$/),
        expect.stringMatching(/^axe critical image-alt /),
      ]),
    );
  });

  it('takes an expected problem as expected, and fails when it does not happen', async () => {
    const { page, context } = await h.newPage();
    await page.goto('/sign-in');
    await h.expectProblems([/^GET \/api\/expected-miss → 404/], () =>
      page.evaluate(async () => void (await fetch('/api/expected-miss'))),
    );
    expect(h.pageErrors).toEqual([]);
    await expect(h.expectProblems([/^never happens$/], async () => undefined)).rejects.toThrow(
      /expected problem\(s\) did not happen/,
    );
    await context.close();
  });
});
