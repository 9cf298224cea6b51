import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MilestoneAssessmentEvidence } from '../../src/core/evidence/evidence.schema.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import { insertBuilders, insertPeople } from '../../src/db/repositories/roster.repository.js';
import type { PointsReport } from '../../src/services/points.service.js';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

const ANA = 'ana@example.test';
const LEAD = 'lead@example.test';
const pointsFile = path.resolve('ladders/examples/data-engineer-points.yaml');
const shippedFile = path.resolve('ladders/ai-first-business-manager.yaml');

/** The CLI in this process on 1 April 2026. */
const ladder = (args: string[], env: NodeJS.ProcessEnv) =>
  runLadderInProcess(args, env, '2026-04-01T12:00:00Z');

function assessment(
  id: string,
  competency: string,
  milestone: number,
  date: string,
): MilestoneAssessmentEvidence {
  return {
    id,
    kind: 'milestone_assessment',
    builder: ANA,
    date,
    recorded_by: LEAD,
    recorded_at: `${date}T09:00:00.000Z`,
    confirmed_by: null,
    supersedes: null,
    competency,
    milestone,
    note: 'Seen in the quarter',
  };
}

describe('ladder points', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ladder-points-'));
    env = { DATABASE_URL: `file:${dir}`, LADDER_OPERATOR: 'test' };
    const handle = await openDatabase({ engine: 'pglite', dataDir: dir });
    await runMigrations(handle);
    const now = new Date('2026-03-01T12:00:00Z');
    await insertPeople(handle.db, [{ email: LEAD, name: 'Lea Lead', role: 'leadership' }], now);
    await insertBuilders(
      handle.db,
      [
        {
          email: ANA,
          name: 'Ana Sousa',
          track: 'ai-first-business-manager',
          level: 'L2',
          level_since: '2025-06-01',
          levels: [{ level: 'L2', since: '2025-06-01' }],
          rates: [{ since: '2025-06-01', rate_minor: 620_000, currency: 'USD' }],
        },
      ],
      now,
    );
    // 20 + 12 + 3 + 1 = 36: band d2-2 (35–49); 14 more reach d3-1 at 50.
    await insertEvidence(handle.db, [
      assessment('ma-1', 'data-modelling', 5, '2026-03-02'),
      assessment('ma-2', 'pipelines', 4, '2026-03-03'),
      assessment('ma-3', 'mentoring', 2, '2026-03-04'),
      assessment('ma-4', 'hiring', 1, '2026-03-05'),
    ]);
    await handle.close();
    for (const file of [shippedFile, pointsFile]) {
      const cli = await ladder(['ladder', 'publish', file], env);
      expect(cli.code, cli.err).toBe(0);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the points, the band, the way to the next band and one row per competency', async () => {
    const cli = await ladder(['points', ANA, '--ladder', 'data-engineer-points-example'], env);
    expect(cli.code, cli.err).toBe(0);
    const lines = cli.out.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      `${ANA} — L2 since 2025-06-01`,
      'at 2026-04-01, ladder data-engineer-points-example version 2026-03-01',
      '',
      '36 of 240 points from 4 of 12 competencies assessed: band d2-2 (D2, Data Engineer II, 35–49 points).',
      '14 more points reach band d3-1 (D3, Senior Data Engineer, 50–74 points).',
      // Next steps add +8 (pipelines), +3 (mentoring), +2 (hiring) and +1 elsewhere: 8 + 3 + 2 = 13 falls
      // short, so four are the fewest; the first such set in the ladder's order of areas is listed.
      'The fewest that do it: 4 next milestones, for example Pipelines milestone 5 (+8), Data quality milestone 1 (+1), Mentoring milestone 3 (+3) and Hiring milestone 2 (+2).',
    ]);
    expect(cli.out).toMatch(
      /Data modelling\s+5 of 5\s+20\s+— \(last\)\s+ma-1 \(2026-03-02, lead@example\.test\)/,
    );
    expect(cli.out).toMatch(/Tooling\s+0 of 5\s+0\s+1: \+1\s+—/);
  });

  it('answers on another day with --at, and the API JSON with --json', async () => {
    const cli = await ladder(
      ['points', ANA, '--ladder', 'data-engineer-points-example', '--at', '2026-03-03', '--json'],
      env,
    );
    expect(cli.code, cli.err).toBe(0);
    const report = JSON.parse(cli.out) as PointsReport;
    // On 3 March only ma-1 and ma-2 stand: 20 + 12 = 32, band d2-1 (20–34).
    expect(report.points).toMatchObject({ at: '2026-03-03', total: 32, band: { id: 'd2-1' } });
  });

  it("says when the builder's own ladder scores no points, and refuses an unknown builder", async () => {
    const own = await ladder(['points', ANA], env);
    expect(own.code).toBe(0);
    expect(own.out).toMatch(
      /AI-First Business Manager scores no points: its ladder file has no points block/,
    );
    const ghost = await ladder(['points', 'ghost@example.test'], env);
    expect(ghost.code).not.toBe(0);
    expect(ghost.err).toMatch(/ghost@example\.test/);
  });

  it('says that --ladder names a published ladder, not a file', async () => {
    const cli = await ladder(['points', ANA, '--ladder', pointsFile], env);
    expect(cli.code).not.toBe(0);
    expect(cli.err).toContain(`No published ladder ${pointsFile} is in force on 2026-04-01`);
    expect(cli.err).toContain('ladder ladder publish FILE');
  });
});
