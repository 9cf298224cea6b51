import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { insertBuilders } from '../../src/db/repositories/roster.repository.js';
import { captureCli } from '../helpers/capture-cli.js';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

// ADR 0029 through the CLI: `ladder readiness` prints a French ladder's gaps in French, and --json
// carries each gap's code and parameters.

const CAMILLE = 'camille@example.test';
const frenchFile = path.resolve('ladders/examples/ingenierie-logicielle-fr.yaml');

describe('ladder readiness on a French ladder', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ladder-french-gaps-'));
    env = { DATABASE_URL: `file:${dir}`, LADDER_OPERATOR: 'test' };
    const handle = await openDatabase({ engine: 'pglite', dataDir: dir });
    await runMigrations(handle);
    await insertBuilders(
      handle.db,
      [
        {
          email: CAMILLE,
          name: 'Camille Roux',
          track: 'ingenierie',
          level: 'ing-2',
          level_since: '2025-09-01',
          levels: [{ level: 'ing-2', since: '2025-09-01' }],
          rates: [{ since: '2025-09-01', rate_minor: 500_000, currency: 'EUR' }],
        },
      ],
      new Date('2026-03-20T12:00:00Z'),
    );
    await handle.close();
    const published = await runLadderInProcess(['ladder', 'publish', frenchFile], env);
    expect(published.code, published.err).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the gaps in French', async () => {
    const cli = captureCli(env);
    expect(await runCli(['readiness', CAMILLE, '--at', '2026-03-20'], cli.ctx)).toBe(0);
    expect(cli.out()).toContain(
      '- 18 mois en ing-2 seront atteints le 2027-03-01 (le niveau a commencé le 2025-09-01)',
    );
    expect(cli.out()).toContain(
      '- l’évaluation de qualification : pas encore évaluée (un dossier de promotion en décide)',
    );
  });

  it('gives each gap its code and parameters with --json', async () => {
    const cli = captureCli(env);
    expect(await runCli(['readiness', CAMILLE, '--at', '2026-03-20', '--json'], cli.ctx)).toBe(0);
    const body = JSON.parse(cli.out()) as Readiness;
    expect(body.gap_details?.map((g) => [g.code, g.text])).toEqual([
      ['requirement.tenure_not_reached', body.gaps[0]],
      ['requirement.assessment_not_assessed', body.gaps[1]],
    ]);
    expect(body.gap_details?.[0]?.params).toEqual({
      months: 18,
      level: 'ing-2',
      met_on: '2027-03-01',
      level_since: '2025-09-01',
    });
  });
});
