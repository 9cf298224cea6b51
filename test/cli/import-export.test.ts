import { mkdtemp, readFile, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PassThrough } from 'node:stream';
import { createCliContext, type CliContext } from '../../src/cli/context.js';

/** A CLI context over `env` that captures stdout and stderr. */
function captureCli(env: NodeJS.ProcessEnv): { ctx: CliContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { ctx: { ...createCliContext(env), stdout, stderr }, out: () => out, err: () => err };
}

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');

// Each command opens (and migrates) a PGlite database of its own: slow on a busy machine.
describe('ladder import / export', { timeout: 180_000 }, () => {
  it('imports the example, re-imports it unchanged, and exports it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ladder-cli-'));
    const env = { DATABASE_URL: `file:${path.join(dir, 'db')}` };
    const first = captureCli(env);
    expect(await runCli(['import', EXAMPLE], first.ctx), first.err()).toBe(0);
    expect(first.out()).toMatch(
      /created 3 builders, 2 people, 1 clients, 2 placements, 2 mentorships, 13 evidence records/,
    );
    const again = captureCli(env);
    expect(await runCli(['import', EXAMPLE], again.ctx)).toBe(0);
    expect(again.out()).toMatch(/created 0 builders.*0 evidence records; updated 0; unchanged 23/);
    const out = path.join(dir, 'out');
    const exported = captureCli(env);
    expect(await runCli(['export', out], exported.ctx)).toBe(0);
    expect(exported.out()).toMatch(/exported 3 builders and 13 evidence records/);
    expect(await readFile(path.join(out, 'clients.csv'), 'utf8')).toBe(
      'id,name\nnorthwind,Northwind Logistics\n',
    );
  });

  it('prints every problem as file:line: column: problem and exits 2 with nothing written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ladder-cli-'));
    const bad = path.join(dir, 'org');
    await cp(EXAMPLE, bad, { recursive: true });
    const placements = await readFile(path.join(bad, 'placements.csv'), 'utf8');
    await writeFile(
      path.join(bad, 'placements.csv'),
      placements.replace('8400.00', '84OO').replace('5200.00,USD,false', '5200.00,XXX,false'),
    );
    const env = { DATABASE_URL: `file:${path.join(dir, 'db')}` };
    const cli = captureCli(env);
    expect(await runCli(['import', bad], cli.ctx)).toBe(2);
    expect(cli.err().trim().split('\n')).toEqual([
      'placements.csv:2: monthly_rate: expected an amount such as 8250.50, got "84OO"',
      'placements.csv:3: currency: expected an ISO 4217 currency code such as USD',
      'ladder: import_failed: Nothing was imported (2 problems): placements.csv:2: monthly_rate: expected an amount such as 8250.50, got "84OO"',
    ]);
    const out = path.join(dir, 'out');
    const exported = captureCli(env);
    expect(await runCli(['export', out], exported.ctx)).toBe(0);
    expect(exported.out()).toMatch(/exported 0 builders and 0 evidence records/);
  });

  it('refuses a folder that holds none of the files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ladder-cli-'));
    const cli = captureCli({ DATABASE_URL: 'memory://' });
    expect(await runCli(['import', dir], cli.ctx)).toBe(2);
    expect(cli.err()).toMatch(/none of people\.csv, builders\.csv/);
  });
});
