import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { diffLadders } from './diff-ladder.js';
import type { LadderDocument } from './ladder.schema.js';
import {
  columnLetter,
  exportCompetencyMatrix,
  formatMatrixProblem,
  idFromName,
  ladderFromMatrix,
  mergeMatrixIntoLadder,
  parseCompetencyMatrix,
  type CompetencyMatrix,
} from './matrix-csv.js';
import { validateLadderText } from './validate-ladder.js';

const examples = path.resolve(import.meta.dirname, '../../../ladders/examples');
const read = (name: string): string => readFileSync(path.join(examples, name), 'utf8');

function parse(text: string): LadderDocument {
  const result = validateLadderText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.ladder;
}

function matrixOf(csv: string): CompetencyMatrix {
  const result = parseCompetencyMatrix(csv);
  if (!result.ok) throw new Error(result.problems.map((p) => formatMatrixProblem('m.csv', p)).join('\n'));
  return result.matrix;
}

/** Every problem of a matrix, as the CLI prints it. */
function problemsOf(csv: string): string[] {
  const result = parseCompetencyMatrix(csv);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => formatMatrixProblem('m.csv', p));
}

const names = {
  ladder: 'imported',
  name: 'Imported',
  version: '2026-05-01',
  track: { id: 'engineering', name: 'Engineering' },
};

const small = [
  'category,competency,E1: Engineer,E2: Senior Engineer',
  'Craft,Code quality,"Writes tested code.\n- Adds the test that would have caught a bug.\n- Splits changes.","Sets the standard."',
  ',Design,"Designs within the system.",',
  'People,Communication,,"Explains trade-offs to non-engineers.\n• Presents two plans."',
  '',
].join('\n');

