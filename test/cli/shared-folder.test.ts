import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { sql } from 'drizzle-orm';
import { selectAuditRows } from '../../src/db/repositories/audit.repository.js';
import { REPO_ROOT, runLadder, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

// One data folder through a server's whole life: CLI beside it, a second owner refused, kill -9 in the
// middle of a stream of writes, the folder opened directly afterwards, a restart, a CLI of a newer
// schema refused, and a clean SIGTERM. Every process start costs seconds here, so the steps share it.

const PASSWORD = 'shared-folder-pass-2026';

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, email: string): Promise<Session | null> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) return null;
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { csrf_token: string };
  return { cookie, csrf: body.csrf_token };
}

async function getJson(url: string, session: Session, pathname: string): Promise<unknown> {
  const response = await fetch(`${url}${pathname}`, { headers: { cookie: session.cookie } });
  expect(response.status, pathname).toBe(200);
  return response.json();
}

/**
 * Writes people over HTTP on `lanes` connections until stopped; returns the emails answered 2xx. Other
 * answers (503 while the server closes) and refused connections are not confirmations, so they are not
 * counted, and they do not end the stream: stop() does.
 */
function streamWrites(url: string, session: Session, tag: string, lanes = 3) {
  const confirmed: string[] = [];
  let stopped = false;
  const lane = async (n: number): Promise<void> => {
    for (let i = 0; !stopped; i++) {
      const email = `${tag}-${n}-${i}@example.test`;
      try {
        const response = await fetch(`${url}/api/people`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          },
          body: JSON.stringify({ email, name: `${tag} ${n} ${i}`, role: 'client_stakeholder' }),
        });
        if (response.status >= 200 && response.status < 300) confirmed.push(email);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const running = Array.from({ length: lanes }, (_, n) => lane(n));
  return {
    confirmed,
    stop: async (): Promise<void> => {
      stopped = true;
      await Promise.allSettled(running);
    },
  };
}

describe('one owner per embedded data folder, the CLI beside a running server', () => {
  let root = '';
  let dataDir = '';
  const env = (): NodeJS.ProcessEnv => ({ DATABASE_URL: `file:${dataDir}`, LADDER_OPERATOR: 'alice' });
  let server: ServerProcess | undefined;
  const confirmed: string[] = [];
  let readinessOverChannel = '';

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    if (root !== '') await rm(root, { recursive: true, force: true });
  });

  it('serves CLI writes and reads through the running server, audited with the operator', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ladder-shared-'));
    dataDir = path.join(root, 'data');
    server = await startServerProcess(dataDir);
    expect((await stat(path.join(dataDir, '.s.PGSQL.5432'))).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);

    const created = await runLadder(
      ['user', 'create', '--email', 'ops@example.test', '--role', 'leadership', '--password-stdin'],
      env(),
      `${PASSWORD}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created leadership account ops@example\.test/);
    // The server sees the CLI's write at once: the new account signs in.
    const session = await signIn(server.url, 'ops@example.test');
    expect(session).not.toBeNull();

    // A refusal travels the same way: same exit code and one line as on a folder of its own.
    const again = await runLadder(
      ['user', 'create', '--email', 'ops@example.test', '--role', 'leadership', '--password-stdin'],
      env(),
      `${PASSWORD}\n`,
    );
    expect(again.code).toBe(5);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);

    const imported = await runLadder(['import', path.join(REPO_ROOT, 'test/fixtures/example-org')], env());
    expect(imported.code, imported.stderr).toBe(0);
    const builders = (await getJson(server.url, session!, '/api/builders?limit=50')) as { total: number };
    expect(builders.total).toBeGreaterThan(0);

    const readiness = await runLadder(['readiness', 'rosa@example.test', '--json'], env());
    expect(readiness.code, readiness.stderr).toBe(0);
    readinessOverChannel = readiness.stdout;

    const audit = await runLadder(['audit', '--action', 'account.create'], env());
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/operator:alice\s+account\.create/);
  }, 300_000);

  it('refuses a second server on the folder in one line naming the first, and changes nothing', async () => {
    const owner = server!;
    const session = (await signIn(owner.url, 'ops@example.test'))!;
    const before = await getJson(owner.url, session, '/api/audit?limit=500');
    const second = await runLadder(['serve', '--no-demo'], { ...env(), PORT: '0' });
    expect(second.code).toBe(7);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`pid ${owner.pid}`);
    expect(lines[0]).toContain(owner.url);
    expect(await getJson(owner.url, session, '/api/audit?limit=500')).toEqual(before);
  }, 120_000);

  it('loses no confirmed write when the owner is killed -9 mid-stream; the lock goes with it', async () => {
    const owner = server!;
    const session = (await signIn(owner.url, 'ops@example.test'))!;
    let stop = false;
    const writer = async (lane: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const email = `stream-${lane}-${i}@example.test`;
        try {
          const response = await fetch(`${owner.url}/api/people`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: session.cookie,
              'x-csrf-token': session.csrf,
            },
            body: JSON.stringify({ email, name: `Stream ${lane} ${i}`, role: 'client_stakeholder' }),
          });
          if (response.status >= 200 && response.status < 300) confirmed.push(email);
          else if (!stop) throw new Error(`POST /api/people answered ${response.status}`);
        } catch (error) {
          if (!stop) throw error;
        }
      }
    };
    const lanes = [writer(1), writer(2), writer(3)];
    while (confirmed.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    owner.child.kill('SIGKILL');
    stop = true;
    await Promise.allSettled(lanes);
    await owner.exited;
    server = undefined;

    // The lock went with the process: this process opens the folder itself (no socket, no owner).
    const direct = await openDatabase({ engine: 'pglite', dataDir });
    try {
      expect(direct.access).toBe('direct');
      // While it holds the folder without sharing it, a CLI is refused in one line, and nothing changes.
      const refused = await runLadder(['user', 'list'], env());
      expect(refused.code).toBe(7);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(new RegExp(`pid ${process.pid} .*does not share it`));
      const entries = await selectAuditRows(direct.db, { action: 'person.create', limit: 10_000 });
      const recorded = new Set(entries.map((entry) => entry.entityId));
      const missing = confirmed.filter((email) => !recorded.has(email));
      expect(missing).toEqual([]);
    } finally {
      await direct.close();
    }
  }, 300_000);

  it('after a restart has every confirmed write, and refuses a CLI whose migrations differ', async () => {
    server = await startServerProcess(dataDir);
    const session = (await signIn(server.url, 'ops@example.test'))!;
    const people = (await getJson(server.url, session, '/api/people?limit=500')) as {
      items: { email: string }[];
    };
    const emails = new Set(people.items.map((person) => person.email));
    expect(confirmed.filter((email) => !emails.has(email))).toEqual([]);

    // A CLI with one migration more than the server: it never migrates under the running server.
    const newer = path.join(root, 'migrations');
    await cp(path.join(REPO_ROOT, 'src/db/migrations'), newer, { recursive: true });
    const journalPath = path.join(newer, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Record<string, unknown>[] };
    const last = journal.entries.at(-1) as { idx: number; when: number };
    journal.entries.push({
      idx: last.idx + 1,
      version: '7',
      when: last.when + 1,
      tag: '9999_fake',
      breakpoints: true,
    });
    await writeFile(journalPath, JSON.stringify(journal));
    await writeFile(path.join(newer, '9999_fake.sql'), 'create table fake_marker (id int);');
    const migrate = await runLadder(['migrate'], { ...env(), LADDER_MIGRATIONS_DIR: newer });
    expect(migrate.code).toBe(7);
    expect(migrate.stderr.trim().split('\n')).toHaveLength(1);
    expect(migrate.stderr).toMatch(/schema_mismatch: .*older schema .*stop it, run 'ladder migrate'/);
    expect(migrate.stderr).toContain(`pid ${server.pid}`);
    const read = await runLadder(['user', 'list'], { ...env(), LADDER_MIGRATIONS_DIR: newer });
    expect(read.code).toBe(7);
    expect(read.stderr).toMatch(/schema_mismatch/);
  }, 300_000);

  it('stops on SIGTERM amid writes, keeping every confirmed one, giving back lock, socket and owner file', async () => {
    const owner = server!;
    const session = (await signIn(owner.url, 'ops@example.test'))!;
    const stream = streamWrites(owner.url, session, 'term');
    while (stream.confirmed.length < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    owner.child.kill('SIGTERM');
    const result = await owner.exited;
    await stream.stop();
    server = undefined;
    expect(result.code).toBe(0);
    expect(existsSync(path.join(dataDir, '.s.PGSQL.5432'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'ladder-owner.json'))).toBe(false);
    // The fake migration never reached the folder, and the CLI on the folder itself answers as it did
    // through the server.
    const readiness = await runLadder(['readiness', 'rosa@example.test', '--json'], env());
    expect(readiness.code, readiness.stderr).toBe(0);
    expect(readiness.stdout).toBe(readinessOverChannel);
    const direct = await openDatabase({ engine: 'pglite', dataDir });
    try {
      // The table the fake migration would have added is not there.
      const marker: unknown = await direct.db.execute(sql`select to_regclass('fake_marker')::text as t`);
      const rows = (marker as { rows: { t: string | null }[] }).rows;
      expect(rows[0]?.t ?? null).toBeNull();
      const entries = await selectAuditRows(direct.db, { action: 'person.create', limit: 10_000 });
      const recorded = new Set(entries.map((entry) => entry.entityId));
      expect(stream.confirmed.filter((email) => !recorded.has(email))).toEqual([]);
    } finally {
      await direct.close();
    }
  }, 300_000);
});
