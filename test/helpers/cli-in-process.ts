import { PassThrough } from 'node:stream';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { fixedClock } from '../../src/core/clock.js';

/**
 * Runs the CLI in this process (for commands that need no server) with a fixed clock (`now`, by default
 * 2026-11-26 noon UTC), and returns its exit code and what it printed on each stream.
 */
export async function runLadderInProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  now = '2026-11-26T12:00:00Z',
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ctx = {
    ...createCliContext({ LADDER_OPERATOR: 'ops', ...env }),
    stdout,
    stderr,
    clock: fixedClock(now),
  };
  const code = await runCli(args, ctx);
  return { code, out, err };
}
