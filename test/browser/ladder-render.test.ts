import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLevel } from '../../src/core/ladder/render-level.js';
import { validateLadderText } from '../../src/core/ladder/validate-ladder.js';
import { browserTierEnabled, chromiumPath, screenshotDir } from './harness.js';

// The standalone page `ladder ladder render … --format html` writes, opened in real Chromium: at desktop
// and phone widths it must show every section of the seed without sideways scrolling, and print.
const result = validateLadderText(
  readFileSync(path.resolve('ladders/ai-first-business-manager.yaml'), 'utf8'),
);
if (!result.ok) throw new Error('shipped ladder invalid');
const html = renderLevel(result.ladder, 'L4', 'html')!;

const headings = [
  'What You Do',
  'AI Skills Required',
  'Self-Evaluation Checklist',
  'Training Curriculum',
  'Ranking Standard',
  'Promotion to L5',
  'What the Panel Looks For',
  'Mentorship at This Level',
  'What Unlocks at L5',
];

describe.runIf(browserTierEnabled())('rendered L4 page in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await mkdir(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, width] of [
    ['desktop', 1280],
    ['phone', 390],
  ] as const) {
    it(`shows every section without sideways scrolling on a ${name} (${width}px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(html, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe('L4 — Senior Product Builder');
      expect(await page.locator('h2').allTextContents()).toEqual(headings);
      // Nothing wider than the screen: a reader on a phone never scrolls sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Body text stays readable: at least 15px.
      const fontSize = await page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('li')!).fontSize),
      );
      expect(fontSize).toBeGreaterThanOrEqual(15);
      expect(await page.locator('table tbody tr').count()).toBe(6);
      const shot = path.join(screenshotDir, `ladder-L4-${name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      // The table is where a narrow screen hurts first: keep a close-up of it too.
      await page
        .locator('#ranking-standard')
        .screenshot({ path: path.join(screenshotDir, `ladder-L4-${name}-ranking.png`) });
      await page.close();
    });
  }

  it('prints to PDF on A4 pages', async () => {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
    await writeFile(path.join(screenshotDir, 'ladder-L4.pdf'), pdf);
    await page.close();
  });
});
