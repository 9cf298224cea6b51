import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LadderDocument } from './ladder.schema.js';
import { escapeHtml, renderLevel } from './render-level.js';
import { validateLadderText } from './validate-ladder.js';

const root = path.resolve(import.meta.dirname, '../../..');
const seed = readFileSync(path.join(root, 'test/fixtures/seed/l4-senior-product-builder.txt'), 'utf8');
let doc: LadderDocument;

beforeAll(() => {
  const result = validateLadderText(
    readFileSync(path.join(root, 'ladders/ai-first-business-manager.yaml'), 'utf8'),
  );
  if (!result.ok) throw new Error('shipped ladder invalid');
  doc = result.ladder;
});

/** Text a reader sees: tags and Markdown emphasis removed, entities decoded, whitespace collapsed. */
function visibleText(rendered: string): string {
  return rendered
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\*\*|_\(|\)_/g, ' ')
    .replace(/\s+/g, ' ');
}

/** Every bullet of the seed page, as the lead-in and the rest ("Scope surgery", "take a bloated spec…"). */
const seedBullets = seed
  .split('\n')
  .filter((line) => line.trimStart().startsWith('•'))
  .map((line) => line.replace(/^\s*•\s*/, '').trim())
  .map((text) => {
    const dash = text.indexOf(' — ');
    const colon = text.indexOf(': ');
    const cut = dash >= 0 && (colon < 0 || dash < colon) ? [dash, 3] : colon >= 0 ? [colon, 2] : [-1, 0];
    return cut[0]! < 0
      ? { lead: text.replace(/:$/, ''), rest: '' }
      : { lead: text.slice(0, cut[0]), rest: text.slice(cut[0]! + cut[1]!).trim() };
  });

const seedHeadings = [
  'What You Do',
  'AI Skills Required',
  'Self-Evaluation Checklist',
  'Training Curriculum',
  'Month 1–6: Product Instinct',
  'Month 7–12: Technical Leadership',
  'Month 13–18: Product Leadership',
  'Ranking Standard',
  'Promotion to L5',
  'Requirements',
  'What the Panel Looks For',
  'Mentorship at This Level',
  'What Unlocks at L5',
];

describe.each(['md', 'html'] as const)('the rendered L4 page (%s)', (format) => {
  let text: string;
  beforeAll(() => {
    text = visibleText(renderLevel(doc, 'L4', format)!);
  });

  it('has the title, date, tagline and introduction of the seed', () => {
    expect(text).toContain('L4 — Senior Product Builder');
    expect(text).toContain('February 2026');
    expect(text).toContain('The best feature is the one you convince them not to build.');
    expect(text).toContain('Their growth is now partially your problem.');
  });

  it('has every section heading of the seed', () => {
    for (const heading of seedHeadings) expect(text).toContain(heading);
  });

  it(`has every one of the seed's ${seedBullets.length} bullets, word for word`, () => {
    expect(seedBullets.length).toBe(7 + 6 + 9 + 14 + 8 + 5 + 4 + 7);
    for (const { lead, rest } of seedBullets) {
      expect(text).toContain(lead);
      if (rest !== '') expect(text).toContain(rest);
    }
  });

  it('has the ranking standard table: every metric, threshold and source', () => {
    for (const metric of doc.levels.find((l) => l.id === 'L4')!.ranking_standard!) {
      const row = `${metric.name}${metric.threshold}${metric.measured_by}`;
      expect(seed).toContain(row);
      expect(text).toContain(metric.threshold);
    }
    expect(text).toContain('How It’s Measured');
  });

  it('marks the gate criterion', () => {
    expect(text).toMatch(/Multiplication instinct\s+gate/);
  });
});

describe('rendering other levels and edge cases', () => {
  it('says plainly that a not-written level has no page yet and shows what is known of it', () => {
    const md = renderLevel(doc, 'L5', 'md')!;
    expect(md).toContain('# L5');
    expect(md).toContain('Not written yet.');
    expect(md).toContain('2 mentee slots (L1–L3)');
    expect(md).toContain('4% of mentee’s monthly rate for 9 months');
    expect(md).toContain('Premium+');
    expect(md).not.toContain('## Ranking Standard');
    // Said once, in the organisation's words, not again as a generated line.
    expect(md.match(/Owner track/g)).toHaveLength(1);
  });

  it('gives an unwritten junior level what other pages say of it: its mentors and its next level', () => {
    const md = renderLevel(doc, 'L2', 'md')!;
    expect(md).toContain('- **Mentored by** — L4 (weekly check-ins), L5 (weekly check-ins)');
    expect(md).toContain('- **Next level** — L3');
    expect(renderLevel(doc, 'L3', 'md')!).toContain('- **Mentored by** — L5 (weekly check-ins)');
  });

  it('returns undefined for an unknown level', () => {
    expect(renderLevel(doc, 'L9', 'html')).toBeUndefined();
  });

  it('escapes text from the file so a ladder cannot inject markup', () => {
    const hostile: LadderDocument = {
      ...doc,
      levels: doc.levels.map((l) => (l.id === 'L4' ? { ...l, tagline: '<script>alert(1)</script>' } : l)),
    };
    const html = renderLevel(hostile, 'L4', 'html')!;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`a&b"'`)).toBe('a&amp;b&quot;&#39;');
  });

  it('is a standalone page: doctype, viewport for phones, print styles, no external resources', () => {
    const html = renderLevel(doc, 'L4', 'html')!;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<(script|link)\b/);
    expect(html).not.toMatch(/src=|href="http/);
  });
});
