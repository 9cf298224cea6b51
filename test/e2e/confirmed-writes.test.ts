import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_FILE, SOCKET_FILE, tryLockFolder } from '../../src/db/embedded/folder-lock.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import {
  auditViaApi,
  evidenceIdsViaApi,
  getJson,
  killLeftoverServers,
  runLadder,
  signIn,
  startEvidenceStream,
  startLadderServer,
  type CliResult,
  type LadderServer,
  type SignedInSession,
} from '../helpers/ladder-processes.js';

/**
 * Issue 13's acceptance: real `ladder serve` processes take a stream of HTTP writes while an operator
 * runs a write command of every CLI family beside them; every write that was confirmed (HTTP 201, CLI
 * exit 0) is found afterwards through the API, through the CLI and after a restart, and no request
 * ever ends in a 5xx. On PGlite the CLI goes through the owning server's socket; on PostgreSQL two
 * servers and the CLI share one database. A kill -9 of the owner mid-stream loses nothing confirmed
 * and leaves nothing half-written.
 */

const root = path.resolve(import.meta.dirname, '../..');
const OPERATOR = 'e2e-operator';
const LEAD = 'head@example.test';
const PASSWORD = 'a long enough e2e passphrase';
const BUILDER = 'rosa@example.test';
const LADDER = 'ai-first-business-manager';
const NEW_VERSION = '2026-12-01';

interface Inputs {
  work: string;
  secondOrg: string;
  adrRepo: string;
  adrDir: string;
  ladderFile: string;
}

/** What the run confirmed, to be found again later. */
interface Confirmed {
  /** Evidence ids the servers answered 201 to. */
  evidence: string[];
  /** Evidence ids confirmed before `ladder export` started: the export must hold each. */
  beforeExport: string[];
  caseId: number;
  /** Every CLI command that ran, in order, with its exit code. */
  cli: CliResult[];
}

/** The files the CLI commands read: a second organisation, an ADR folder in git, a new ladder version. */
async function prepareInputs(): Promise<Inputs> {
  const work = await mkdtemp(path.join(tmpdir(), 'ladder-e2e-'));
  const secondOrg = path.join(work, 'second-org');
  await mkdir(secondOrg);
  await writeFile(
    path.join(secondOrg, 'builders.csv'),
    'email,name,track,level,level_since,monthly_rate,currency\n' +
      `vic@example.test,Vic Stone,${LADDER},L1,2026-01-05,5000.00,USD\n`,
  );
  const adrRepo = path.join(work, 'shop');
  const adrDir = path.join(adrRepo, 'docs', 'adr');
  await mkdir(adrDir, { recursive: true });
  await writeFile(
    path.join(adrDir, '0001-queue-webhooks.md'),
    '# 1. Queue webhooks\n\nDate: 2026-11-10\n\n## Status\n\nAccepted\n\n## Context\n\nBursts drop events.\n\n' +
      '## Decision\n\nWe queue every webhook.\n\n## Consequences\n\nA queue to run.\n',
  );
  // The ADR's author is the builder who committed it: tom, of the example organisation.
  const git = (...args: string[]): void => {
    execFileSync('git', ['-C', adrRepo, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Tom',
        GIT_AUTHOR_EMAIL: 'tom@example.test',
        GIT_COMMITTER_NAME: 'Tom',
        GIT_COMMITTER_EMAIL: 'tom@example.test',
      },
    });
  };
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'ADR');
  const shipped = await readFile(path.join(root, 'ladders', `${LADDER}.yaml`), 'utf8');
  const ladderFile = path.join(work, 'ladder-next.yaml');
  const next = shipped.replace(/^version: \S+$/m, `version: ${NEW_VERSION}`);
  if (next === shipped) throw new Error('the shipped ladder has no version line to change');
  await writeFile(ladderFile, next);
  return { work, secondOrg, adrRepo, adrDir, ladderFile };
}

