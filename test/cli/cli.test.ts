import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureCli } from '../helpers/capture-cli.js';

describe('ladder CLI', () => {
  it('prints its version', async () => {
    const cli = captureCli({});
    expect(await runCli(['--version'], cli.ctx)).toBe(0);
    expect(cli.out()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists serve and migrate in --help', async () => {
    const cli = captureCli({});
    expect(await runCli(['--help'], cli.ctx)).toBe(0);
    expect(cli.out()).toMatch(/serve/);
    expect(cli.out()).toMatch(/migrate/);
  });

  it('migrates an in-memory database', async () => {
    const cli = captureCli({ DATABASE_URL: 'memory://' });
    expect(await runCli(['migrate'], cli.ctx)).toBe(0);
    expect(cli.out()).toMatch(/migrations applied \(pglite\)/);
    // Opening PGlite, migrating and publishing the shipped ladder takes seconds on a busy 2-core machine.
  }, 120_000);

  it('stops with a one-line message naming PORT when it is not a number', async () => {
    const cli = captureCli({ PORT: 'abc', DATABASE_URL: 'memory://' });
    expect(await runCli(['serve'], cli.ctx)).toBe(2);
    expect(cli.err().trim().split('\n')).toHaveLength(1);
    expect(cli.err()).toMatch(/PORT/);
  });

  it('rejects an unknown command with a non-zero exit code', async () => {
    const cli = captureCli({});
    expect(await runCli(['frobnicate'], cli.ctx)).not.toBe(0);
  });
});
