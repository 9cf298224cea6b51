import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateLadderText } from '../../src/core/ladder/validate-ladder.js';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

const exampleFile = path.resolve('ladders/examples/software-engineer.yaml');
const committedMatrix = path.resolve('ladders/examples/software-engineer-matrix.csv');
const ladder = runLadderInProcess;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** How many levels a ladder file has (the example may grow tracks: the tests follow it). */
/** What the example holds (it may grow tracks and areas: the tests follow it). */
function counts(source: string): { levels: number; areas: number } {
  const result = validateLadderText(source);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const areas = (result.ladder.competency_categories ?? []).flatMap((c) => c.areas).length;
  return { levels: result.ladder.levels.length, areas };
}

let dir: string;
/** The example ladder exported now (the committed CSV is checked against it once, below). */
let matrixExample: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-matrix-cli-'));
  matrixExample = path.join(dir, 'software-engineer-matrix.csv');
  const exported = await runLadderInProcess([
    'ladder',
    'export-matrix',
    '--ladder',
    exampleFile,
    '-o',
    matrixExample,
  ]);
  if (exported.code !== 0) throw new Error(exported.err);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ladder ladder import-matrix and export-matrix', () => {
  it('the example matrix under ladders/examples is the example ladder exported', async () => {
    const exported = await ladder(['ladder', 'export-matrix', '--ladder', exampleFile]);
    expect(exported.code, exported.err).toBe(0);
    // When this fails, the example ladder changed: regenerate the CSV with the command in docs/ladder.md.
    expect(exported.out).toBe(await readFile(committedMatrix, 'utf8'));
  });

  it('imports a matrix into a new ladder file that validates, named by the options', async () => {
    const out = path.join(dir, 'imported.yaml');
    const result = await ladder([
      'ladder',
      'import-matrix',
      matrixExample,
      '--id',
      'acme-engineering',
      '--name',
      'Acme Engineering',
      '--version',
      '2026-06-01',
      '--out',
      out,
    ]);
    expect(result.code, result.err).toBe(0);
    const { levels, areas } = counts(await readFile(exampleFile, 'utf8'));
    expect(result.out).toBe(
      `wrote ${out} (acme-engineering version 2026-06-01: ${areas} competencies × ${levels} levels)\n`,
    );
    const validated = await ladder(['ladder', 'validate', out]);
    expect(validated.code, validated.err).toBe(0);
    expect(validated.out).toContain(`ok (acme-engineering version 2026-06-01, ${levels} levels)`);
    const md = await ladder(['ladder', 'render', out, '--level', 'IC2', '--format', 'md']);
    expect(md.out).toContain('- **Code quality** — Writes clear, tested code');
  });

  it('prints the ladder file when there is no --out; the defaults come from the file name and today', async () => {
    const result = await ladder(['ladder', 'import-matrix', matrixExample]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      'ladder: software-engineer-matrix\nname: software-engineer-matrix\nversion: 2026-11-26\n',
    );
  });

  it('an edited cell imported --into the ladder file diffs as one change; the rest of the file is kept', async () => {
    const edited = path.join(dir, 'edited.csv');
    await writeFile(
      edited,
      (await readFile(matrixExample, 'utf8')).replace(
        'Says early when a task is stuck.',
        'Says early, in writing, when a task is stuck.',
      ),
    );
    const next = path.join(dir, 'next.yaml');
    const result = await ladder(['ladder', 'import-matrix', edited, '--into', exampleFile, '-o', next]);
    expect(result.code, result.err).toBe(0);
    const diff = await ladder(['ladder', 'diff', exampleFile, next]);
    expect(diff.out).toBe(
      [
        'ladder software-engineer-example: version 2026-03-01 → 2026-03-01',
        '',
        'IC1',
        '  expectations',
        '    ~ expectations[communication].text: "Says early when a task is stuck." → "Says early, in writing, when a task is stuck."',
        '',
      ].join('\n'),
    );
  });

  it('refuses a bad matrix with every problem at its row and column, and writes nothing', async () => {
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'category,competency,E1\nCraft,,Writes code.\nCraft,Code,"- only an example"\n');
    const out = path.join(dir, 'never.yaml');
    const result = await ladder(['ladder', 'import-matrix', bad, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${bad}: row 2, column B (competency): expected the competency's name\n`);
    expect(result.err).toContain(`${bad}: row 3, column C (E1): examples without the expectation's text`);
    await expect(readFile(out, 'utf8')).rejects.toThrow();
  });

  it('refuses a column of a level the --into ladder does not have', async () => {
    const csv = (await readFile(matrixExample, 'utf8')).replace('IC4: Staff Engineer', 'IC9: Staff Engineer');
    const bad = path.join(dir, 'ic9.csv');
    await writeFile(bad, csv);
    const result = await ladder(['ladder', 'import-matrix', bad, '--into', exampleFile]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      new RegExp(
        `^${escape(bad)}: row 1, column F: level (software-engineer/)?IC9 is not in the ladder \\(levels: `,
        'm',
      ),
    );
  });

  it('reports a problem of the ladder the matrix makes at its row and column, or names the option', async () => {
    // Both columns land in track "a": the ladder refuses the second E1, at that column's heading.
    const twice = path.join(dir, 'twice.csv');
    await writeFile(twice, 'category,competency,a/E1,E1\nCraft,Code,Writes code.,Reviews code.\n');
    const result = await ladder(['ladder', 'import-matrix', twice, '--track', 'a']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      new RegExp(`^${escape(twice)}: row 1, column D \\(E1\\): levels\\[1\\]\\.id: .*E1`, 'm'),
    );
    const badId = await ladder(['ladder', 'import-matrix', matrixExample, '--id', 'Not An Id']);
    expect(badId.code).toBe(2);
    expect(badId.err).toContain(
      `${matrixExample}: the ladder made from it: ladder: expected a kebab-case id`,
    );
  });

  it('the points example exports its milestones and imports them back --into it; a bad milestone is named at its cell', async () => {
    const pointsFile = path.resolve('ladders/examples/data-engineer-points.yaml');
    const csvFile = path.join(dir, 'points.csv');
    expect((await ladder(['ladder', 'export-matrix', '--ladder', pointsFile, '-o', csvFile])).code).toBe(0);
    const csv = await readFile(csvFile, 'utf8');
    const back = path.join(dir, 'points.yaml');
    const merged = await ladder(['ladder', 'import-matrix', csvFile, '--into', pointsFile, '-o', back]);
    expect(merged.code, merged.err).toBe(0);
    expect((await ladder(['ladder', 'diff', pointsFile, back])).out).toContain('no changes');
    // Alone, a matrix cannot hold the bands a points block needs.
    const alone = await ladder(['ladder', 'import-matrix', csvFile]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain(
      'column H (milestone 1): milestone columns make a points block, which needs bands',
    );
    // Worth less than the milestone before it: the ladder's own rule, reported at the matrix cell.
    const bad = path.join(dir, 'points-bad.csv');
    await writeFile(
      bad,
      csv.replace('3: Designs the model for a new source', '1: Designs the model for a new source'),
    );
    const refused = await ladder(['ladder', 'import-matrix', bad, '--into', pointsFile]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `${bad}: row 2, column I (milestone 2): points.competencies[0].milestones[1].points: expected more than 1 points (milestone 1)`,
    );
  });

  // Each command opens the on-disk embedded database anew (a few seconds each on this machine).
  it(
    'exports a published version from the database, by --version or the one in force',
    { timeout: 120_000 },
    async () => {
      const env = { DATABASE_URL: `file:${path.join(dir, 'db')}` };
      expect((await ladder(['ladder', 'publish', exampleFile], env)).code).toBe(0);
      // One ladder published: it is the one exported, here by its effective date.
      const only = await ladder(['ladder', 'export-matrix', '--version', '2026-03-01'], env);
      expect(only.code, only.err).toBe(0);
      expect(only.out).toBe(await readFile(matrixExample, 'utf8'));
      const missing = await ladder(
        ['ladder', 'export-matrix', 'software-engineer-example', '--version', '2026-04-01'],
        env,
      );
      expect(missing.code).toBe(3);
      expect(missing.err).toContain('software-engineer-example 2026-04-01 (versions: 2026-03-01)');
      expect(
        (await ladder(['ladder', 'publish', path.resolve('ladders/ai-first-business-manager.yaml')], env))
          .code,
      ).toBe(0);
      const several = await ladder(['ladder', 'export-matrix'], env);
      expect(several.code).toBe(2);
      expect(several.err).toContain(
        'several ladders are published: name one (ai-first-business-manager, software-engineer-example)',
      );
      const shipped = await ladder(['ladder', 'export-matrix', 'ai-first-business-manager'], env);
      expect(shipped.out).toBe('category,competency,L1,L2,L3,L4: Senior Product Builder,L5\n');
      expect(shipped.err).toContain('declares no competency_categories: the matrix has its header only');
    },
  );
});
