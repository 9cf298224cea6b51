import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: processes run from here so `--import tsx` resolves. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');

/** A process's whole output and how it ended. */
export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child: the parent's PATH/HOME, no inherited DATABASE_URL/PORT, plus `env`. */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, PORT: _port, LADDER_OPERATOR: _operator, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', LADDER_DEMO: '0', ...env };
}

/** Runs `ladder <args>` as a real process (node --import tsx), optionally feeding `stdin`. */
export function runLadder(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: REPO_ROOT,
      env: childEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** A `ladder serve` process on a data folder. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<ProcessResult>;
}

/**
 * Starts `ladder serve --no-demo` with PORT=0 and resolves once it listens. `database` is a data folder
 * (DATABASE_URL=file:…; the address comes from the folder's owner file, as the CLI's messages read it)
 * or a `postgres://` URL (the address comes from the server's "listening" log line).
 */
export async function startServerProcess(
  database: string,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): Promise<ServerProcess> {
  const postgres = /^postgres(ql)?:\/\//.test(database);
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--no-demo'], {
    cwd: REPO_ROOT,
    env: childEnv({
      DATABASE_URL: postgres ? database : `file:${database}`,
      PORT: '0',
      ...(postgres ? { LOG_LEVEL: 'info' } : {}),
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<ProcessResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ended) throw new Error(`ladder serve ended before listening:\n${stdout}\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ladder serve did not listen within ${timeoutMs} ms:\n${stdout}\n${stderr}`);
    }
    const address = postgres ? listeningAddress(stdout) : await ownerAddress(database, child.pid);
    if (address !== null && child.pid !== undefined) {
      return { child, pid: child.pid, url: address, output: () => stdout + stderr, exited };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The address in the owner file of `dataDir` once process `pid` owns the folder and listens. */
async function ownerAddress(dataDir: string, pid: number | undefined): Promise<string | null> {
  const owner = await readFile(path.join(dataDir, 'ladder-owner.json'), 'utf8').then(
    (text) => JSON.parse(text) as { pid: number; address: string | null },
    () => null,
  );
  return owner !== null && owner.pid === pid ? owner.address : null;
}

/** The address of the "ladder listening on …" log line, once written. */
function listeningAddress(log: string): string | null {
  const match = /"address":"(http:\/\/[^"]+)"[^\n]*ladder listening on/.exec(log);
  return match?.[1] ?? null;
}
