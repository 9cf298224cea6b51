import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { DatabaseTarget } from '../../src/config.js';
import { ladderBin, repoRoot, runTimedNode } from './child.js';
import { databaseUrlOf } from './targets.js';

/**
 * The real `ladder serve` process (the CLI entry an operator runs: on PGlite it owns the folder, runs the
 * engine in its owner worker and shares it on the folder's socket). The benchmark preloads one observer,
 * bench/lib/eld-hook.js, which reports the main thread's event-loop delay and peak RSS over IPC when
 * asked; it changes nothing the server does.
 */

const cliEntry = path.join(repoRoot, 'src', 'cli', 'main.ts');
const eldHook = path.join(repoRoot, 'bench', 'lib', 'eld-hook.js');

/** The leadership account the load signs in as (real access control on every request). */
export const BENCH_LEAD = 'bench-lead@bench.test';
const BENCH_PASSWORD = 'bench-leadership-password-2026';

/** What the event-loop observer answers for one measured stretch. */
export interface LoopDelay {
  max_ms: number;
  p99_ms: number;
  mean_ms: number;
  peak_rss_mb: number;
}

/** A running `ladder serve`. */
export interface ServeProcess {
  base: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of /readyz. */
  startupMs: number;
  startLoopDelay(): Promise<void>;
  stopLoopDelay(): Promise<LoopDelay>;
  /** Peak RSS of the whole process (main thread, owner worker, WASM heap) so far, from /proc. */
  peakRssMb(): Promise<number | null>;
  /** Everything it wrote to stderr (warnings and errors at LOG_LEVEL=warn). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** VmHWM of a process (its peak resident set, threads included), in MB. */
export async function vmHwmMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match === null ? null : Math.round(Number(match[1]) / 1024);
  } catch {
    return null;
  }
}

async function waitFor200(url: string, timeoutMs: number, exited: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = performance.now() + timeoutMs;
  while (performance.now() < until && !gone) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(
    gone ? `ladder serve exited before ${url} answered` : `${url}: no 200 within ${timeoutMs} ms`,
  );
}

/**
 * Starts `ladder serve --no-demo` on `target` and resolves once /readyz answers 200. `nodeArgs` go to
 * node before the entry (e.g. `--cpu-prof --cpu-prof-dir=…` to profile the server).
 */
export async function startServe(
  target: DatabaseTarget,
  options: { nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ServeProcess> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', eldHook, ...(options.nodeArgs ?? []), cliEntry, 'serve', '--no-demo'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrlOf(target),
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        LADDER_DEMO: '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  child.stdout?.on('data', () => undefined);
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/readyz`, 600_000, exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`, { cause: error });
  }
  const startupMs = performance.now() - started;
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (raw: unknown): void => {
        const message = raw as { type?: string };
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`ladder serve exited before answering ${type}:\n${output}`)));
    });
  return {
    base,
    pid: child.pid!,
    startupMs,
    startLoopDelay: async () => {
      const answer = next('eld-started');
      child.send({ type: 'eld-start' });
      await answer;
    },
    stopLoopDelay: async () => {
      const answer = next<LoopDelay>('eld');
      child.send({ type: 'eld-stop' });
      const { max_ms, p99_ms, mean_ms, peak_rss_mb } = await answer;
      return { max_ms, p99_ms, mean_ms, peak_rss_mb };
    },
    peakRssMb: () => vmHwmMb(child.pid!),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Creates the leadership account with the CLI (`ladder user create`), unless it exists already. */
export async function ensureBenchAccount(target: DatabaseTarget): Promise<void> {
  const created = await runTimedNode(
    ladderBin,
    ['user', 'create', '--email', BENCH_LEAD, '--role', 'leadership', '--password-stdin'],
    { DATABASE_URL: databaseUrlOf(target), LADDER_DEMO: '0', LOG_LEVEL: 'warn', LADDER_OPERATOR: 'bench' },
    `${BENCH_PASSWORD}\n`,
  );
  if (created.code !== 0 && !/exist|conflict/i.test(created.stderr))
    throw new Error(`ladder user create failed (${created.code}): ${created.stderr.slice(-2000)}`);
}

/** Signs in over HTTP as the web app does; returns the session cookie header. */
export async function signInBench(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_LEAD, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('ladder_session='));
  if (cookie === undefined) throw new Error('sign-in set no session cookie');
  return cookie;
}
