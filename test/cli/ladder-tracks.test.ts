import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

const exampleFile = path.resolve('ladders/examples/software-engineer.yaml');
const ladder = runLadderInProcess;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-tracks-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the IC + manager example ladder through the CLI (ADR 0020)', () => {
  it('renders a manager level by its label, with its track and its equivalent level', async () => {
    const md = await ladder(['ladder', 'render', exampleFile, '--level', 'm1', '--format', 'md']);
    expect(md.code, md.err).toBe(0);
    expect(md.out).toMatch(
      /^# M1 — Engineering Manager\n\n_Engineering Manager · March 2026 \(version 2026-03-01\)_\n\n_Engineering Manager:_ Engineers who grow by leading teams/,
    );
    expect(md.out).toContain('- **Minimum** — 12 months at M1');
    expect(md.out).toContain('## Equivalent Levels');
    expect(md.out).toContain('- **IC4 — Staff Engineer** — Software Engineer track');
  });

  it('compares an IC level with a manager level: label, track and equivalence rows, headed by labels', async () => {
    const result = await ladder(['ladder', 'compare', exampleFile, 'IC4', 'm1']);
    expect(result.code, result.err).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('| section | aspect | IC4 | M1 | |');
    expect(lines).toContain('| level | track | Software Engineer | Engineering Manager | ≠ |');
    expect(lines).toContain(
      '| level | equivalent to | M1 — Engineering Manager (Engineering Manager) | IC4 — Staff Engineer (Software Engineer) | ≠ |',
    );
  });

  it('refuses a second target that would be a sideways move, at its FILE:LINE:COLUMN', async () => {
    const bad = path.join(dir, 'sideways.yaml');
    const source = (await readFile(exampleFile, 'utf8')).replace(
      'equivalent_to: [IC4]',
      'equivalent_to: [IC3]',
    );
    await writeFile(bad, source);
    const line = source.split('\n').findIndex((l) => l.includes('target_levels: [IC4, m1]')) + 1;
    const result = await ladder(['ladder', 'validate', bad]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `${bad}:${line}:28: levels[2].promotion.target_levels[1]: IC3 stands level with m1 (equivalent_to): a move between them is not a promotion`,
    );
  });
});
