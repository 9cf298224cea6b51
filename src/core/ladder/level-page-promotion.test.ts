import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLevels } from './compare-levels.js';
import type { LadderDocument, PromotionDefinition } from './ladder.schema.js';
import { findLevel } from './ladder-lookup.js';
import { buildLevelPage, type PageSection } from './level-page.js';
import { renderLevel } from './render-level.js';
import { formatProblem, validateLadderText } from './validate-ladder.js';

const root = path.resolve(import.meta.dirname, '../../..');
const example = readFileSync(path.join(root, 'ladders/examples/software-engineer.yaml'), 'utf8');
const shipped = readFileSync(path.join(root, 'ladders/ai-first-business-manager.yaml'), 'utf8');

function parse(text: string): LadderDocument {
  const result = validateLadderText(text);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.ladder;
}

/** The example ladder with IC2's promotion replaced (render reads the document as given). */
function withPromotion(promotion: PromotionDefinition): LadderDocument {
  const doc = structuredClone(parse(example));
  const level = findLevel(doc, 'IC2');
  if (level === undefined) throw new Error('IC2 missing');
  level.promotion = promotion;
  return doc;
}

function promotionSection(doc: LadderDocument, id = 'IC2'): PageSection | undefined {
  const level = findLevel(doc, id);
  if (level === undefined) throw new Error(`${id} missing`);
  return buildLevelPage(doc, level).sections.find((s) => s.id === 'promotion');
}

/** The Markdown of the promotion section alone, up to the next section. */
function promotionMarkdown(doc: LadderDocument, id = 'IC2'): string {
  const md = renderLevel(doc, id, 'md') ?? '';
  const start = md.indexOf('## Promotion to');
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next).trim();
}

describe('a promotion by judgment on the level page', () => {
  const doc = parse(example);

  it('says the panel decides, then the minimum, the typical time and what the panel weighs (Markdown)', () => {
    expect(promotionMarkdown(doc)).toBe(
      [
        '## Promotion to IC3',
        '',
        'Promotion to IC3 is decided by a panel’s judgment, not by a checklist: what the panel weighs is listed below, and none of it is counted as met or missing.',
        '',
        '### Requirements',
        '',
        '- A year as Engineer II',
        '',
        '### Time at This Level',
        '',
        '- **Minimum** — 12 months at IC2',
        '- **Typical** — 18–30 months at IC2 (advice: how long people usually stay, never a requirement)',
        '',
        '### What the Panel Weighs',
        '',
        '- **Owns features end to end** — Evidence: features, retros.',
        '- **Designs within the system** — Evidence: ADRs.',
        '- **Reviews that teach** — Evidence: code reviews.',
      ].join('\n'),
    );
  });

  it('renders the same section in HTML, in one <section id="promotion">', () => {
    const html = renderLevel(doc, 'IC3', 'html') ?? '';
    const section = /<section id="promotion">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    // IC3 leads to Staff Engineer or to the manager track: the heading and the sentence name both.
    expect(section).toContain('<h2>Promotion to IC4 or M1</h2>');
    expect(section).toContain(
      '<p>Promotion to IC4 or M1 is decided by a panel’s judgment, not by a checklist:',
    );
    expect(section).toContain('<h3>Time at This Level</h3>');
    expect(section).toContain('<li><strong>Typical</strong> — 24–48 months at IC3 (advice:');
    expect(section).toContain('<h3>What the Panel Weighs</h3>');
    expect(section).toContain(
      '<li><strong>Engineers they grew</strong> — Evidence: mentee reviews, check-ins.</li>',
    );
  });

  it('gives every judged level of the example its sentence, typical time and weighed items', () => {
    for (const id of ['IC1', 'IC2', 'IC3']) {
      const level = findLevel(doc, id)!;
      const md = promotionMarkdown(doc, id);
      expect(md).toContain('is decided by a panel’s judgment');
      for (const weighed of level.promotion?.weighs ?? []) expect(md).toContain(`- **${weighed.name}** — `);
    }
    // The top level has no promotion: no section, not an empty one.
    expect(promotionSection(doc, 'IC4')).toBeUndefined();
  });

  it('shows a weighed item’s description as a sentence, and an item naming no evidence without "Evidence:"', () => {
    const md = promotionMarkdown(
      withPromotion({
        target_level: 'IC3',
        decided_by: 'judgment',
        weighs: [
          { id: 'impact', name: 'Impact', description: 'Outcomes others rely on', evidence: ['decision'] },
          { id: 'care', name: 'Care', description: 'Leaves code better than found.' },
          { id: 'collaboration', name: 'Collaboration' },
        ],
      }),
    );
    expect(md).toContain('- **Impact** — Outcomes others rely on. Evidence: decisions.');
    expect(md).toContain('- **Care** — Leaves code better than found.\n');
    expect(md).toMatch(/- \*\*Collaboration\*\*$/);
    // Neither requirements nor a minimum: no empty "Requirements" list, and no time section without a typical time.
    expect(md).not.toContain('### Requirements');
    expect(md).not.toContain('### Time at This Level');
  });

  it('says a typical time of one number as months, and a missing or zero minimum as none', () => {
    const single = promotionMarkdown(
      withPromotion({
        target_level: 'IC3',
        decided_by: 'judgment',
        typical_months_at_level: 24,
        weighs: [{ id: 'x', name: 'X' }],
      }),
    );
    expect(single).toContain('- **Minimum** — none\n- **Typical** — 24 months at IC2 (advice:');
    const zero = promotionMarkdown(
      withPromotion({
        target_level: 'IC3',
        min_months_at_level: 0,
        typical_months_at_level: { from: 1, to: 1 },
        decided_by: 'judgment',
        weighs: [{ id: 'x', name: 'X' }],
      }),
    );
    expect(zero).toContain('- **Minimum** — none\n- **Typical** — 1 month at IC2 (advice:');
  });

  it('leaves the judgment sentence out of a promotion by requirements, and still shows its typical time', () => {
    const md = promotionMarkdown(
      withPromotion({
        target_level: 'IC3',
        min_months_at_level: 12,
        typical_months_at_level: { from: 18, to: 30 },
        requirements: [{ id: 'minimum-time', name: 'A year as Engineer II', rule: { kind: 'tenure' } }],
      }),
    );
    expect(md).not.toContain('decided by a panel’s judgment');
    expect(md).not.toContain('What the Panel Weighs');
    expect(md).toContain('### Requirements\n\n- A year as Engineer II\n\n### Time at This Level');
  });

  it('with only panel criteria to weigh, says so in the promotion section and lists them in the panel section', () => {
    const doc2 = withPromotion({
      target_level: 'IC3',
      decided_by: 'judgment',
      panel: {
        size: 3,
        eligibility: { min_level: 'IC3', leadership: true },
        reveal_panelists: false,
        criteria: [{ id: 'craft', name: 'Craft', description: 'Work others trust', gate: true }],
        decision: { component_pass: 'majority', gate_median_min: 3, other_median_min: 2.5 },
      },
    });
    const section = promotionSection(doc2);
    expect(section?.blocks.map((b) => b.kind)).toEqual(['paragraph']);
    const md = renderLevel(doc2, 'IC2', 'md') ?? '';
    expect(md.indexOf('## What the Panel Looks For')).toBeGreaterThan(md.indexOf('## Promotion to IC3'));
    expect(md).toContain('- **Craft** _(gate)_ — Work others trust');
  });
});

