import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Real `ladder` processes for end-to-end tests: servers started the way an operator starts them
 * (`ladder serve`), CLI commands run as separate processes, and a stream of HTTP writes that remembers
 * which ones the server confirmed.
 */

const root = path.resolve(import.meta.dirname, '../..');
const cliEntry = path.join(root, 'src/cli/main.ts');

/** Environment every process gets: the caller's, minus what would point it at another database. */
function processEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.DATABASE_URL;
  delete base.PORT;
  delete base.LADDER_OPERATOR;
  return { ...base, ...env };
}

export interface CliResult {
  args: string[];
  code: number | null;
  out: string;
  err: string;
}

/** Runs one `ladder …` command in its own process (real stdin), and resolves when it exits. */
export function runLadder(args: string[], env: Record<string, string>, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
      cwd: root,
      env: processEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ args, code, out, err }));
    child.stdin.end(input);
  });
}

/** One line of a server's pino log, as far as these tests read it. */
interface LogLine {
  msg?: string;
  address?: string;
  level?: number;
  res?: { statusCode?: number };
  req?: { method?: string; url?: string };
  reqId?: string;
}

export interface LadderServer {
  pid: number;
  /** `http://127.0.0.1:PORT`, as the server logged it. */
  address: string;
  /** Everything the process wrote to stdout and stderr so far. */
  log(): string;
  /** The status code of every request the server logged as completed. */
  statuses(): number[];
  /** Requests logged with a 5xx status, with their method and URL (from the matching incoming line). */
  serverErrors(): string[];
  /** SIGTERM, then waits for the exit; resolves with the exit code (null when a signal ended it). */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies without any clean-up of its own. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every server this helper started that is still running (for afterAll after a failed test). */
export async function killLeftoverServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

function parseLines(text: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // A line cut by a kill -9 is not JSON; the lines before it still count.
    }
  }
  return lines;
}

/**
 * Starts `ladder serve --no-demo` on PORT=0 and resolves once it logs the address it listens on. The
 * server finds a free port itself, so parallel test files never collide on one.
 */
export function startLadderServer(env: Record<string, string>, timeoutMs = 170_000): Promise<LadderServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, 'serve', '--no-demo'], {
    cwd: root,
    env: processEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  const lines = (): LogLine[] => parseLines(output);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ladder serve did not listen within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const listening = lines().find((line) => line.msg?.startsWith('ladder listening on ') === true);
      if (listening?.address === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += more.toString()));
      resolve(server(listening.address));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ladder serve exited (${code}) before listening:\n${output}`));
    });
  });

  function server(address: string): LadderServer {
    const pid = child.pid;
    if (pid === undefined) throw new Error('ladder serve has no pid');
    return {
      pid,
      address,
      log: () => output,
      statuses: () =>
        lines().flatMap((line) => (line.res?.statusCode === undefined ? [] : [line.res.statusCode])),
      serverErrors: () => {
        const all = lines();
        const incoming = new Map(all.filter((l) => l.req !== undefined).map((l) => [l.reqId, l.req]));
        return all
          .filter((line) => (line.res?.statusCode ?? 0) >= 500)
          .map((line) => {
            const req = incoming.get(line.reqId);
            return `${line.res?.statusCode} ${req?.method ?? '?'} ${req?.url ?? '?'}`;
          });
      },
      stop: async () => {
        child.kill('SIGTERM');
        return exited;
      },
      kill: async () => {
        child.kill('SIGKILL');
        await exited;
      },
    };
  }
}

export interface SignedInSession {
  /** Headers for a cookie-authenticated read. */
  read: Record<string, string>;
  /** Headers for a write: the cookie, the CSRF token and a JSON body. */
  write: Record<string, string>;
}

/** Signs in over real HTTP, as the web app does. */
export async function signIn(address: string, email: string, password: string): Promise<SignedInSession> {
  const response = await fetch(`${address}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('ladder_session='));
  if (cookie === undefined) throw new Error('sign-in set no session cookie');
  const { csrf_token: csrf } = (await response.json()) as { csrf_token: string };
  return {
    read: { cookie },
    write: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
  };
}