describe('parseCompetencyMatrix', () => {
  it('reads categories (an empty cell continues the one above), areas and each level’s expectations with examples', () => {
    const matrix = matrixOf(small);
    expect(matrix.categories).toEqual([
      {
        id: 'craft',
        name: 'Craft',
        areas: [
          { id: 'code-quality', name: 'Code quality' },
          { id: 'design', name: 'Design' },
        ],
      },
      { id: 'people', name: 'People', areas: [{ id: 'communication', name: 'Communication' }] },
    ]);
    expect(matrix.levels.map(({ id, title, expectations }) => ({ id, title, expectations }))).toEqual([
      {
        id: 'E1',
        title: 'Engineer',
        expectations: [
          {
            area: 'code-quality',
            text: 'Writes tested code.',
            examples: ['Adds the test that would have caught a bug.', 'Splits changes.'],
          },
          { area: 'design', text: 'Designs within the system.' },
        ],
      },
      {
        id: 'E2',
        title: 'Senior Engineer',
        expectations: [
          { area: 'code-quality', text: 'Sets the standard.' },
          {
            area: 'communication',
            text: 'Explains trade-offs to non-engineers.',
            examples: ['Presents two plans.'],
          },
        ],
      },
    ]);
  });

  it('makes a ladder file that validates', () => {
    const doc = parse(ladderFromMatrix(matrixOf(small), names));
    expect(doc.tracks).toEqual([{ id: 'engineering', name: 'Engineering', levels: ['E1', 'E2'] }]);
    expect(doc.levels.map((l) => [l.id, l.title, l.track, l.status])).toEqual([
      ['E1', 'Engineer', 'engineering', 'written'],
      ['E2', 'Senior Engineer', 'engineering', 'written'],
    ]);
  });

  it('takes ids, descriptions and a track from their columns and headings', () => {
    const matrix = matrixOf(
      [
        'Category,Competency,ic/1,mgr/1: Team lead,competency id,category_description',
        'Craft,Running what we ship,Watches the deploy.,Owns the rota.,operations,How the work is done.',
      ].join('\n'),
    );
    expect(matrix.categories).toEqual([
      {
        id: 'craft',
        name: 'Craft',
        description: 'How the work is done.',
        areas: [{ id: 'operations', name: 'Running what we ship' }],
      },
    ]);
    expect(matrix.levels.map(({ id, track, title }) => ({ id, track, title }))).toEqual([
      { id: '1', track: 'ic', title: undefined },
      { id: '1', track: 'mgr', title: 'Team lead' },
    ]);
  });

  it('reads back a cell that a spreadsheet would run as a formula, without its guard quote', () => {
    const matrix = matrixOf('category,competency,E1\nCraft,Code,"\'=Writes code.\n- Tests it."\n');
    expect(matrix.levels[0]?.expectations).toEqual([
      { area: 'code', text: '=Writes code.', examples: ['Tests it.'] },
    ]);
  });

  it('names the row and column of every problem, in one pass', () => {
    expect(
      problemsOf(
        [
          'category,skill,E1,E1,,E3 x',
          ',Orphan,text,,,',
          'Craft,,text,,,',
          'Craft,Code,"- an example first",,,',
          'Craft,Code,text,,,',
          'Craft,Design,"text\n- example\nmore text",,,',
          'Craft,Review,text,,,,extra',
          '日本,Kanji,text,,,',
        ].join('\n'),
      ),
    ).toEqual([
      'm.csv: row 1, column B (skill): expected the heading "competency" (the first two columns are category, competency, then one column per level)',
      'm.csv: row 1, column D (E1): level E1 has a second column (first in column C)',
      // The level id's own message from the ladder schema, then how a level column is headed.
      expect.stringMatching(
        /^m\.csv: row 1, column F \(E3 x\): level heading "E3 x": expected a level id .*\(a level column is headed "ID" or "ID: Title"\)$/,
      ),
      'm.csv: row 2, column A (category): expected the category of the first competency (an empty category cell continues the one above)',
      "m.csv: row 3, column B (skill): expected the competency's name",
      'm.csv: row 4, column C (E1): examples without the expectation\'s text: the cell\'s first line is what the level expects, the lines after it beginning with "- " are examples',
      'm.csv: row 5, column B (skill): competency code is already in row 4: one row per competency',
      'm.csv: row 6, column C (E1): "more text" comes after the examples: write the expectation\'s text first, then one example per line beginning with "- "',
      'm.csv: row 7, column G: 7 cells in a row of a 6-column header: a cell without a heading (a stray comma?)',
      'm.csv: row 8, column A (category): cannot derive an id from "日本": add a "category id" column',
    ]);
  });

  it('refuses an empty file, a header without levels, no competency rows and CSV it cannot read', () => {
    expect(problemsOf('')).toEqual([
      'm.csv: row 1: expected a header row: category, competency, then one column per level',
    ]);
    expect(problemsOf('category,competency\nCraft,Code\n')).toEqual([
      'm.csv: row 1: expected at least one level column (or `milestone 1`, …) after category and competency',
    ]);
    expect(problemsOf('category,competency,E1\n')).toEqual([
      'm.csv: row 2: expected at least one competency row under the header',
    ]);
    const [unclosed] = problemsOf('category,competency,E1\nCraft,Code,"never closed\n');
    expect(unclosed).toMatch(/^m\.csv: row \d+: not readable as CSV: /);
  });
});

describe('columnLetter and idFromName', () => {
  it('names columns as a spreadsheet does and ids as a ladder file does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
    expect(idFromName('Running what we ship')).toBe('running-what-we-ship');
    expect(idFromName('Qualité du code')).toBe('qualite-du-code');
    expect(idFromName('日本')).toBe('');
  });
});

