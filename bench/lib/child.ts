import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every measured piece runs in a process of its own, so its memory (peak RSS) is its own and a PGlite
 * folder is opened by one process at a time. Phases talk to the runner over the IPC channel.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rssHook = path.join(repoRoot, 'bench', 'lib', 'rss-hook.js');
/** The CLI as a user runs it (`npx ladder`: tsx registers itself). */
export const ladderBin = path.join(repoRoot, 'bin', 'ladder.js');

/** A message between the runner and a phase: a type and whatever it carries. */
export interface PhaseMessage {
  type: string;
  [key: string]: unknown;
}

/** A running phase: send it messages, wait for one of a type, wait for its exit. */
export interface RunningPhase {
  child: ChildProcess;
  send(message: PhaseMessage): void;
  next(type: string): Promise<PhaseMessage>;
  exited: Promise<number>;
}

/** Starts `bench/phases/<name>.ts` with its input (JSON in BENCH_INPUT). */
export function startPhase(
  name: string,
  input: unknown,
  env: NodeJS.ProcessEnv = {},
  nodeArgs: readonly string[] = [],
): RunningPhase {
  const child = fork(path.join(repoRoot, 'bench', 'phases', `${name}.ts`), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx', ...nodeArgs],
    env: { ...process.env, ...env, BENCH_INPUT: JSON.stringify(input) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: PhaseMessage[] = [];
  const waiting: { type: string; resolve(m: PhaseMessage): void; reject(e: Error): void }[] = [];
  child.on('message', (raw) => {
    const message = raw as PhaseMessage;
    const index = waiting.findIndex((w) => w.type === message.type || message.type === 'error');
    if (index === -1) inbox.push(message);
    else {
      const [waiter] = waiting.splice(index, 1);
      if (message.type === 'error') waiter!.reject(new Error(`phase ${name}: ${String(message.message)}`));
      else waiter!.resolve(message);
    }
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  void exited.then((code) => {
    for (const w of waiting.splice(0))
      w.reject(new Error(`phase ${name} exited with ${code} before sending ${w.type}`));
  });
  return {
    child,
    send: (message) => child.send(message),
    next: (type) => {
      const index = inbox.findIndex((m) => m.type === type || m.type === 'error');
      if (index !== -1) {
        const [message] = inbox.splice(index, 1);
        return message!.type === 'error'
          ? Promise.reject(new Error(`phase ${name}: ${String(message!.message)}`))
          : Promise.resolve(message!);
      }
      return new Promise((resolve, reject) => waiting.push({ type, resolve, reject }));
    },
    exited,
  };
}

/** Runs a phase to its end and returns its `result` message. */
export async function runPhase<T>(
  name: string,
  input: unknown,
  nodeArgs: readonly string[] = [],
): Promise<T> {
  const phase = startPhase(name, input, {}, nodeArgs);
  const message = await phase.next('result');
  const code = await phase.exited;
  if (code !== 0) throw new Error(`phase ${name} exited with ${code}`);
  return message.result as T;
}

/** Outcome of a command run to its end: wall time, exit code, output, and its peak RSS. */
export interface TimedCommand {
  wallMs: number;
  code: number;
  stdout: string;
  stderr: string;
  maxRssKb: number | null;
}

/** Runs `node <script> …args` with env and stdin (the script loads tsx itself), timing it from spawn to exit. */
export async function runTimedNode(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input = '',
  nodeArgs: readonly string[] = [],
): Promise<TimedCommand> {
  const rssFile = path.join(tmpdir(), `ladder-bench-rss-${process.pid}-${Date.now()}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', rssHook, ...nodeArgs, script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  const wallMs = performance.now() - started;
  const maxRssKb = await readFile(rssFile, 'utf8').then(Number, () => null);
  await rm(rssFile, { force: true });
  return { wallMs, code, stdout, stderr, maxRssKb };
}