/** GETs a JSON answer and fails loudly on anything but 200. */
export async function getJson<T>(address: string, url: string, session: SignedInSession): Promise<T> {
  const response = await fetch(`${address}${url}`, { headers: session.read });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface WriteStreamResult {
  /** Ids the server answered 201 to: each must be in the database afterwards. */
  confirmed: string[];
  /** Everything else: a status other than 201, or a request that got no answer at all. */
  failures: { id: string; address: string; outcome: string }[];
}

export interface WriteStream {
  /** How many writes were confirmed so far. */
  confirmedCount(): number;
  /** How many writes failed so far (any status but 201, or no answer). */
  failureCount(): number;
  /** Ids confirmed so far (a copy). */
  confirmedSoFar(): string[];
  /** Stops sending new writes and waits for the ones in flight. */
  stop(): Promise<WriteStreamResult>;
}

/**
 * Keeps `inFlight` evidence writes (code reviews of one builder) in flight at all times, spread
 * round-robin over `addresses`, until stop(). Each record has an id of its own, so finding it later
 * proves that this very write survived.
 */
export function startEvidenceStream(options: {
  addresses: string[];
  session: SignedInSession;
  builder: string;
  prefix: string;
  inFlight: number;
}): WriteStream {
  const confirmed: string[] = [];
  const failures: WriteStreamResult['failures'] = [];
  let next = 0;
  let stopping = false;
  const worker = async (): Promise<void> => {
    while (!stopping) {
      const n = next++;
      const id = `${options.prefix}-${n}`;
      const address = options.addresses[n % options.addresses.length] ?? '';
      try {
        const response = await fetch(`${address}/api/evidence`, {
          method: 'POST',
          headers: options.session.write,
          body: JSON.stringify({
            id,
            kind: 'code_review',
            builder: options.builder,
            date: '2026-11-20',
            link: `https://git.example.test/pull/${n}`,
            lesson: `lesson ${n}`,
          }),
        });
        const body = await response.text();
        if (response.status === 201) confirmed.push(id);
        else failures.push({ id, address, outcome: `${response.status} ${body.slice(0, 300)}` });
      } catch (error) {
        failures.push({ id, address, outcome: `no answer: ${(error as Error).message}` });
      }
    }
  };
  const workers = Array.from({ length: options.inFlight }, () => worker());
  return {
    confirmedCount: () => confirmed.length,
    failureCount: () => failures.length,
    confirmedSoFar: () => [...confirmed],
    stop: async () => {
      stopping = true;
      await Promise.all(workers);
      return { confirmed, failures };
    },
  };
}

/** Every evidence id of one builder, read page by page through the API. */
export async function evidenceIdsViaApi(
  address: string,
  session: SignedInSession,
  builder: string,
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await getJson<{ items: { id: string }[]; total: number }>(
      address,
      `/api/evidence?builder=${encodeURIComponent(builder)}&limit=500&offset=${offset}`,
      session,
    );
    for (const item of page.items) ids.add(item.id);
    if (page.items.length < 500) return ids;
  }
}

export interface AuditEntryJson {
  id: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
}

/** Every audit entry with this action, read page by page through the API (newest first). */
export async function auditViaApi(
  address: string,
  session: SignedInSession,
  filter: Record<string, string>,
): Promise<AuditEntryJson[]> {
  const entries: AuditEntryJson[] = [];
  let before: number | null = null;
  for (;;) {
    const query = new URLSearchParams({ ...filter, limit: '500' });
    if (before !== null) query.set('before_id', String(before));
    const page: { entries: AuditEntryJson[]; next_before_id: number | null } = await getJson(
      address,
      `/api/audit?${query.toString()}`,
      session,
    );
    entries.push(...page.entries);
    if (page.next_before_id === null) return entries;
    before = page.next_before_id;
  }
}
