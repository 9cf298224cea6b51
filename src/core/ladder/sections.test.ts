import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ladderProblems, positionOf, validLadder } from '../../../test/helpers/ladder-text.js';
import { renderLevel } from './render-level.js';

const root = path.resolve(import.meta.dirname, '../../..');
const golden = path.join(root, 'test/fixtures/ladders/rendered/ai-first-business-manager');
const shippedText = readFileSync(path.join(root, 'ladders/ai-first-business-manager.yaml'), 'utf8');

/** A one-level ladder with the given top-level `sections` and level fields (YAML, indented for the level). */
function ladder(sections: string, levelFields: string): string {
  return [
    'ladder: sections-demo',
    'name: Sections demo',
    'version: 2026-03-01',
    ...(sections === '' ? [] : ['sections:', sections]),
    'tracks:',
    '  - { id: main, name: Main, levels: [E1] }',
    'levels:',
    '  - id: E1',
    '    title: Engineer',
    '    track: main',
    '    status: written',
    levelFields,
    '',
  ].join('\n');
}

const OWN_SECTIONS = [
  '  - { id: scope, heading: Scope, kind: prose, field: content.scope }',
  '  - { id: behaviours, heading: Behaviours, kind: checklist, field: content.behaviours }',
  '  - { id: doing, heading: What you do, kind: list, field: what_you_do }',
  '  - { id: signals, heading: Signals, kind: table, field: content.signals }',
].join('\n');

const OWN_CONTENT = [
  '    what_you_do:',
  '      - { name: Ships, description: small changes every day }',
  '    content:',
  '      scope:',
  '        - Works on one team’s services.',
  '        - Asks before changing another team’s code.',
  '      behaviours:',
  '        - Writes the test first',
  '        - { name: Reviews, description: within a day }',
  '      signals:',
  '        head: [Signal, Where]',
  '        rows:',
  '          - [Reviews given, Pull requests]',
  '          - [Incidents led, Postmortems]',
].join('\n');

describe('sections the ladder declares', () => {
  it('renders them in the declared order with their headings, each kind in its shape (md)', () => {
    const doc = validLadder(ladder(OWN_SECTIONS, OWN_CONTENT));
    const md = renderLevel(doc, 'E1', 'md')!;
    const headings = md.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Scope', '## Behaviours', '## What you do', '## Signals']);
    expect(md).toContain(
      '## Scope\n\nWorks on one team’s services.\n\nAsks before changing another team’s code.\n',
    );
    expect(md).toContain('## Behaviours\n\n- [ ] Writes the test first\n- [ ] **Reviews** — within a day\n');
    expect(md).toContain('## What you do\n\n- **Ships** — small changes every day\n');
    expect(md).toContain(
      '| Signal | Where |\n| --- | --- |\n| Reviews given | Pull requests |\n| Incidents led | Postmortems |',
    );
  });

  it('renders them in HTML with the declared ids, a checklist and a table with labelled cells', () => {
    const html = renderLevel(validLadder(ladder(OWN_SECTIONS, OWN_CONTENT)), 'E1', 'html')!;
    expect(html).toContain('<section id="scope"><h2>Scope</h2><p>Works on one team’s services.</p>');
    expect(html).toContain('<section id="behaviours"><h2>Behaviours</h2><ul class="checklist">');
    expect(html).toContain('<td data-label="Where">Postmortems</td>');
  });

  it('leaves out a section the level does not define: no empty heading', () => {
    const doc = validLadder(ladder(OWN_SECTIONS, ['    content:', '      scope: [One team.]'].join('\n')));
    const md = renderLevel(doc, 'E1', 'md')!;
    expect(md.split('\n').filter((line) => line.startsWith('## '))).toEqual(['## Scope']);
  });

  it('shows a level field under the declared kind (self-evaluation as a plain list, skills as a checklist)', () => {
    const doc = validLadder(
      ladder(
        [
          '  - { id: skills, heading: Skills, kind: checklist, field: ai_skills }',
          '  - { id: check, heading: Ask yourself, kind: list, field: self_evaluation }',
        ].join('\n'),
        [
          '    ai_skills: [{ name: Prompting }]',
          '    self_evaluation: [{ id: asks, text: I ask early }]',
        ].join('\n'),
      ),
    );
    const md = renderLevel(doc, 'E1', 'md')!;
    expect(md).toContain('## Skills\n\n- [ ] **Prompting**\n');
    expect(md).toContain('## Ask yourself\n\n- I ask early\n');
  });

  it('shows a level field no declared section names after the declared ones, under its default heading', () => {
    const doc = validLadder(
      ladder(
        '  - { id: a, heading: Doing, kind: list, field: what_you_do }',
        ['    ai_skills: [{ name: Prompting }]', '    what_you_do: [{ name: Ships }]'].join('\n'),
      ),
    );
    const headings = renderLevel(doc, 'E1', 'md')!
      .split('\n')
      .filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Doing', '## AI Skills Required']);
  });

  it('puts the points section after the competency matrix section wherever it is declared', () => {
    const doc = validLadder(
      readFileSync(path.join(root, 'ladders/examples/data-engineer-points.yaml'), 'utf8')
        .replace(
          '\ntracks:',
          [
            '',
            'sections:',
            '  - { id: scope, heading: Scope, kind: prose, field: content.scope }',
            '  - { id: areas, heading: Areas, kind: competency_matrix, field: expectations }',
            '  - { id: doing, heading: Doing, kind: list, field: what_you_do }',
            'tracks:',
          ].join('\n'),
        )
        .replace(
          '  - id: D2\n',
          '  - id: D2\n    content: { scope: [A team’s pipelines.] }\n    what_you_do: [{ name: Builds pipelines }]\n',
        ),
    );
    const headings = renderLevel(doc, 'D2', 'md')!
      .split('\n')
      .filter((line) => line.startsWith('## '));
    // D2 states no expectations, so "Areas" is left out; the points keep its place, before "Doing".
    expect(headings.slice(0, 3)).toEqual(['## Scope', '## Points and Bands', '## Doing']);
  });
});

