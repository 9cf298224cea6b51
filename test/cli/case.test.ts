import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureCli } from '../helpers/capture-cli.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { findBuilder, insertBuilders, insertPeople } from '../../src/db/repositories/roster.repository.js';
import { buildSheet } from '../helpers/promotion-fixtures.js';

const builder = (email: string, level: string, since: string) => ({
  email,
  name: email.split('@')[0] ?? email,
  track: 'ai-first-business-manager',
  level,
  level_since: since,
  levels: [{ level, since }],
  rates: [{ since, rate_minor: 800_000, currency: 'USD' }],
});

describe('ladder case', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = async (...argv: string[]) => {
    const run = captureCli(env);
    const code = await runCli(argv, run.ctx);
    return { code, out: run.out(), err: run.err() };
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ladder-case-'));
    env = { DATABASE_URL: `file:${dir}`, LADDER_OPERATOR: 'test' };
    expect((await cli('migrate')).code).toBe(0);
    const handle = await openDatabase({ engine: 'pglite', dataDir: dir });
    await runMigrations(handle);
    const now = new Date();
    await insertPeople(handle.db, [{ email: 'lead2@example.test', name: 'Leo', role: 'leadership' }], now);
    // dee has only just reached L4: readiness says not eligible, so opening needs leadership's override.
    const recent = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    await insertBuilders(
      handle.db,
      [
        builder('p1@example.test', 'L5', '2024-01-01'),
        builder('p2@example.test', 'L5', '2024-01-01'),
        builder('l4p@example.test', 'L4', '2023-01-01'),
        builder('dee@example.test', 'L4', recent),
      ],
      now,
    );
    await handle.close();
    const gate = (score: number) => buildSheet({ scores: { 'multiplication-instinct': score } });
    await writeFile(path.join(dir, 'low.json'), JSON.stringify(gate(2)));
    await writeFile(path.join(dir, 'mid.json'), JSON.stringify(gate(3)));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Each CLI call opens and migrates the on-disk database (~1–2 s each on this machine): give it room.
  it('walks open → panel → score → show → decide with stable exit codes', { timeout: 120_000 }, async () => {
    const refused = await cli('case', 'open', 'dee@example.test');
    expect(refused.code).toBe(5);
    expect(refused.err).toMatch(/case_not_eligible/);

    const opened = await cli(
      'case',
      'open',
      'dee@example.test',
      '--override-reason',
      'Rescued the Acme launch',
    );
    expect(opened.code, opened.err).toBe(0);
    expect(opened.out).toMatch(/case 1: dee@example.test L4 → L5 — open/);
    expect(opened.out).toMatch(/opened by override: Rescued the Acme launch/);

    const l4 = await cli('case', 'panel', '1', 'l4p@example.test', 'p1@example.test', 'p2@example.test');
    expect(l4.code).toBe(5);
    expect(l4.err).toMatch(/panelist_not_eligible/);
    const seated = await cli(
      'case',
      'panel',
      '1',
      'p1@example.test',
      'p2@example.test',
      'lead2@example.test',
    );
    expect(seated.code, seated.err).toBe(0);
    expect(seated.out).toMatch(/assessing/);

    const early = await cli('case', 'decide', '1', '--note', 'early');
    expect(early.code).toBe(5);
    expect(early.err).toMatch(/invalid_state: .*0 of 3/);

    for (const [panelist, file] of [
      ['p1@example.test', 'low.json'],
      ['p2@example.test', 'mid.json'],
      ['lead2@example.test', 'low.json'],
    ] as const) {
      const scored = await cli(
        'case',
        'score',
        '1',
        '--panelist',
        panelist,
        '--file',
        path.join(dir, file),
        '--submit',
      );
      expect(scored.code, scored.err).toBe(0);
      expect(scored.out).toMatch(`sheet of ${panelist} submitted`);
    }

    const shown = await cli('case', 'show', '1');
    expect(shown.out).toMatch(/computed outcome: not_yet/);
    expect(shown.out).toMatch(/Multiplication instinct \(the gate\): median 2 is below 3/);
    // open, panel and three submits: version 5; a decision pinned to the panel's version is refused.
    expect(shown.out).toMatch(/^ {2}version 5$/m);
    const stale = await cli('case', 'decide', '1', '--note', 'x', '--expected-version', '2');
    expect(stale.code).toBe(5);
    expect(stale.err).toMatch(/conflict: case 1 changed since version 2: submit_scores by .* at /);

    const noReason = await cli('case', 'decide', '1', '--note', 'Promote', '--outcome', 'promoted');
    expect(noReason.code).toBe(2);
    expect(noReason.err).toMatch(/override_reason/);

    const decided = await cli(
      'case',
      'decide',
      '1',
      '--note',
      'Promote',
      '--outcome',
      'promoted',
      '--override-reason',
      'Panel missed the Acme rescue',
    );
    expect(decided.code, decided.err).toBe(0);
    expect(decided.out).toMatch(/promoted \(computed not_yet\)/);
    expect(decided.out).toMatch(/OVERRIDE: Panel missed the Acme rescue/);

    const handle = await openDatabase({ engine: 'pglite', dataDir: dir });
    try {
      expect((await findBuilder(handle.db, 'dee@example.test'))?.level).toBe('L5');
    } finally {
      await handle.close();
    }
    const listed = await cli('case', 'list');
    expect(listed.out).toMatch(/^1\tdee@example.test\tL4 → L5\tdecided\tpromoted/m);
  });

  it('names the file when a sheet is not JSON', async () => {
    await writeFile(path.join(dir, 'bad.json'), '{ nope');
    const result = await cli(
      'case',
      'score',
      '1',
      '--panelist',
      'p1@example.test',
      '--file',
      path.join(dir, 'bad.json'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/bad\.json: not JSON/);
  });
});