describe('export and import of the example ladders', () => {
  const example = read('software-engineer.yaml');
  const doc = parse(example);

  it('exports the software-engineer ladder and imports it back as the same competencies and expectations', () => {
    const csv = exportCompetencyMatrix(doc);
    // `track/IC1` once the ladder has a second track with levels.
    expect(csv.split('\n')[0]).toMatch(
      /^category,competency,([a-z-]+\/)?IC1: Engineer I,([a-z-]+\/)?IC2: Engineer II,/,
    );
    const again = parse(ladderFromMatrix(matrixOf(csv), names));
    expect(again.competency_categories).toEqual(doc.competency_categories);
    for (const level of doc.levels) {
      const back = again.levels.find((l) => l.id === level.id);
      expect(back?.title).toBe(level.title);
      // A new ladder lists a level's areas in the ladder's order; the order within a level means nothing.
      const byArea = (list: typeof level.expectations) =>
        [...(list ?? [])].sort((a, b) => a.area.localeCompare(b.area));
      expect(byArea(back?.expectations)).toEqual(byArea(level.expectations));
    }
  });

  it('merged back into its own file, the ladder is unchanged (no diff), the rest of the file kept', () => {
    const merged = mergeMatrixIntoLadder(example, doc, matrixOf(exportCompetencyMatrix(doc)));
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    expect(diffLadders(doc, parse(merged.source))).toEqual([]);
    // The replaced blocks are spliced into the text: every byte of the file is as it was.
    expect(merged.source).toBe(example);
  });

  it('a level column left empty takes that level’s expectations out, and nothing else', () => {
    const matrix = matrixOf(exportCompetencyMatrix(doc));
    const emptied = {
      ...matrix,
      levels: matrix.levels.map((l, i) => (i === 0 ? { ...l, expectations: [] } : l)),
    };
    const merged = mergeMatrixIntoLadder(example, doc, emptied);
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    expect(diffLadders(doc, parse(merged.source)).map((c) => [c.level, c.kind, c.path])).toEqual([
      ['IC1', 'removed', 'expectations'],
    ]);
    expect(merged.source).toContain('  - id: IC1\n    title: Engineer I\n');
  });

  it('an edited cell merged back is one change of that expectation', () => {
    const csv = exportCompetencyMatrix(doc).replace(
      'Says early when a task is stuck.',
      'Says early, and in writing, when a task is stuck.',
    );
    const merged = mergeMatrixIntoLadder(example, doc, matrixOf(csv));
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    expect(diffLadders(doc, parse(merged.source)).map((c) => [c.level, c.kind, c.path])).toEqual([
      ['IC1', 'changed', 'expectations[communication].text'],
    ]);
  });

  it('refuses to merge a column of a level the ladder does not have', () => {
    const csv = exportCompetencyMatrix(doc).replace('IC4: Staff Engineer', 'IC9: Staff Engineer');
    const merged = mergeMatrixIntoLadder(example, doc, matrixOf(csv));
    expect(merged.ok ? [] : merged.problems.map((p) => formatMatrixProblem('m.csv', p))).toEqual([
      expect.stringMatching(
        /^m\.csv: row 1, column F: level ([a-z-]+\/)?IC9 is not in the ladder \(levels: IC1, IC2, IC3, IC4/,
      ),
    ]);
  });

  it('merged into the shipped ladder (no competencies yet), adds the blocks and keeps every other byte', () => {
    const shippedSource = readFileSync(path.resolve(examples, '../ai-first-business-manager.yaml'), 'utf8');
    const csv =
      'category,competency,L4: Senior Product Builder\nCraft,Scope surgery,"Cuts scope by half.\n- Drops a feature on data."\n';
    const merged = mergeMatrixIntoLadder(shippedSource, parse(shippedSource), matrixOf(csv));
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    const categories =
      'competency_categories:\n  - id: craft\n    name: Craft\n    areas:\n      - id: scope-surgery\n        name: Scope surgery\n\n';
    const expectations =
      '    expectations:\n      - area: scope-surgery\n        text: Cuts scope by half.\n        examples:\n          - Drops a feature on data.\n';
    expect(merged.source).toContain(`\n\n${categories}tracks:`);
    expect(merged.source.replace(categories, '').replace(expectations, '')).toBe(shippedSource);
    const after = parse(merged.source);
    expect(after.levels.find((l) => l.id === 'L4')?.expectations).toEqual([
      { area: 'scope-surgery', text: 'Cuts scope by half.', examples: ['Drops a feature on data.'] },
    ]);
  });

  it('a field written inline cannot be spliced: the file is written again, with the same data', () => {
    const inline = [
      'ladder: inline',
      'name: Inline',
      'version: 2026-01-01',
      'competency_categories: [{ id: craft, name: Craft, areas: [{ id: code, name: Code }] }]',
      'tracks: [{ id: t, name: T, levels: [E1] }]',
      'levels: [{ id: E1, title: Engineer, track: t, status: written }]',
      '',
    ].join('\n');
    const merged = mergeMatrixIntoLadder(
      inline,
      parse(inline),
      matrixOf('category,competency,E1\nCraft,Design,Designs.\n'),
    );
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    const after = parse(merged.source);
    expect(after.competency_categories).toEqual([
      { id: 'craft', name: 'Craft', areas: [{ id: 'design', name: 'Design' }] },
    ]);
    expect(after.levels[0]?.expectations).toEqual([{ area: 'design', text: 'Designs.' }]);
  });

  it('exports the shipped ladder, which declares no competencies, as a header to fill in', () => {
    const shipped = parse(readFileSync(path.resolve(examples, '../ai-first-business-manager.yaml'), 'utf8'));
    expect(exportCompetencyMatrix(shipped)).toBe(
      'category,competency,L1,L2,L3,L4: Senior Product Builder,L5\n',
    );
  });
});

describe('milestones of a points ladder in the matrix', () => {
  const points = read('data-engineer-points.yaml');
  const doc = parse(points);
  const csv = exportCompetencyMatrix(doc);

  it('exports one `milestone N` column per milestone, each cell its points and text', () => {
    const [header, first] = parseCsvLines(csv);
    expect(header).toContain('milestone 1');
    expect(header).toContain('milestone 5');
    expect(header).not.toContain('milestone 6');
    expect(first?.[header!.indexOf('milestone 2')]).toBe(
      '3: Designs the model for a new source, with keys, grain and history stated up front.',
    );
  });

  it('reads the milestones back: merged into the file, the ladder is unchanged', () => {
    const matrix = matrixOf(csv);
    expect(matrix.milestones).toEqual(doc.points?.competencies);
    const merged = mergeMatrixIntoLadder(points, doc, matrix);
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    expect(diffLadders(doc, parse(merged.source))).toEqual([]);
    expect(merged.source).toBe(points);
  });

  it('an edited milestone cell is one change of that milestone', () => {
    const edited = csv.replace(
      '12: Sets the modelling conventions',
      '12: Sets and documents the modelling conventions',
    );
    const merged = mergeMatrixIntoLadder(points, doc, matrixOf(edited));
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    expect(diffLadders(doc, parse(merged.source)).map((c) => [c.kind, c.path])).toEqual([
      [
        'changed',
        'points.competencies[data-modelling].milestones[sets-the-modelling-conventions-a-whole].text',
      ],
    ]);
  });

  it('refuses milestones into a ladder without a points block, and bad milestone cells, at their cells', () => {
    const example = read('software-engineer.yaml');
    const merged = mergeMatrixIntoLadder(
      example,
      parse(example),
      matrixOf('category,competency,milestone 1\nCraft,Code quality,1: Writes code.\n'),
    );
    expect(merged.ok ? [] : merged.problems.map((p) => formatMatrixProblem('m.csv', p))).toEqual([
      'm.csv: row 1, column C (milestone 1): milestone columns, but the ladder has no points block: add its bands first (docs/ladder.md, "Points and bands"), then import the milestones into it',
    ]);
    expect(
      problemsOf(
        [
          'category,competency,E1,milestone 1,milestone 3,milestone 1,milestone 0',
          'Craft,Code,,Writes code.,,,',
          'Craft,Design,,,6: Designs.,,',
          'Craft,Review,,"1 point:\n- an example only",,,',
        ].join('\n'),
      ),
    ).toEqual([
      'm.csv: row 1, column F (milestone 1): milestone 1 has a second column (first in column D)',
      'm.csv: row 1, column G (milestone 0): milestones are numbered from 1',
      'm.csv: row 1, column E (milestone 3): milestone 3 without milestone 2: milestones are numbered 1, 2, 3 … without gaps',
      'm.csv: row 2, column D (milestone 1): expected the points, a colon, then the milestone, e.g. "3: Designs the model for a new source"',
      'm.csv: row 3, column E (milestone 3): milestone 2 without milestone 1: fill the milestones from the first',
      'm.csv: row 4, column D (milestone 1): examples without the expectation\'s text: the cell\'s first line is what the level expects, the lines after it beginning with "- " are examples',
    ]);
  });
});

/** The CSV's records, as a spreadsheet shows them. */
function parseCsvLines(text: string): string[][] {
  const rows: unknown = parseCsv(text);
  return rows as string[][];
}
