import fs from 'node:fs';
import path from 'node:path';
import { tryLock } from 'fs-native-extensions';

/** The lock file inside a data folder; holding an OS lock on it is what makes a process the owner. */
export const LOCK_FILE = '.ladder.lock';
/** What the owner says about itself, for other processes' messages. Informational: the lock decides. */
export const OWNER_FILE = 'ladder-owner.json';
/** The owner's PostgreSQL wire socket; node-postgres with host=DIR and port 5432 connects to it. */
export const SOCKET_FILE = '.s.PGSQL.5432';
export const SOCKET_PORT = 5432;

/** What the owning process writes beside the lock. */
export interface OwnerInfo {
  pid: number;
  /** `ladder serve`, `ladder import`, a test… — what holds the folder. */
  command: string;
  started: string;
  /** The HTTP address of a serving owner, once it listens. */
  address: string | null;
  /** The wire socket when the owner shares the folder, null when it keeps it to itself. */
  socket: string | null;
  /** Migrations applied when the owner opened the folder. */
  migrations: number | null;
}

/** A held folder lock: the process owns the folder until release() or its death. */
export interface FolderLock {
  dir: string;
  /** Rewrites the owner file with these fields changed. */
  updateOwner(change: Partial<OwnerInfo>): void;
  /** Removes the owner file and gives the lock back (idempotent). */
  release(): void;
}

/** The socket path of a data folder. */
export function socketPathOf(dir: string): string {
  return path.join(dir, SOCKET_FILE);
}

/**
 * Takes the folder's exclusive lock without waiting, or returns null when another process (or another
 * handle in this one) holds it. The operating system drops the lock when the process dies, so a crash
 * never leaves a lock to clean by hand.
 */
export function tryLockFolder(dir: string, command: string): FolderLock | null {
  fs.mkdirSync(dir, { recursive: true });
  // 'a+' creates the file without truncating it under a running owner's feet.
  const fd = fs.openSync(path.join(dir, LOCK_FILE), 'a+');
  let locked = false;
  try {
    locked = tryLock(fd);
  } finally {
    if (!locked) fs.closeSync(fd);
  }
  if (!locked) return null;
  let owner: OwnerInfo = {
    pid: process.pid,
    command,
    started: new Date().toISOString(),
    address: null,
    socket: null,
    migrations: null,
  };
  const ownerPath = path.join(dir, OWNER_FILE);
  const write = (): void => {
    // Written then renamed, so a reader never sees half a file.
    const temporary = `${ownerPath}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(owner, null, 2)}\n`);
    fs.renameSync(temporary, ownerPath);
  };
  write();
  let released = false;
  return {
    dir,
    updateOwner: (change) => {
      if (released) return;
      owner = { ...owner, ...change };
      write();
    },
    release: () => {
      if (released) return;
      released = true;
      // The owner file goes while the lock is still held, so it never describes a later owner wrongly.
      fs.rmSync(ownerPath, { force: true });
      fs.closeSync(fd);
    },
  };
}

/** Reads the owner file, or null when there is none (or it cannot be read). */
export function readOwner(dir: string): OwnerInfo | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as OwnerInfo;
  } catch {
    return null;
  }
}

/** "pid 123 (ladder serve at http://127.0.0.1:3000, since 2026-12-01T10:00:00Z)" for messages. */
export function describeOwner(owner: OwnerInfo | null): string {
  if (owner === null) return 'another process';
  const where = owner.address === null ? '' : ` at ${owner.address}`;
  return `pid ${owner.pid} (${owner.command}${where}, since ${owner.started})`;
}
