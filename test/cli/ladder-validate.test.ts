import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';

/** Runs the CLI in-process and returns its exit code and what it printed. */
async function ladder(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, { ...createCliContext({ LADDER_OPERATOR: 'ops' }), stdout, stderr });
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ladder ladder validate: every problem in one pass', () => {
  it('prints each problem of a file as FILE:LINE:COLUMN: path: message, sorted by position, exit 2', async () => {
    const base = await readFile(path.resolve('test/fixtures/ladders/base.yaml'), 'utf8');
    const file = path.join(dir, 'five-mistakes.yaml');
    await writeFile(
      file,
      base
        .replace('version: 2026-02-01', 'version: 2026-02-30')
        .replace('    status: not_written\n    promotion:', '    status: draft\n    promotion:')
        .replace('target_level: L2', 'target_level: L9')
        .replace('- id: care', '- id: craft')
        .replace('checkin_cadence: weekly', 'checkin_cadence: daily'),
    );
    const result = await ladder(['ladder', 'validate', file]);
    expect(result.code).toBe(2);
    const lines = result.err.split('\n').filter((line) => line.startsWith(file));
    expect(lines).toEqual([
      `${file}:3:10: version: expected a real calendar date YYYY-MM-DD`,
      `${file}:12:13: levels[0].status: expected one of: written, not_written`,
      `${file}:14:21: levels[0].promotion.target_level: unknown level "L9" (levels: L1, L2)`,
      `${file}:32:17: levels[0].promotion.panel.criteria[1].id: duplicate criterion id "craft" (first at index 0)`,
      `${file}:54:26: levels[1].mentorship.gives.checkin_cadence: expected weekly or biweekly`,
    ]);
    expect(result.err).not.toMatch(/Invalid|Too (small|big)|Unrecognized/);
    expect(result.out).toBe('');
  });
});