describe('the shipped ladder declares its sections', () => {
  it('names today’s headings, in the seed page’s order', () => {
    const doc = validLadder(shippedText);
    expect(doc.sections?.map((s) => [s.heading, s.kind, s.field])).toEqual([
      ['What You Do', 'list', 'what_you_do'],
      ['AI Skills Required', 'list', 'ai_skills'],
      ['Self-Evaluation Checklist', 'checklist', 'self_evaluation'],
      ['Training Curriculum', 'curriculum', 'curriculum'],
      ['Ranking Standard', 'table', 'ranking_standard'],
    ]);
  });

  it.each(['L1', 'L4', 'L5'])('renders %s byte for byte as without them (the goldens)', (level) => {
    const declared = validLadder(shippedText);
    const { sections: _sections, ...undeclared } = declared;
    for (const format of ['md', 'html'] as const) {
      const expected = readFileSync(path.join(golden, `${level}.${format}.golden`), 'utf8');
      expect(renderLevel(declared, level, format)).toBe(expected);
      expect(renderLevel(undeclared, level, format)).toBe(expected);
    }
  });
});

describe('validation of declared sections', () => {
  it.each([
    [
      'an unknown kind',
      '  - { id: a, heading: A, kind: grid, field: what_you_do }',
      'grid',
      'sections[0].kind: expected one of: prose, list, checklist, table, curriculum, competency_matrix',
    ],
    [
      'an unknown field',
      '  - { id: a, heading: A, kind: list, field: duties }',
      'duties',
      'sections[0].field: expected a level field (what_you_do, ai_skills, expectations, self_evaluation, curriculum, ranking_standard) or content.<name>',
    ],
    [
      'a kind that cannot show the field',
      '  - { id: a, heading: A, kind: table, field: what_you_do }',
      'table',
      'sections[0].kind: a table section cannot show what_you_do: expected kind list or checklist',
    ],
    [
      'a curriculum section over content',
      '  - { id: a, heading: A, kind: curriculum, field: content.plan }',
      'curriculum',
      'sections[0].kind: a curriculum section shows a level field (curriculum), not content.plan: expected kind prose, list, checklist, table',
    ],
    [
      'a section id twice',
      '  - { id: a, heading: A, kind: list, field: what_you_do }\n  - { id: a, heading: B, kind: list, field: ai_skills }',
      '{ id: a, heading: B',
      'sections[1].id: duplicate section id "a" (first at index 0)',
    ],
    [
      'one field in two sections',
      '  - { id: a, heading: A, kind: list, field: what_you_do }\n  - { id: b, heading: B, kind: checklist, field: what_you_do }',
      'what_you_do }\nafter:id: b',
      'sections[1].field: duplicate section for field what_you_do (first at index 0): a field fills one section',
    ],
    [
      'a heading left empty',
      '  - { id: a, heading: "", kind: list, field: what_you_do }',
      '""',
      'sections[0].heading: expected non-empty text',
    ],
  ])('refuses %s', (_what, sections, needle, message) => {
    const source = ladder(sections, '');
    const [text, after] = needle.split('\nafter:');
    const from = after === undefined ? source.indexOf('sections:') : source.indexOf(after);
    const at = positionOf(source, text!, from);
    // An id is reported at its value: `{ id: a` → the `a`.
    const position = text!.startsWith('{ id: ') ? positionOf(source, 'a, heading: B', from) : at;
    expect(ladderProblems(source)).toEqual([`${position}: ${message}`]);
  });

  it('refuses `sections: []`', () => {
    expect(ladderProblems(ladder('  []', '').replace('sections:\n  []', 'sections: []'))).toEqual([
      `${positionOf(ladder('  []', '').replace('sections:\n  []', 'sections: []'), '[]')}: sections: expected at least one section`,
    ]);
  });

  it('refuses content no section shows, with or without declared sections', () => {
    const declared = ladder(
      '  - { id: a, heading: A, kind: prose, field: content.scope }',
      ['    content:', '      scope: [One team.]', '      impact: [Two teams.]'].join('\n'),
    );
    expect(ladderProblems(declared)).toEqual([
      `${positionOf(declared, 'impact:')}: levels[0].content.impact: no section shows content "impact" (sections show content.scope)`,
    ]);
    const undeclared = ladder('', ['    content:', '      impact: [Two teams.]'].join('\n'));
    expect(ladderProblems(undeclared)).toEqual([
      `${positionOf(undeclared, 'impact:')}: levels[0].content.impact: no section shows content "impact": the ladder declares no sections (add one with field: content.impact)`,
    ]);
  });

  it('refuses content in the wrong shape for its section’s kind', () => {
    const source = ladder(
      [
        '  - { id: scope, heading: Scope, kind: prose, field: content.scope }',
        '  - { id: signals, heading: Signals, kind: table, field: content.signals }',
        '  - { id: notes, heading: Notes, kind: list, field: content.notes }',
      ].join('\n'),
      [
        '    content:',
        '      scope:',
        '        - One team.',
        '        - { name: Two, description: teams }',
        '      signals: [Reviews]',
        '      notes: { head: [A], rows: [[b]] }',
      ].join('\n'),
    );
    expect(ladderProblems(source)).toEqual([
      `${positionOf(source, '{ name: Two')}: levels[0].content.scope[1]: section "scope" is prose: expected a paragraph (text), not an item { name, description }`,
      `${positionOf(source, '[Reviews]')}: levels[0].content.signals: section "signals" is a table: expected { head: [column, …], rows: [[cell, …], …] }`,
      `${positionOf(source, '{ head')}: levels[0].content.notes: section "notes" is a list: expected a list, not a table`,
    ]);
  });

  it('refuses a table row with more or fewer cells than the head has columns', () => {
    const source = ladder(
      '  - { id: signals, heading: Signals, kind: table, field: content.signals }',
      [
        '    content:',
        '      signals:',
        '        head: [Signal, Where]',
        '        rows:',
        '          - [Reviews given, Pull requests]',
        '          - [Incidents led]',
      ].join('\n'),
    );
    expect(ladderProblems(source)).toEqual([
      `${positionOf(source, '[Incidents')}: levels[0].content.signals.rows[1]: expected 2 cells (the head has 2 columns), not 1`,
    ]);
  });

  it('refuses content that is neither a list nor a table, and a bad content name', () => {
    const source = ladder(
      '  - { id: a, heading: A, kind: prose, field: content.scope }',
      ['    content:', '      scope: Just one line', '      Bad Name: [x]'].join('\n'),
    );
    expect(ladderProblems(source)).toEqual([
      `${positionOf(source, 'Just one line')}: levels[0].content.scope: expected a list (paragraphs or items { name, description }) or a table { head, rows }`,
      `${positionOf(source, 'Bad Name')}: levels[0].content.Bad Name: field name "Bad Name": expected a content name (a-z, 0-9, _ and -, starting with a letter)`,
    ]);
  });

  it('reports a section problem and another problem of the file in one pass', () => {
    const source = ladder(
      '  - { id: a, heading: A, kind: table, field: what_you_do }',
      '    tagline: 7',
    ).replace('status: written', 'status: draft');
    expect(ladderProblems(source)).toEqual([
      `${positionOf(source, 'table')}: sections[0].kind: a table section cannot show what_you_do: expected kind list or checklist`,
      `${positionOf(source, 'draft')}: levels[0].status: expected one of: written, not_written`,
      `${positionOf(source, '7', source.indexOf('tagline'))}: levels[0].tagline: expected text`,
    ]);
  });
});
