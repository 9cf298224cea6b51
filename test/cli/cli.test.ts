import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCliContext, type CliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';

/** A CLI context over the given environment that captures stdout and stderr. */
export function captureCli(env: NodeJS.ProcessEnv): {
  ctx: CliContext;
  out: () => string;
  err: () => string;
} {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ctx = { ...createCliContext(env), stdout, stderr };
  return { ctx, out: () => out, err: () => err };
}

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
