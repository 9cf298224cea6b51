import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  validLadder as parse,
  ladderProblems as problemsOf,
  positionOf as whereIs,
} from '../../../test/helpers/ladder-text.js';
import { compareLevels, formatComparison } from './compare-levels.js';
import { diffLadders } from './diff-ladder.js';
import { competencyAreas, findCompetencyArea, findLevel } from './ladder-lookup.js';
import { buildLevelPage } from './level-page.js';
import { renderLevel } from './render-level.js';
import { formatProblem, validateLadderText } from './validate-ladder.js';

const root = path.resolve(import.meta.dirname, '../../..');
const examplePath = 'ladders/examples/software-engineer.yaml';
const example = readFileSync(path.join(root, examplePath), 'utf8');
const seedSource = readFileSync(path.join(root, 'ladders/ai-first-business-manager.yaml'), 'utf8');
const golden = path.join(root, 'test/fixtures/ladders/rendered/ai-first-business-manager');

describe('the example software-engineer ladder', () => {
  const doc = parse(example);

  it('validates, with eight competency areas in three categories, levels IC1–IC4 and M1–M3', () => {
    expect(doc.competency_categories?.map((c) => c.id)).toEqual([
      'technical-craft',
      'working-with-people',
      'leading-teams',
    ]);
    expect(competencyAreas(doc).map(({ area }) => area.id)).toEqual([
      'code-quality',
      'system-design',
      'operations',
      'communication',
      'growing-others',
      'people-management',
      'delivery',
      'recruiting',
    ]);
    expect(doc.tracks[0]?.levels).toEqual(['IC1', 'IC2', 'IC3', 'IC4']);
    expect(doc.tracks[1]?.levels).toEqual(['m1', 'm2', 'm3']);
    expect(findCompetencyArea(doc, 'communication')?.category.id).toBe('working-with-people');
    expect(findCompetencyArea(doc, 'nope')).toBeUndefined();
  });

  it('renders each level with its expectations grouped by category, in the ladder’s order', () => {
    for (const level of doc.levels) {
      const md = renderLevel(doc, level.id, 'md') ?? '';
      const html = renderLevel(doc, level.id, 'html') ?? '';
      expect(md).toContain('## Competencies');
      expect(html).toContain('<section id="competencies"><h2>Competencies</h2>');
      for (const expectation of level.expectations ?? []) expect(md).toContain(expectation.text);
    }
    const md = renderLevel(doc, 'IC1', 'md') ?? '';
    const section = md.slice(md.indexOf('## Competencies'), md.indexOf('## Promotion'));
    expect(section).toBe(
      [
        '## Competencies',
        '### Technical craft',
        [
          '- **Code quality** — Writes working code for small, clearly described tasks and adds tests when shown where.',
          '  - Fixes a reported bug and adds the test that would have caught it.',
          '  - Takes review comments on board in the next change without being reminded.',
          '- **System design** — Understands the part of the system a task touches before changing it.',
          '  - Asks where a new field should live instead of guessing.',
          '- **Running what we ship** — Knows how a change reaches production and watches it after release.',
          '  - Checks the dashboard after a deploy and reports anything odd.',
        ].join('\n'),
        '### Working with people',
        '- **Communication** — Says early when a task is stuck.\n  - Posts a short status when a task takes twice the time expected.',
        '',
      ].join('\n\n'),
    );
  });

  it('groups by the ladder’s order even when a level lists its expectations in another', () => {
    const reordered = parse(example);
    const ic1 = findLevel(reordered, 'IC1');
    ic1?.expectations?.reverse();
    const page = buildLevelPage(reordered, ic1 ?? reordered.levels[0]!);
    const blocks = page.sections.find((s) => s.id === 'competencies')?.blocks ?? [];
    expect(
      blocks.map((b) =>
        b.kind === 'subheading' ? b.text : b.kind === 'list' ? b.items.map((i) => i.label).join(',') : '',
      ),
    ).toEqual([
      'Technical craft',
      'Code quality,System design,Running what we ship',
      'Working with people',
      'Communication',
    ]);
  });

  it('leaves out a category of which the level says nothing, and an area it does not define', () => {
    const md = renderLevel(doc, 'IC1', 'md') ?? '';
    expect(md).not.toContain('Growing others');
    const onlyCraft = parse(
      example.replace(
        /( {6})- area: communication\n(?:\1 {2}.*\n)+?(?=\1 {0,2}promotion:|\s{4}promotion:)/,
        '',
      ),
    );
    const page = renderLevel(onlyCraft, 'IC1', 'md') ?? '';
    expect(page).toContain('### Technical craft');
    expect(page).not.toContain('### Working with people');
  });

  it('compares two levels competency by competency, grouped by category', () => {
    const rows = compareLevels(doc, findLevel(doc, 'IC1')!, findLevel(doc, 'IC2')!).filter((r) =>
      r.section.startsWith('competencies'),
    );
    expect(rows.map((r) => [r.section, r.aspect, r.changed])).toEqual([
      ['competencies: Technical craft', 'Code quality', true],
      ['competencies: Technical craft', 'Code quality: examples', true],
      ['competencies: Technical craft', 'System design', true],
      ['competencies: Technical craft', 'System design: examples', true],
      ['competencies: Technical craft', 'Running what we ship', true],
      ['competencies: Technical craft', 'Running what we ship: examples', true],
      ['competencies: Working with people', 'Communication', true],
      ['competencies: Working with people', 'Communication: examples', true],
      ['competencies: Working with people', 'Growing others', true],
      ['competencies: Working with people', 'Growing others: examples', true],
      // Neither engineer level expects anything of a manager's areas: the rows are there, unchanged.
      ['competencies: Leading teams', 'People management', false],
      ['competencies: Leading teams', 'Delivery', false],
      ['competencies: Leading teams', 'Recruiting', false],
    ]);
    const growing = rows.find((r) => r.aspect === 'Growing others');
    expect(growing).toMatchObject({
      left: '—',
      right: 'Helps newer colleagues find their way in the codebase.',
    });
    // A level compared with itself differs nowhere.
    const ic3 = findLevel(doc, 'IC3')!;
    expect(compareLevels(doc, ic3, ic3).every((r) => !r.changed)).toBe(true);
  });

  it('marks an area as unchanged when both levels expect the same', () => {
    const same = parse(
      example.replace(
        'text: Says early when a task is stuck.',
        'text: Keeps the people waiting on a feature informed without being asked.',
      ),
    );
    const row = compareLevels(same, findLevel(same, 'IC1')!, findLevel(same, 'IC2')!).find(
      (r) => r.aspect === 'Communication',
    );
    expect(row?.changed).toBe(false);
  });

  it('diffs per competency: one edited expectation is one change, named by its area', () => {
    const before = parse(example);
    const after = parse(
      example
        .replace('version: 2026-03-01', 'version: 2026-09-01')
        .replace(
          'text: Says early when a task is stuck.',
          'text: Says early, and in writing, when a task is stuck.',
        ),
    );
    expect(diffLadders(before, after).filter((c) => c.section !== 'version')).toEqual([
      {
        level: 'IC1',
        section: 'expectations',
        kind: 'changed',
        path: 'expectations[communication].text',
        before: 'Says early when a task is stuck.',
        after: 'Says early, and in writing, when a task is stuck.',
      },
    ]);
  });

  it('diffs an added expectation, a new example and a new area as what they are', () => {
    const before = parse(example);
    const after = parse(
      example
        .replace(
          '          - Posts a short status when a task takes twice the time expected.\n',
          '          - Posts a short status when a task takes twice the time expected.\n' +
            '      - area: growing-others\n        text: Shares what they learn in the team channel.\n',
        )
        .replace(
          '          - Asks where a new field should live instead of guessing.\n',
          '          - Asks where a new field should live instead of guessing.\n          - Reads the ADRs of the service first.\n',
        )
        .replace(
          '        description: Leaving the people around you more capable than before.\n',
          '        description: Leaving the people around you more capable than before.\n' +
            '      - id: hiring\n        name: Hiring\n',
        ),
    );
    expect(diffLadders(before, after).map((c) => [c.level, c.kind, c.path, c.after])).toEqual([
      [
        null,
        'added',
        'competency_categories[working-with-people].areas[hiring]',
        { id: 'hiring', name: 'Hiring' },
      ],
      // An example has no id of its own: it is matched by the id its text gives (ADR 0022), so one added
      // example is one addition, not the whole list changed.
      [
        'IC1',
        'added',
        'expectations[system-design].examples[reads-the-adrs-of-the-service]',
        'Reads the ADRs of the service first.',
      ],
      [
        'IC1',
        'added',
        'expectations[growing-others]',
        { area: 'growing-others', text: 'Shares what they learn in the team channel.' },
      ],
    ]);
  });
});