/** Runs one CLI command and requires exit 0: a command that fails here is a finding, not noise. */
async function cli(
  env: Record<string, string>,
  log: CliResult[],
  args: string[],
  input = '',
): Promise<CliResult> {
  const result = await runLadder(args, env, input);
  log.push(result);
  expect(result.code, `ladder ${args.join(' ')}\n${result.out}\n${result.err}`).toBe(0);
  return result;
}

/**
 * The scenario: the organisation and the leadership account come first (the stream writes evidence of
 * their builder as that leader), then a write of every CLI family runs while the stream keeps four
 * writes in flight, spread over every server.
 */
async function writeEverything(
  servers: LadderServer[],
  env: Record<string, string>,
  inputs: Inputs,
  prefix: string,
): Promise<Confirmed> {
  const log: CliResult[] = [];
  await cli(env, log, ['import', path.join(root, 'test/fixtures/example-org')]);
  await cli(
    env,
    log,
    ['user', 'create', '--email', LEAD, '--role', 'leadership', '--password-stdin'],
    `${PASSWORD}\n`,
  );
  const first = servers[0];
  if (first === undefined) throw new Error('no server');
  // One sign-in for all servers: on PostgreSQL the session lives in the database, not in a process.
  const session = await signIn(first.address, LEAD, PASSWORD);
  const stream = startEvidenceStream({
    addresses: servers.map((server) => server.address),
    session,
    builder: BUILDER,
    prefix,
    inFlight: 4,
  });
  try {
    // The CLI starts only once the stream is really under way, so every command overlaps writes.
    while (stream.confirmedCount() < 8 && stream.failureCount() === 0)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await cli(
      env,
      log,
      ['user', 'create', '--email', 'tom@example.test', '--role', 'builder', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    await cli(env, log, ['user', 'disable', '--email', 'tom@example.test']);
    await cli(env, log, ['import', inputs.secondOrg]);
    const readiness = await cli(env, log, ['readiness', BUILDER, '--json']);
    const eligible = (JSON.parse(readiness.out) as { eligible_for_case: boolean }).eligible_for_case;
    const opened = await cli(env, log, [
      'case',
      'open',
      BUILDER,
      ...(eligible ? [] : ['--override-reason', 'end-to-end test of the shared folder']),
      '--json',
    ]);
    const caseId = (JSON.parse(opened.out) as { id: number }).id;
    await cli(env, log, ['case', 'note', String(caseId), 'noted while the server takes writes']);
    await cli(env, log, ['ranking', '--level', 'L4', '--json']);
    await cli(env, log, ['payouts', '--month', '2026-11', '--json']);
    await cli(env, log, ['ladder', 'publish', inputs.ladderFile]);
    await cli(env, log, ['accounts', 'link-github', 'rosa-gh', BUILDER]);
    await cli(env, log, [
      'import',
      'adr',
      inputs.adrDir,
      '--repo-url',
      'https://git.example.test/shop/docs/adr',
    ]);
    const migrated = await cli(env, log, ['migrate']);
    // Up to date: nothing to apply, and the ladders exist, so nothing is published either.
    expect(migrated.out).not.toMatch(/published/);
    await cli(env, log, ['audit', '--limit', '5']);
    const beforeExport = stream.confirmedSoFar();
    const exportDir = path.join(inputs.work, `export-${prefix}`);
    await cli(env, log, ['export', exportDir]);
    const exported = await exportedEvidenceIds(exportDir);
    expect(beforeExport.filter((id) => !exported.has(id))).toEqual([]);
    const result = await stream.stop();
    expect(result.failures).toEqual([]);
    return { evidence: result.confirmed, beforeExport, caseId, cli: log };
  } finally {
    await stream.stop();
  }
}

async function exportedEvidenceIds(dir: string): Promise<Set<string>> {
  const text = await readFile(path.join(dir, 'evidence.ndjson'), 'utf8');
  return new Set(
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { id: string }).id),
  );
}

