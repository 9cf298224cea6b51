import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'ladder-cli-users-'));
const env = { DATABASE_URL: `file:${dataDir}`, LADDER_OPERATOR: 'rosa', LOG_LEVEL: 'silent' } as const;

/** Runs the real CLI in a child process (real stdin), against an on-disk PGlite database. */
function ladderProcess(args: string[], input = ''): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/ladder.js'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Runs the CLI in this process (faster), with `input` as stdin. */
async function ladder(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ctx = { ...createCliContext({ ...env }), stdout, stderr, stdin: Readable.from([input]) };
  const code = await runCli(args, ctx);
  return { code, out, err };
}

describe('ladder user and ladder audit', () => {
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first leadership account from --password-stdin and audits it as the named operator', () => {
    const created = ladderProcess(
      ['user', 'create', '--email', 'Lead@Example.test', '--role', 'leadership', '--password-stdin'],
      'a long enough passphrase\n',
    );
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/created leadership account lead@example\.test/);
  }, 120_000);

  it('lists the audit log for leadership-level operators, as text or JSON lines, without secrets', async () => {
    const audit = await ladder(['audit', '--entity', 'account', '--json']);
    expect(audit.code).toBe(0);
    const entries = audit.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'operator:rosa', action: 'account.create', entity: 'account' });
    expect(audit.out).not.toMatch(/passphrase|argon2/);
    const text = await ladder(['audit', '--action', 'account.create', '--from', '2020-01-01']);
    expect(text.out).toMatch(/operator:rosa {2}account\.create {2}account:/);
    const bad = await ladder(['audit', '--from', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/from: expected an ISO date/);
  }, 120_000);

  it('refuses a short password, a duplicate, a bad role and a missing terminal, writing nothing', async () => {
    const short = await ladder(
      ['user', 'create', '--email', 'b@example.test', '--role', 'builder', '--password-stdin'],
      'short\n',
    );
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/password: at least 12 characters/);
    for (const weak of ['aaaaaaaaaaaa', ' '.repeat(12)]) {
      const guessable = await ladder(
        ['user', 'create', '--email', 'b@example.test', '--role', 'builder', '--password-stdin'],
        `${weak}\n`,
      );
      expect(guessable.code).toBe(2);
      expect(guessable.err).toMatch(/password: too easy to guess \(strength 0 of 4.*Repeated characters/);
    }
    const duplicate = await ladder(
      ['user', 'create', '--email', 'lead@example.test', '--role', 'leadership', '--password-stdin'],
      'another long passphrase\n',
    );
    expect(duplicate.code).toBe(5);
    expect(duplicate.err).toMatch(/already exists/);
    const badRole = await ladder(
      ['user', 'create', '--email', 'd@example.test', '--role', 'admin', '--password-stdin'],
      'long enough password\n',
    );
    expect(badRole.err).toMatch(/role: expected one of leadership, builder, client_stakeholder/);
    const list = await ladder(['user', 'list']);
    expect(list.out.trim().split('\n')).toEqual(['lead@example.test\tleadership\tactive\tnever']);
  }, 120_000);

  it('disables and enables an account again, and never disables the last leadership account', async () => {
    const created = await ladder(
      ['user', 'create', '--email', 'e@example.test', '--role', 'builder', '--password-stdin'],
      'a long enough passphrase\n',
    );
    expect(created.code, created.err).toBe(0);
    expect((await ladder(['user', 'disable', '--email', 'e@example.test'])).out).toBe(
      'disabled e@example.test\n',
    );
    expect((await ladder(['user', 'enable', '--email', 'E@example.test'])).out).toBe(
      'enabled e@example.test\n',
    );
    const again = await ladder(['user', 'enable', '--email', 'e@example.test']);
    expect(again.code).toBe(5);
    expect(again.err).toMatch(/not disabled/);
    const last = await ladder(['user', 'disable', '--email', 'lead@example.test']);
    expect(last.code).toBe(5);
    expect(last.err).toMatch(/last enabled leadership account/);
    const audit = await ladder(['audit', '--action', 'account.enable', '--json']);
    expect(audit.out).toMatch(/"actor":"operator:rosa"/);
  }, 120_000);

  it('changes a role, never the last leader’s, and lists status and last sign-in', async () => {
    const promoted = await ladder(['user', 'role', '--email', 'E@example.test', '--role', 'leadership']);
    expect(promoted.out, promoted.err).toBe('e@example.test is now leadership\n');
    const demoted = await ladder(['user', 'role', '--email', 'lead@example.test', '--role', 'builder']);
    expect(demoted.code, demoted.err).toBe(0);
    const last = await ladder(['user', 'role', '--email', 'e@example.test', '--role', 'builder']);
    expect(last.code).toBe(5);
    expect(last.err).toMatch(/last enabled leadership account/);
    const noClient = await ladder([
      'user',
      'role',
      '--email',
      'lead@example.test',
      '--role',
      'client_stakeholder',
    ]);
    expect(noClient.code).toBe(2);
    expect(noClient.err).toMatch(/client: a client stakeholder needs the client/);
    expect(
      (await ladder(['user', 'role', '--email', 'lead@example.test', '--role', 'leadership'])).code,
    ).toBe(0);
    await ladder(['user', 'disable', '--email', 'e@example.test']);
    const list = await ladder(['user', 'list']);
    expect(list.out.trim().split('\n')).toEqual([
      'e@example.test\tleadership\tdisabled\tnever',
      'lead@example.test\tleadership\tactive\tnever',
    ]);
    const audit = await ladder(['audit', '--action', 'account.role_change', '--json']);
    expect(audit.out.trim().split('\n')).toHaveLength(3);
  }, 300_000);

  it('asks for --password-stdin when there is no terminal to prompt on', () => {
    const noTty = ladderProcess(['user', 'create', '--email', 'c@example.test', '--role', 'builder']);
    expect(noTty.code).toBe(2);
    expect(noTty.err).toMatch(/--password-stdin/);
  }, 120_000);
});
