import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLevels, formatComparison } from './compare-levels.js';
import { diffLadders, formatLadderDiff } from './diff-ladder.js';
import type { LadderDocument } from './ladder.schema.js';
import { findLevel } from './ladder-lookup.js';
import { validateLadderText } from './validate-ladder.js';

const source = readFileSync(
  path.resolve(import.meta.dirname, '../../../ladders/ai-first-business-manager.yaml'),
  'utf8',
);

function parse(text: string): LadderDocument {
  const result = validateLadderText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.ladder;
}

describe('diffLadders', () => {
  const before = parse(source);

  it('finds nothing between a file and itself', () => {
    expect(diffLadders(before, before)).toEqual([]);
    expect(formatLadderDiff(before, before, [])).toContain('no changes');
  });

  it('places each change by level, section and item id', () => {
    const after = parse(
      source
        .replace('version: 2026-02-01', 'version: 2026-08-01')
        .replace('min_months_at_level: 18', 'min_months_at_level: 24')
        .replace(
          'threshold: Reviews cited as helpful by 2+ team members',
          'threshold: Reviews cited as helpful by 3+ team members',
        )
        .replace(/( +)- id: data-driven-kills\n(?:\1 {2}.*\n)+/, '')
        .replace('percent: 4\n', 'percent: 5\n'),
    );
    const changes = diffLadders(before, after);
    expect(changes).toEqual([
      {
        level: null,
        section: 'version',
        kind: 'changed',
        path: 'version',
        before: '2026-02-01',
        after: '2026-08-01',
      },
      expect.objectContaining({
        level: 'L4',
        section: 'ranking_standard',
        kind: 'removed',
        path: 'ranking_standard[data-driven-kills]',
      }),
      {
        level: 'L4',
        section: 'ranking_standard',
        kind: 'changed',
        path: 'ranking_standard[code-review-impact].threshold',
        before: 'Reviews cited as helpful by 2+ team members',
        after: 'Reviews cited as helpful by 3+ team members',
      },
      {
        level: 'L4',
        section: 'promotion',
        kind: 'changed',
        path: 'promotion.min_months_at_level',
        before: 18,
        after: 24,
      },
      {
        level: 'L5',
        section: 'mentorship',
        kind: 'changed',
        path: 'mentorship.gives.referral.percent',
        before: 4,
        after: 5,
      },
    ]);
    const text = formatLadderDiff(before, after, changes);
    expect(text).toContain('version 2026-02-01 → 2026-08-01');
    expect(text).toContain('    ~ promotion.min_months_at_level: 18 → 24');
    expect(text).toContain('    - ranking_standard[data-driven-kills]');
  });

  it('reports a level added and a reordering of items', () => {
    const withL6 = source
      .replace('levels: [L1, L2, L3, L4, L5]', 'levels: [L1, L2, L3, L4, L5, L6]')
      .concat('\n  - id: L6\n    title: L6\n    track: ai-first-business-manager\n    status: not_written\n');
    const swapped = parse(withL6).levels.map((l) =>
      l.id === 'L4' ? { ...l, ai_skills: [...(l.ai_skills ?? [])].reverse() } : l,
    );
    const after = { ...parse(withL6), levels: swapped };
    const changes = diffLadders(before, after);
    expect(changes.map((c) => [c.level, c.section, c.kind, c.path])).toEqual([
      [null, 'tracks', 'changed', 'tracks[ai-first-business-manager].levels'],
      ['L4', 'ai_skills', 'changed', 'ai_skills (order)'],
      ['L6', 'level', 'added', 'L6'],
    ]);
  });
});

describe('compareLevels', () => {
  const doc = parse(source);

  it('sets L4 and L5 side by side with the numbers that change', () => {
    const rows = compareLevels(doc, findLevel(doc, 'L4')!, findLevel(doc, 'L5')!);
    const row = (aspect: string) => rows.find((r) => r.aspect === aspect);
    expect(row('mentee slots')).toMatchObject({ left: '1', right: '2', changed: true });
    expect(row('mentee levels')).toMatchObject({ left: 'L1–L2', right: 'L1–L3', changed: true });
    expect(row('referral cut')).toMatchObject({ left: '3% for 6 months', right: '4% for 9 months' });
    expect(row('billing tier')).toMatchObject({ left: '—', right: 'Premium+' });
    expect(row('panel eligible')).toMatchObject({ left: '—', right: 'yes' });
    expect(row('minimum months at level')).toMatchObject({ left: '18', right: '—' });
    expect(row('receives')).toMatchObject({ left: 'L5 or leadership, bi-weekly', right: '—' });
    expect(row('Product decisions adopted')).toMatchObject({
      left: '3+ scope changes or feature proposals accepted by clients',
      right: '—',
    });
    const table = formatComparison(findLevel(doc, 'L4')!, findLevel(doc, 'L5')!, rows);
    expect(table.split('\n')[0]).toBe('| section | aspect | L4 | L5 | |');
    expect(table).toContain('| mentorship | mentee slots | 1 | 2 | ≠ |');
  });

  it('marks nothing as changed when a level is compared with itself', () => {
    const l4 = findLevel(doc, 'L4')!;
    expect(compareLevels(doc, l4, l4).filter((r) => r.changed)).toEqual([]);
  });
});
