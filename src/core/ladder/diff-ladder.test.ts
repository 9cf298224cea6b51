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

describe('diffLadders on items without ids', () => {
  const duties = [
    'Plan the week',
    'Write the code',
    'Review changes',
    'Ship to production',
    'Watch the dashboards',
    'Answer support questions',
    'Write the release notes',
    'Demo to the client',
    'Run the retrospective',
    'Update the roadmap',
  ];
  const paragraphs = duties.map((duty) => `${duty}: a paragraph about how and why it is done.`);
  const ladderText = (items: string[], summary: string[]): string =>
    [
      'ladder: derived-ids-example',
      'name: Derived ids',
      'version: 2026-01-01',
      'tracks:',
      '  - { id: t, name: T, levels: [A1] }',
      'levels:',
      '  - id: A1',
      '    title: A one',
      '    track: t',
      '    status: written',
      '    summary:',
      ...summary.map((p) => `      - ${JSON.stringify(p)}`),
      '    what_you_do:',
      ...items.map(
        (name) =>
          `      - { name: ${JSON.stringify(name)}, description: ${JSON.stringify(`${name} well.`)} }`,
      ),
      '',
    ].join('\n');
  const before = parse(ladderText(duties, paragraphs));

  it('one line inserted in a list of ten is exactly one addition, named by its text', () => {
    const after = parse(
      ladderText([...duties.slice(0, 3), 'Pair with a newcomer', ...duties.slice(3)], paragraphs),
    );
    expect(diffLadders(before, after)).toEqual([
      {
        level: 'A1',
        section: 'what_you_do',
        kind: 'added',
        path: 'what_you_do[pair-with-a-newcomer]',
        after: { name: 'Pair with a newcomer', description: 'Pair with a newcomer well.' },
      },
    ]);
  });

  it('one paragraph edited is exactly one change, under the id of what it was', () => {
    const edited = paragraphs.map((p, i) => (i === 5 ? p.replace('how and why', 'how, when and why') : p));
    const changes = diffLadders(before, parse(ladderText(duties, edited)));
    expect(changes).toEqual([
      {
        level: 'A1',
        section: 'summary',
        kind: 'changed',
        path: 'summary[answer-support-questions-a-paragraph-about]',
        before: paragraphs[5],
        after: edited[5],
      },
    ]);
    expect(formatLadderDiff(before, parse(ladderText(duties, edited)), changes)).toContain(
      '    ~ summary[answer-support-questions-a-paragraph-about]: "Answer support questions: a paragraph about how and why it is done." → "Answer support questions: a paragraph about how, when and why it is done."',
    );
  });

  it('a renamed item is one change of its name; a removed and a moved one read as what they are', () => {
    const renamed = duties.map((d) => (d === 'Review changes' ? 'Review changes carefully' : d));
    const moved = [
      ...renamed.filter((d) => d !== 'Update the roadmap' && d !== 'Plan the week'),
      'Plan the week',
    ];
    const after = parse(ladderText(moved, paragraphs.slice(1)));
    expect(diffLadders(before, after).map((c) => [c.section, c.kind, c.path])).toEqual([
      ['summary', 'removed', 'summary[plan-the-week-a-paragraph-about]'],
      ['what_you_do', 'changed', 'what_you_do[review-changes].name'],
      ['what_you_do', 'changed', 'what_you_do[review-changes].description'],
      ['what_you_do', 'removed', 'what_you_do[update-the-roadmap]'],
      ['what_you_do', 'changed', 'what_you_do (order)'],
    ]);
  });

  it('lists of level ids still diff whole', () => {
    const withA2 = ladderText(duties, paragraphs)
      .replace('levels: [A1]', 'levels: [A1, A2]')
      .concat('  - { id: A2, title: A two, track: t, status: not_written }\n');
    expect(diffLadders(before, parse(withA2)).map((c) => [c.kind, c.path])).toEqual([
      ['changed', 'tracks[t].levels'],
      ['added', 'A2'],
    ]);
  });
});

describe('diffLadders on tracks that share level ids, and on points', () => {
  const shared = (frontendTitle: string): string =>
    [
      'ladder: shared',
      'name: Shared',
      'version: 2026-04-01',
      'tracks:',
      '  - { id: backend, name: Backend, levels: [E1] }',
      '  - { id: frontend, name: Frontend, levels: [E1] }',
      'levels:',
      '  - { id: E1, title: Engineer, track: backend, status: written }',
      `  - { id: E1, title: ${frontendTitle}, track: frontend, status: written }`,
      '',
    ].join('\n');

  it('names a level of a shared id by its track, and never mixes up the two', () => {
    expect(diffLadders(parse(shared('Engineer')), parse(shared('Web Engineer')))).toEqual([
      {
        level: 'frontend/E1',
        section: 'title',
        kind: 'changed',
        path: 'title',
        before: 'Engineer',
        after: 'Web Engineer',
      },
    ]);
  });

  it('a level listing its expectations in another order has not changed (the page follows the categories)', () => {
    const ladder = (areas: string[]): string =>
      [
        'ladder: order',
        'name: Order',
        'version: 2026-04-01',
        'competency_categories:',
        '  - { id: craft, name: Craft, areas: [{ id: code, name: Code }, { id: design, name: Design }] }',
        'tracks:',
        '  - { id: t, name: T, levels: [E1] }',
        'levels:',
        '  - id: E1',
        '    title: Engineer',
        '    track: t',
        '    status: written',
        '    expectations:',
        ...areas.map((area) => `      - { area: ${area}, text: Does ${area}. }`),
        '',
      ].join('\n');
    expect(diffLadders(parse(ladder(['code', 'design'])), parse(ladder(['design', 'code'])))).toEqual([]);
  });

  it('diffs the points block: one edited milestone is one change, named by its area and text', () => {
    const points = readFileSync(
      path.resolve(import.meta.dirname, '../../../ladders/examples/data-engineer-points.yaml'),
      'utf8',
    );
    const edited = points.replace(
      "Adds a column or table to an existing model by following the team's conventions.",
      "Adds a column or table to an existing model, following the team's conventions.",
    );
    expect(edited).not.toBe(points);
    expect(
      diffLadders(parse(points), parse(edited)).map((c) => [c.level, c.section, c.kind, c.path]),
    ).toEqual([
      [
        null,
        'points',
        'changed',
        'points.competencies[data-modelling].milestones[adds-a-column-or-table-to].text',
      ],
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
