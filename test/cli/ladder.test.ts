import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

const shippedFile = path.resolve('ladders/ai-first-business-manager.yaml');
const invalidFile = path.resolve('test/fixtures/ladders/invalid/04-negative-months.yaml');

const ladder = runLadderInProcess;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ladder ladder validate', () => {
  it('exits 0 for a valid file', async () => {
    const result = await ladder(['ladder', 'validate', shippedFile]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('ok (ai-first-business-manager version 2026-02-01, 5 levels)');
  });

  it('exits 2 and prints each problem as file:line:column when any file is invalid', async () => {
    const result = await ladder(['ladder', 'validate', shippedFile, invalidFile]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `${invalidFile}:15:28: levels[0].promotion.min_months_at_level: expected a whole number of months (0 or more)`,
    );
    expect(result.err).toContain('1 of 2 file(s) not valid');
  });

  it('exits 2 naming a file it cannot read', async () => {
    const result = await ladder(['ladder', 'validate', path.join(dir, 'missing.yaml')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('missing.yaml: cannot read the file (ENOENT)');
  });
});

describe('ladder ladder render, diff, compare', () => {
  it('renders L4 as Markdown to stdout and HTML to a file', async () => {
    const md = await ladder(['ladder', 'render', shippedFile, '--level', 'L4', '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.out.split('\n')[0]).toBe('# L4 — Senior Product Builder');
    const out = path.join(dir, 'l4.html');
    const html = await ladder(['ladder', 'render', shippedFile, '--level', 'L4', '--out', out]);
    expect(html.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('<h2>What Unlocks at L5</h2>');
  });

  it('refuses an unknown level (exit 3) and an unknown format (exit 2)', async () => {
    const level = await ladder(['ladder', 'render', shippedFile, '--level', 'L9']);
    expect(level.code).toBe(3);
    expect(level.err).toContain('Level L9 in');
    const format = await ladder(['ladder', 'render', shippedFile, '--level', 'L4', '--format', 'pdf']);
    expect(format.code).toBe(2);
  });

  it('diffs two versions and compares two levels', async () => {
    const newer = path.join(dir, 'newer.yaml');
    await writeFile(
      newer,
      (await readFile(shippedFile, 'utf8'))
        .replace('version: 2026-02-01', 'version: 2026-08-01')
        .replace('percent: 3\n', 'percent: 3.5\n'),
    );
    const diff = await ladder(['ladder', 'diff', shippedFile, newer]);
    expect(diff.code).toBe(0);
    expect(diff.out).toContain('version 2026-02-01 → 2026-08-01');
    expect(diff.out).toContain('L4\n  mentorship\n    ~ mentorship.gives.referral.percent: 3 → 3.5');
    const json = JSON.parse((await ladder(['ladder', 'diff', shippedFile, newer, '--json'])).out) as {
      changes: unknown[];
    };
    expect(json.changes).toHaveLength(2);
    const compare = await ladder(['ladder', 'compare', shippedFile, 'L4', 'L5']);
    expect(compare.code).toBe(0);
    expect(compare.out).toContain('| mentorship | referral cut | 3% for 6 months | 4% for 9 months | ≠ |');
  });
});

describe('ladder migrate and ladder ladder publish', () => {
  // Each command opens the on-disk embedded database anew (a few seconds each on this machine).
  it(
    'publishes the shipped ladder on first migrate, then new versions; an invalid one is never stored',
    { timeout: 120_000 },
    async () => {
      const env = { DATABASE_URL: `file:${path.join(dir, 'db')}` };
      const migrate = await ladder(['migrate'], env);
      expect(migrate.code).toBe(0);
      expect(migrate.out).toContain('published ai-first-business-manager version 2026-02-01');
      expect((await ladder(['migrate'], env)).out).not.toContain('published');

      const invalid = path.join(dir, 'invalid.yaml');
      await writeFile(
        invalid,
        (await readFile(shippedFile, 'utf8'))
          .replace('version: 2026-02-01', 'version: 2027-01-01')
          .replace('percent: 4\n', 'percent: 140\n'),
      );
      const refused = await ladder(['ladder', 'publish', invalid], env);
      expect(refused.code).toBe(2);
      // The line of L5's referral percent in the shipped file, wherever it is.
      const line = (await readFile(invalid, 'utf8')).split('\n').indexOf('          percent: 140') + 1;
      expect(refused.err).toContain(
        `${invalid}:${line}:20: levels[4].mentorship.gives.referral.percent: expected a percent between 0 and 100`,
      );

      const valid = path.join(dir, 'valid.yaml');
      await writeFile(valid, (await readFile(invalid, 'utf8')).replace('percent: 140\n', 'percent: 4\n'));
      const published = await ladder(['ladder', 'publish', valid], env);
      expect(published.code).toBe(0);
      expect(published.out).toContain('published ai-first-business-manager version 2027-01-01');

      const versions = JSON.parse(
        (await ladder(['ladder', 'versions', 'ai-first-business-manager', '--json'], env)).out,
      ) as { version: string; published_by: string }[];
      expect(versions.map((v) => [v.version, v.published_by])).toEqual([
        ['2026-02-01', 'operator:ops'],
        ['2027-01-01', 'operator:ops'],
      ]);
    },
  );
});
