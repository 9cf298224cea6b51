import { PassThrough } from 'node:stream';
import { createCliContext, type CliContext } from '../../src/cli/context.js';

/**
 * A CLI context over `env` that captures stdout and stderr (for `runCli(argv, cli.ctx)`); the one every
 * CLI test uses. For a command that needs a fixed clock too, see runLadderInProcess (cli-in-process.ts).
 */
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
