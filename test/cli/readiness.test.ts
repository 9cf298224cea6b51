import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureCli } from '../helpers/capture-cli.js';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import { insertBuilders, insertPeople } from '../../src/db/repositories/roster.repository.js';
import { formatReadiness } from '../../src/cli/commands/readiness.js';
import { evaluateReadiness } from '../../src/core/evaluation/readiness.js';
import { make, PM, ROSA } from '../factories/evaluation-records.js';
import { shippedLadder } from '../factories/shipped-ladder.js';

const LIN = 'lin@example.test';

describe('ladder readiness / ladder ranking', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ladder-readiness-'));
    env = { DATABASE_URL: `file:${dir}`, LADDER_OPERATOR: 'test' };
    const handle = await openDatabase({ engine: 'pglite', dataDir: dir });
    await runMigrations(handle);
    const now = new Date('2026-02-15T12:00:00Z');
    await insertPeople(handle.db, [{ email: PM, name: 'Ola Berg', role: 'client_stakeholder' }], now);
    await insertBuilders(
      handle.db,
      [
        {
          email: ROSA,
          name: 'Rosa Quint',
          track: 'ai-first-business-manager',
          level: 'L4',
          level_since: '2024-08-15',
          levels: [{ level: 'L4', since: '2024-08-15' }],
          rates: [{ since: '2024-08-15', rate_minor: 840_000, currency: 'USD' }],
        },
        {
          email: LIN,
          name: 'Lin Park',
          track: 'ai-first-business-manager',
          level: 'L1',
          level_since: '2025-06-01',
          levels: [{ level: 'L1', since: '2025-06-01' }],
          rates: [{ since: '2025-06-01', rate_minor: 300_000, currency: 'USD' }],
        },
      ],
      now,
    );
    await insertEvidence(handle.db, [
      make.decision({ id: 'd1' }),
      make.feature({ id: 'f1', analytics_events: [] }),
    ]);
    await handle.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a readable table by default', async () => {
    const cli = captureCli(env);
    expect(await runCli(['readiness', ROSA, '--at', '2026-02-14'], cli.ctx)).toBe(0);
    const out = cli.out();
    // The builder by name, the email beside it (issue 17).
    expect(out).toMatch(/^Rosa Quint <rosa@example.test> — L4 since 2024-08-15 \(17 months\), next: L5$/m);
    expect(out).toMatch(/Product decisions adopted\s+NOT MET\s+1\s+3\s+d1/);
    expect(out).toMatch(/Feature instrumentation\s+NOT MET\s+0\s+100\s+f1/);
    expect(out).toMatch(/Minimum 18 months at L4\s+NOT MET\s+2026-02-15/);
    expect(out).toMatch(/Eligible for a promotion case: no/);
    expect(out).toMatch(
      /- 2 more adopted decisions \(scope change or feature proposal\), vouched for by someone other than you/,
    );
  });

  it('prints the API JSON with --json', async () => {
    const cli = captureCli(env);
    expect(await runCli(['readiness', ROSA, '--at', '2026-02-15', '--json'], cli.ctx)).toBe(0);
    const body = JSON.parse(cli.out()) as Readiness;
    expect(body).toMatchObject({
      builder: ROSA,
      level: 'L4',
      at: '2026-02-15',
      ladder_version: '2026-02-01',
    });
    expect(body.requirements[0]).toEqual({
      id: 'minimum-tenure',
      status: 'met',
      evidence: [],
      met_on: '2026-02-15',
    });
  });

  it('ranks a level as a table and as JSON', async () => {
    const table = captureCli(env);
    expect(await runCli(['ranking', '--level', 'L4', '--at', '2026-02-15'], table.ctx)).toBe(0);
    expect(table.out()).toMatch(/L4 on 2026-02-15 \(ladder version 2026-02-01\): 1 builder/);
    expect(table.out()).toMatch(
      /RANK\s+BUILDER\s+METRICS MET\s+MONTHS AT LEVEL\n1\s+Rosa Quint <rosa@example.test>\s+0\s+18/,
    );
    const json = captureCli(env);
    expect(await runCli(['ranking', '--level', 'L4', '--at', '2026-02-15', '--json'], json.ctx)).toBe(0);
    expect(JSON.parse(json.out())).toEqual([
      { rank: 1, builder: ROSA, level: 'L4', metrics_met: 0, months_at_level: 18 },
    ]);
  });

  it('a level that defines no standard says so, with no tables, no "eligible: no" and no ranking by metrics', async () => {
    const cli = captureCli(env);
    expect(await runCli(['readiness', LIN, '--at', '2026-02-15'], cli.ctx)).toBe(0);
    const out = cli.out();
    expect(out).toMatch(/^Lin Park <lin@example.test> — L1 since 2025-06-01 \(8 months\), next: L2$/m);
    expect(out).toMatch(/^L1 defines no standard yet: no metric and no promotion requirement\.$/m);
    expect(out).toMatch(
      /Not defined yet\n {2}- the ladder has no ranking standard for L1 yet \(its page is not written\)/,
    );
    expect(out).not.toMatch(/Eligible for a promotion case|METRIC|Gaps/);
    const ranking = captureCli(env);
    expect(await runCli(['ranking', '--level', 'L1', '--at', '2026-02-15'], ranking.ctx)).toBe(0);
    expect(ranking.out()).toMatch(/L1 on 2026-02-15 \(ladder version 2026-02-01\): 1 builder/);
    expect(ranking.out()).toMatch(
      /L1 defines no standard yet: nobody is ranked by metrics; builders by time at the level/,
    );
    expect(ranking.out()).toMatch(/Lin Park <lin@example.test>\s+8/);
    expect(ranking.out()).not.toMatch(/METRICS MET|RANK/);
  });

  it('a promotion by judgment prints what the panel weighs and the typical time as advice', () => {
    const shipped = shippedLadder();
    const ladder = {
      ...shipped,
      levels: shipped.levels.map((l) =>
        l.id === 'L1'
          ? {
              ...l,
              promotion: {
                target_level: 'L2',
                decided_by: 'judgment' as const,
                typical_months_at_level: { from: 12, to: 24 },
                weighs: [{ id: 'craft', name: 'Craft', evidence: ['feature' as const] }],
              },
            }
          : l,
      ),
    };
    const readiness = evaluateReadiness({
      ladder,
      at: '2026-02-15',
      evidence: {
        email: LIN,
        levels: [{ level: 'L1', since: '2025-06-01' }],
        records: [make.feature({ id: 'lin-f1', builder: LIN, recorded_by: LIN, date: '2025-09-01' })],
        mentorships: [],
        menteeLevels: new Map(),
        placements: [],
      },
    });
    const out = formatReadiness(readiness, ladder).join('\n');
    expect(out).toMatch(/promotion to L2: by the panel’s judgment/);
    expect(out).toMatch(
      /typical time at L1: 12–24 months \(2026-06-01 … 2027-06-01\), advice only: never a gap/,
    );
    expect(out).toMatch(
      /The panel weighs\n {2}WHAT\s+EVIDENCE KINDS\s+RECORDS\n {2}Craft\s+feature\s+lin-f1/,
    );
    expect(out).toMatch(/Eligible for a promotion case: yes/);
    expect(out).not.toMatch(/Gaps|does not say yet/);
  });

  it('fails with the error table’s exit codes and a one-line message', async () => {
    const unknown = captureCli(env);
    expect(await runCli(['readiness', 'nobody@example.test', '--at', '2026-02-15'], unknown.ctx)).toBe(3);
    expect(unknown.err()).toMatch(/not_found: Builder nobody@example.test not found/);
    const bad = captureCli(env);
    expect(await runCli(['readiness', ROSA, '--at', '15/02/2026'], bad.ctx)).toBe(2);
    expect(bad.err()).toMatch(/at: expected a date YYYY-MM-DD/);
  });
});