describe('the shipped ladder, which has no judgment and no typical time', () => {
  const doc = parse(shipped);

  it('still renders its promotion as requirements only (the goldens in competencies.test.ts pin every byte)', () => {
    for (const level of doc.levels) {
      const md = renderLevel(doc, level.id, 'md') ?? '';
      expect(md).not.toContain('decided by a panel’s judgment');
      expect(md).not.toContain('Time at This Level');
      expect(md).not.toContain('What the Panel Weighs');
    }
    expect(promotionSection(doc, 'L4')?.blocks.map((b) => b.kind)).toEqual(['subheading', 'list']);
  });
});

describe('comparing two levels promoted by judgment', () => {
  const doc = parse(example);
  const rowsOf = (left: string, right: string, d = doc) =>
    compareLevels(d, findLevel(d, left)!, findLevel(d, right)!).filter((r) => r.section === 'promotion');

  it('adds who decides, the typical time and what the panel weighs, marking what differs', () => {
    const rows = rowsOf('IC2', 'IC3').map((r) => [r.aspect, r.left, r.right, r.changed]);
    expect(rows).toContainEqual(['decided by', 'panel’s judgment', 'panel’s judgment', false]);
    expect(rows).toContainEqual(['typical time at level', '18–30 months', '24–48 months', true]);
    expect(rows).toContainEqual([
      'what the panel weighs',
      'Owns features end to end; Designs within the system; Reviews that teach',
      'Impact beyond their team; Engineers they grew',
      true,
    ]);
    // Against the top level, which has no promotion.
    expect(rowsOf('IC3', 'IC4').find((r) => r.aspect === 'decided by')).toMatchObject({
      left: 'panel’s judgment',
      right: '—',
      changed: true,
    });
  });

  it('adds none of these rows for the shipped ladder (its L4/L5 comparison is pinned by a golden)', () => {
    const seed = parse(shipped);
    const aspects = rowsOf('L4', 'L5', seed).map((r) => r.aspect);
    expect(aspects).toEqual([
      'target level',
      'minimum months at level',
      'assessment components',
      'panel gate',
    ]);
  });
});
