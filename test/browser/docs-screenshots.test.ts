import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import UPNG from 'upng-js';
import { describe, expect, it } from 'vitest';
import {
  DOC_SCREENS,
  MAX_HEIGHT,
  MAX_TOTAL_BYTES,
  SCREENS_END,
  SCREENS_START,
  screensMarkdown,
  shrinkScreenshot,
} from './docs-screenshots.js';

const root = path.resolve(import.meta.dirname, '../..');

/** docs/web.md's screenshots (issue 17): committed, small, and listed exactly as the script writes them. */
describe('docs/web screenshots', () => {
  it('holds exactly the chosen screens, under the size limit', () => {
    const files = readdirSync(path.join(root, 'docs/web')).sort();
    expect(files).toEqual(DOC_SCREENS.map((s) => `${s.name}.png`).sort());
    const total = files.reduce((sum, f) => sum + statSync(path.join(root, 'docs/web', f)).size, 0);
    expect(total).toBeLessThanOrEqual(MAX_TOTAL_BYTES);
  });

  it('lists every role’s screens in docs/web.md as the script writes them', () => {
    const doc = readFileSync(path.join(root, 'docs/web.md'), 'utf8');
    const start = doc.indexOf(SCREENS_START);
    const end = doc.indexOf(SCREENS_END);
    expect(start).toBeGreaterThan(0);
    expect(doc.slice(start + SCREENS_START.length, end).trim()).toBe(screensMarkdown());
    for (const role of ['Builder', 'Mentor', 'Panelist', 'Leadership', 'Client contact'])
      expect(screensMarkdown()).toContain(`### ${role}`);
  });

  it('cuts a tall screenshot to its top and keeps its width and pixels', () => {
    const width = 4;
    const height = MAX_HEIGHT + 100;
    const rgba = new Uint8Array(width * height * 4);
    // Top row red, everything else white.
    for (let i = 0; i < rgba.length; i += 4)
      rgba.set(i < width * 4 ? [255, 0, 0, 255] : [255, 255, 255, 255], i);
    const png = new Uint8Array(UPNG.encode([rgba.buffer], width, height, 0));
    const small = shrinkScreenshot(png);
    const decoded = UPNG.decode(small.buffer as ArrayBuffer);
    expect([decoded.width, decoded.height]).toEqual([width, MAX_HEIGHT]);
    const pixels = new Uint8Array(UPNG.toRGBA8(decoded)[0]!);
    expect([...pixels.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...pixels.slice(-4)]).toEqual([255, 255, 255, 255]);
  });
});