describe('the shipped AI-First Business Manager ladder (no competencies)', () => {
  const doc = parse(seedSource);

  // The golden pages were rendered by the code before competencies existed (commit a925d57).
  it.each(readdirSync(golden).filter((f) => /^L\d\.(md|html)\.golden$/.test(f)))(
    '%s renders exactly as before',
    (name) => {
      const [level, format] = name.split('.') as [string, 'md' | 'html'];

      expect(renderLevel(doc, level, format)).toBe(readFileSync(path.join(golden, name), 'utf8'));
    },
  );

  it('compares L4 with L5 exactly as before', () => {
    const l4 = findLevel(doc, 'L4')!;
    const l5 = findLevel(doc, 'L5')!;
    expect(formatComparison(l4, l5, compareLevels(doc, l4, l5))).toBe(
      readFileSync(path.join(golden, 'compare-L4-L5.md.golden'), 'utf8'),
    );
  });
});

describe('competency validation (one pass, FILE:LINE:COLUMN)', () => {
  it('names an unknown area in a level’s expectation, listing the declared ones', () => {
    const source = example.replace(
      '- area: system-design\n        text: Understands',
      '- area: sytem-design\n        text: Understands',
    );
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, 'sytem-design')}: levels[0].expectations[1].area: unknown competency area "sytem-design" (areas: code-quality, system-design, operations, communication, growing-others, people-management, delivery, recruiting)`,
    ]);
    const result = validateLadderText(source, examplePath);
    expect(result.ok ? [] : result.problems.map(formatProblem)[0]).toMatch(
      /^ladders\/examples\/software-engineer\.yaml:\d+:\d+: levels\[0\]\.expectations\[1\]\.area: /,
    );
  });

  it('says so when the ladder declares no competencies at all', () => {
    const source = seedSource.replace(
      '    self_evaluation:\n',
      '    expectations:\n      - { area: craft, text: Builds well. }\n    self_evaluation:\n',
    );
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, 'craft, text')}: levels[3].expectations[0].area: unknown competency area "craft": the ladder declares no competency_categories`,
    ]);
  });

  it('refuses an area id used twice, even in two categories', () => {
    const source = example.replace('      - id: growing-others\n', '      - id: code-quality\n');
    const second = source.indexOf('- id: code-quality', source.indexOf('working-with-people'));
    expect(problemsOf(source)).toContainEqual(
      `${whereIs(source, 'code-quality', second)}: competency_categories[1].areas[1].id: duplicate competency area id "code-quality" (first in category "technical-craft"): an area id is unique across the ladder`,
    );
  });

  it('refuses a category id used twice', () => {
    const source = example.replace('  - id: working-with-people\n', '  - id: technical-craft\n');
    const second = source.indexOf('- id: technical-craft', source.indexOf('- id: technical-craft') + 1);
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, 'technical-craft', second)}: competency_categories[1].id: duplicate competency category id "technical-craft" (first at index 0)`,
    ]);
  });

  it('refuses two expectations for one area in a level', () => {
    const source = example.replace(
      '- area: operations\n        text: Knows how',
      '- area: code-quality\n        text: Knows how',
    );
    const at =
      source.indexOf('- area: code-quality', source.indexOf('- area: code-quality') + 1) + '- area: '.length;
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, 'code-quality', at)}: levels[0].expectations[2].area: duplicate expectation for competency area "code-quality" (first at index 0)`,
    ]);
  });

  it('refuses empty lists, a missing text and an unknown field, with the other problems in the same pass', () => {
    const source = example
      .replace('    areas:\n      - id: communication', '    areaz:\n      - id: communication')
      .replace(
        '        examples:\n          - Asks where a new field should live instead of guessing.\n',
        '        examples: []\n',
      )
      .replace('        text: Knows how a change reaches production and watches it after release.\n', '');
    const problems = problemsOf(source);
    expect(problems).toEqual([
      `${whereIs(source, '- id: working-with-people').replace(/:\d+$/, ':5')}: competency_categories[1].areas: required`,
      `${whereIs(source, 'areaz')}: competency_categories[1].areaz: unknown field (did you mean areas?)`,
      `${whereIs(source, '[]')}: levels[0].expectations[1].examples: expected at least one example`,
      `${whereIs(source, 'area: operations').replace(/:\d+$/, ':9')}: levels[0].expectations[2].text: required`,
    ]);
    // The refused category may have declared "communication": it is not also called an unknown area.
    expect(problems.some((p) => p.includes('unknown competency area'))).toBe(false);
  });

  it('refuses an empty competency_categories and a category without areas', () => {
    expect(
      problemsOf(
        example.replace(/competency_categories:\n[\s\S]*?\ntracks:/, 'competency_categories: []\ntracks:'),
      ),
    ).toContainEqual(
      expect.stringMatching(/competency_categories: expected at least one competency category$/),
    );
  });
});