/** Finds every confirmed write through the API of `server`. */
async function findViaApi(
  server: LadderServer,
  confirmed: Confirmed,
  prefixes: string[],
): Promise<Set<string>> {
  const session: SignedInSession = await signIn(server.address, LEAD, PASSWORD);
  const ids = await evidenceIdsViaApi(server.address, session, BUILDER);
  expect(confirmed.evidence.filter((id) => !ids.has(id))).toEqual([]);
  expect(ids.has('ev-1')).toBe(true);
  // Nothing half-written: a stream record is there exactly when its audit entry is.
  const audited = new Set(
    (await auditViaApi(server.address, session, { action: 'evidence.record' }))
      .filter((entry) => prefixes.some((prefix) => entry.entity_id.startsWith(`${prefix}-`)))
      .map((entry) => entry.entity_id),
  );
  const streamIds = [...ids].filter((id) => prefixes.some((prefix) => id.startsWith(`${prefix}-`)));
  expect(streamIds.filter((id) => !audited.has(id))).toEqual([]);
  expect([...audited].filter((id) => !ids.has(id))).toEqual([]);

  const accounts = await getJson<{ accounts: { email: string }[] }>(server.address, '/api/accounts', session);
  expect(accounts.accounts.map((a) => a.email)).toEqual(expect.arrayContaining([LEAD, 'tom@example.test']));
  // The disable holds: tom's right password no longer signs in (and is refused, not a 5xx).
  const tom = await fetch(`${server.address}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'tom@example.test', password: PASSWORD }),
  });
  expect([401, 403]).toContain(tom.status);
  await getJson(server.address, '/api/builders/vic@example.test', session);
  const theCase = await getJson<{ id: number; candidate: string }>(
    server.address,
    `/api/cases/${confirmed.caseId}`,
    session,
  );
  expect(theCase).toMatchObject({ id: confirmed.caseId, candidate: BUILDER });
  const versions = await getJson<{ versions: { version: string }[] }>(
    server.address,
    `/api/ladders/${LADDER}/versions`,
    session,
  );
  expect(versions.versions.map((v) => v.version)).toContain(NEW_VERSION);
  const logins = await getJson<{ items: { account: string }[] }>(
    server.address,
    `/api/person-accounts?person=${encodeURIComponent(BUILDER)}`,
    session,
  );
  expect(logins.items.map((l) => l.account)).toContain('rosa-gh');
  const adrs = await getJson<{ items: { builder: string; title: string }[] }>(
    server.address,
    '/api/evidence?kind=adr&builder=tom%40example.test',
    session,
  );
  expect(adrs.items.map((a) => a.title)).toContain('Queue webhooks');
  return ids;
}

/** Finds every confirmed write through the CLI, and each CLI write's audit entry under the operator. */
async function findViaCli(
  env: Record<string, string>,
  inputs: Inputs,
  confirmed: Confirmed,
  tag: string,
): Promise<void> {
  const log: CliResult[] = [];
  const exportDir = path.join(inputs.work, `check-${tag}`);
  await cli(env, log, ['export', exportDir]);
  const exported = await exportedEvidenceIds(exportDir);
  expect(confirmed.evidence.filter((id) => !exported.has(id))).toEqual([]);
  expect(await readFile(path.join(exportDir, 'builders.csv'), 'utf8')).toMatch(/^vic@example\.test,/m);

  const audit = await cli(env, log, ['audit', '--json', '--actor', `operator:${OPERATOR}`, '--limit', '500']);
  const entries = audit.out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { action: string; entity: string; entityId: string });
  const actions = entries.map((entry) => entry.action);
  for (const action of [
    'organisation.import',
    'account.create',
    'account.disable',
    'ladder.publish',
    'person_account.link',
    'evidence.record',
  ]) {
    expect(actions, action).toContain(action);
  }
  expect(actions.filter((action) => action === 'organisation.import')).toHaveLength(2);
  expect(actions.filter((action) => action === 'account.create')).toHaveLength(2);
  // Opening and noting the case: both entries name the case and the operator.
  const caseEntries = entries.filter((entry) => entry.action.startsWith('case.'));
  expect(caseEntries.length).toBeGreaterThanOrEqual(2);
  expect(new Set(caseEntries.map((entry) => String(entry.entityId)))).toEqual(
    new Set([String(confirmed.caseId)]),
  );
  // The HTTP writes are the signed-in leader's, never the operator's.
  const evidence = new Set(confirmed.evidence);
  expect(
    entries.filter((entry) => entry.action === 'evidence.record' && evidence.has(entry.entityId)),
  ).toEqual([]);

  const versions = await cli(env, log, ['ladder', 'versions', LADDER]);
  expect(versions.out).toContain(NEW_VERSION);
  const cases = await cli(env, log, ['case', 'list']);
  expect(cases.out).toMatch(new RegExp(`^${confirmed.caseId}\\t${BUILDER.replace('.', '\\.')}\\t`, 'm'));
}

function expectNoServerErrors(servers: LadderServer[]): void {
  for (const server of servers) {
    expect(server.serverErrors(), server.log().slice(-4000)).toEqual([]);
    expect(server.statuses().length).toBeGreaterThan(0);
  }
}

describe('confirmed writes on one embedded folder, the CLI beside a running server [pglite]', () => {
  let inputs: Inputs;
  let dataDir: string;
  let serverEnv: Record<string, string>;
  let cliEnv: Record<string, string>;
  let confirmed: Confirmed;
  let server: LadderServer | undefined;
  const oldServers: LadderServer[] = [];

  beforeAll(async () => {
    inputs = await prepareInputs();
    dataDir = path.join(inputs.work, 'data');
    serverEnv = { DATABASE_URL: `file:${dataDir}`, LADDER_OPERATOR: 'server' };
    cliEnv = { DATABASE_URL: `file:${dataDir}`, LADDER_OPERATOR: OPERATOR, LOG_LEVEL: 'silent' };
  }, 60_000);
  afterAll(async () => {
    await killLeftoverServers();
    await rm(inputs.work, { recursive: true, force: true });
  });

  it('takes a stream of HTTP writes while a write of every CLI family goes through the server', async () => {
    server = await startLadderServer(serverEnv);
    confirmed = await writeEverything([server], cliEnv, inputs, 'pgl');
    expect(confirmed.evidence.length).toBeGreaterThan(8);
    // The figures, for the report of a run (never asserted: they depend on the machine's speed).
    console.info(
      `[pglite] ${confirmed.evidence.length} HTTP writes confirmed beside ${confirmed.cli.length} CLI commands (all exit 0)`,
    );
    expectNoServerErrors([server]);
  }, 600_000);

  it('finds every confirmed write through the API and through the CLI', async () => {
    if (server === undefined) throw new Error('the server did not start');
    await findViaApi(server, confirmed, ['pgl']);
    await findViaCli(cliEnv, inputs, confirmed, 'pgl-running');
    expectNoServerErrors([server]);
  }, 300_000);

  it('finds every confirmed write after SIGTERM and a restart, which releases the folder cleanly', async () => {
    if (server === undefined) throw new Error('the server did not start');
    const code = await server.stop();
    oldServers.push(server);
    expect(code).toBe(0);
    expect(existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);
    expect(existsSync(path.join(dataDir, SOCKET_FILE))).toBe(false);
    expectNoServerErrors(oldServers);
    server = await startLadderServer(serverEnv);
    await findViaApi(server, confirmed, ['pgl']);
    expectNoServerErrors([server]);
  }, 300_000);

  it('loses nothing confirmed when the owner is killed -9 mid-stream, and the next process opens the folder', async () => {
    if (server === undefined) throw new Error('the server did not start');
    const session = await signIn(server.address, LEAD, PASSWORD);
    const stream = startEvidenceStream({
      addresses: [server.address],
      session,
      builder: BUILDER,
      prefix: 'crash',
      inFlight: 4,
    });
    while (stream.confirmedCount() < 40 && stream.failureCount() === 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await server.kill();
    oldServers.push(server);
    server = undefined;
    const crashed = await stream.stop();
    // Writes in flight at the kill got no answer; they may or may not be there, but nothing else failed.
    expect(crashed.failures.filter((f) => !f.outcome.startsWith('no answer'))).toEqual([]);
    expectNoServerErrors(oldServers);

    // The OS dropped the dead owner's lock: this process can take it at once (and gives it back).
    const lock = tryLockFolder(dataDir, 'confirmed-writes test');
    expect(lock).not.toBeNull();
    lock?.release();
    // The next process opens the folder itself (no server runs) and reads it.
    const log: CliResult[] = [];
    await cli(cliEnv, log, ['audit', '--limit', '1']);

    const all: Confirmed = { ...confirmed, evidence: [...confirmed.evidence, ...crashed.confirmed] };
    server = await startLadderServer(serverEnv);
    const stored = await findViaApi(server, all, ['pgl', 'crash']);
    const unanswered = crashed.failures.filter((f) => stored.has(f.id)).length;
    console.info(
      `[pglite kill -9] ${crashed.confirmed.length} writes confirmed before the kill, ${crashed.failures.length} without an answer (in flight at the kill or refused after it; ${unanswered} of those stored, each with its audit entry)`,
    );
    await findViaCli(cliEnv, inputs, all, 'after-crash');
    expectNoServerErrors([server]);
    expect(await server.stop()).toBe(0);
    server = undefined;
  }, 600_000);
});

describe.runIf(testEngines().includes('postgres'))(
  'confirmed writes with two app servers and the CLI on one database [postgres]',
  () => {
    let inputs: Inputs;
    let database: TestDatabase;
    let env: Record<string, string>;
    let confirmed: Confirmed;
    let servers: LadderServer[] = [];

    beforeAll(async () => {
      inputs = await prepareInputs();
      database = await createTestDatabase('postgres');
      if (database.target.engine !== 'postgres') throw new Error('expected a PostgreSQL test database');
      env = { DATABASE_URL: database.target.url };
    }, 60_000);
    afterAll(async () => {
      await killLeftoverServers();
      await database.destroy();
      await rm(inputs.work, { recursive: true, force: true });
    });

    it('takes HTTP writes spread over both servers while a write of every CLI family runs', async () => {
      servers = await Promise.all([
        startLadderServer({ ...env, LADDER_OPERATOR: 'server-a' }),
        startLadderServer({ ...env, LADDER_OPERATOR: 'server-b' }),
      ]);
      confirmed = await writeEverything(
        servers,
        { ...env, LADDER_OPERATOR: OPERATOR, LOG_LEVEL: 'silent' },
        inputs,
        'pg',
      );
      expect(confirmed.evidence.length).toBeGreaterThan(8);
      // Both servers took writes: the stream really was spread over them.
      const created = servers.map((server) => server.statuses().filter((status) => status === 201).length);
      expect(created.every((count) => count > 0)).toBe(true);
      console.info(
        `[postgres] ${confirmed.evidence.length} HTTP writes confirmed (201s per server: ${created.join(', ')}) beside ${confirmed.cli.length} CLI commands (all exit 0)`,
      );
      expectNoServerErrors(servers);
    }, 600_000);

    it('finds every confirmed write through both servers, the CLI, and after restarting both', async () => {
      for (const server of servers) await findViaApi(server, confirmed, ['pg']);
      await findViaCli({ ...env, LADDER_OPERATOR: OPERATOR, LOG_LEVEL: 'silent' }, inputs, confirmed, 'pg');
      expectNoServerErrors(servers);
      const codes = await Promise.all(servers.map((server) => server.stop()));
      expect(codes).toEqual([0, 0]);
      const restarted = await startLadderServer({ ...env, LADDER_OPERATOR: 'server-c' });
      await findViaApi(restarted, confirmed, ['pg']);
      expectNoServerErrors([...servers, restarted]);
      expect(await restarted.stop()).toBe(0);
    }, 600_000);
  },
);
