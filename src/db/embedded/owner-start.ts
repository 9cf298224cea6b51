import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { socketPathOf, tryLockFolder, type FolderLock } from './folder-lock.js';
import type { OwnerWorkerInput, OwnerWorkerMessage } from './owner-worker.js';

/**
 * Starting the owner's engine thread (owner-worker.ts) for a data folder. It boots PGlite's WASM,
 * opens the folder and applies migrations on a thread of its own, so `ladder serve` starts it before it
 * loads the rest of the program (startOwnerEarly, from src/cli/main.ts): the two overlap on two cores
 * instead of following each other. Only src/db/connection.ts turns a started owner into a handle.
 */

/** A data folder's engine thread, started under the folder's lock; `ready` gives the migrations applied. */
export interface StartedOwner {
  dir: string;
  socketPath: string;
  lock: FolderLock;
  worker: Worker;
  ready: Promise<number>;
}

/** A Unix socket path has at most 107 bytes on Linux (103 on macOS); a deeper folder cannot be shared. */
export function socketPathFits(socketPath: string): boolean {
  return Buffer.byteLength(socketPath) <= 103;
}

/**
 * Starts the engine thread of `dir`, whose lock the caller holds (and the thread then owns: released when
 * opening fails). `ready` rejects when the thread reports an error or stops before it is ready; the thread
 * is stopped then.
 */
export function startOwner(dir: string, lock: FolderLock, migrationsFolder: string): StartedOwner {
  // Only the lock holder may remove a socket, so a crashed owner's stale one never hides a live one.
  fs.rmSync(socketPathOf(dir), { force: true });
  // Only the folder's user may reach the socket: PostgreSQL's own rule for a data directory.
  fs.chmodSync(dir, 0o700);
  const socketPath = socketPathOf(dir);
  const worker = startEngineThread({ dataDir: dir, socketPath, migrationsFolder });
  const ready = new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the database thread stopped (exit ${code})`)));
    worker.once('message', (message: OwnerWorkerMessage) => {
      if (message.type === 'ready') resolve(message.migrations);
      else if (message.type === 'error') reject(new Error(message.message));
    });
  }).then(
    (migrations) => {
      worker.removeAllListeners();
      worker.on('error', () => {
        // A crash of the engine thread surfaces as failing queries on the pool; close() still cleans up.
      });
      return migrations;
    },
    async (error: unknown) => {
      await worker.terminate();
      lock.release();
      throw error;
    },
  );
  // Nobody may be waiting yet (an early start): a failure is reported to whoever awaits `ready`.
  ready.catch(() => undefined);
  return { dir, socketPath, lock, worker, ready };
}

/**
 * Starts the engine thread. From sources it needs tsx as well, and Node 20 loads a worker's entry module
 * before its --import hooks apply, so a small script registers tsx first and then imports the entry.
 */
function startEngineThread(input: OwnerWorkerInput): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./owner-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry, { workerData: input });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: input });
}

let early: StartedOwner | undefined;

/**
 * `ladder serve` on a data folder: takes the folder's lock and starts its engine thread at once, before
 * the program's modules load; openDatabase then claims it (claimEarlyOwner). Does nothing when the
 * folder is already locked or its socket path is too long: the normal open reports those in its own
 * words. Until claimed, the thread does not keep the process alive (a `serve --help` or a configuration
 * error still exits).
 */
export function startOwnerEarly(dir: string, migrationsFolder: string): void {
  if (early !== undefined || !socketPathFits(socketPathOf(dir))) return;
  const lock = tryLockFolder(dir, 'ladder serve');
  if (lock === null) return;
  early = startOwner(dir, lock, migrationsFolder);
  early.worker.unref();
}

/** The engine thread startOwnerEarly started for `dir`, once (the caller takes it over), else undefined. */
export function claimEarlyOwner(dir: string): StartedOwner | undefined {
  if (early === undefined || early.dir !== dir) return undefined;
  const claimed = early;
  early = undefined;
  claimed.worker.ref();
  return claimed;
}
