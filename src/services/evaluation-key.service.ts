import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import type { LadderUsed } from './readiness.service.js';

/**
 * The rules part of the key under which a readiness answer or a ranking row is stored (ADR 0014): which
 * ladder version it used and which evaluation code computed it. Stamps and the epoch prove the data
 * current; this proves the rules current, so a deploy that changes how an answer is computed never
 * serves an answer stored by the code before it.
 */

// What computes an answer (ADR 0024): readiness and its assessment provider (promotion cases), the
// ranking, the contributions and the write that maintains them (evidence), and every module they import,
// transitively. Hashing these and not whole folders lets a deploy that changes something else (a route,
// the accounts, the web) keep every stored answer and contribution, instead of making all of them stale.
export const EVALUATION_ROOTS = [
  'services/readiness.service.ts',
  'services/ranking.service.ts',
  'services/contributions.service.ts',
  'services/evidence.service.ts',
  'services/promotion-case.service.ts',
  'services/evaluation-key.service.ts',
];

let codeRevision: string | undefined;

/** A hash of the evaluating source files, read once per process; a fresh id when they cannot be read. */
export function evaluationCodeRevision(): string {
  codeRevision ??= hashEvaluatingSources(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
  return codeRevision;
}

// Relative module specifiers: `from '…'`, `import '…'`, `import('…')` (comments and strings that merely
// look like one only add a file to the hash, never drop one).
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

const TYPE_ONLY = /\b(?:import|export)\s+type\s[^;]*?from\s*['"][^'"]+['"]/g;

// Hashed but not followed: the connection factory opens either engine (its imports are the engines'
// plumbing); the answers are the same on both (the reference tests run on each).
const NOT_FOLLOWED = ['db/connection.ts'];

/** The files `roots` import under `srcRoot`, transitively, roots included, sorted (exported for tests). */
export function evaluatingFiles(srcRoot: string, roots: readonly string[] = EVALUATION_ROOTS): string[] {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (NOT_FOLLOWED.includes(file)) continue;
    // A type-only import is erased before the code runs: it cannot change an answer.
    const text = readFileSync(path.join(srcRoot, file), 'utf8').replace(TYPE_ONLY, '');
    for (const match of text.matchAll(SPECIFIER)) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!));
      // ESM sources import `x.js` for `x.ts`; anything else (JSON, a folder) is taken as written.
      const candidates = [resolved.replace(/\.js$/, '.ts'), resolved.replace(/\.js$/, '.tsx'), resolved];
      const found = candidates.find((candidate) => isFile(path.join(srcRoot, candidate)));
      if (found !== undefined && !found.startsWith('..')) pending.push(found);
    }
  }
  return [...seen].sort();
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** The hash of the files `roots` reach under `srcRoot` (their paths and contents; exported for tests). */
export function hashEvaluatingSources(srcRoot: string, roots: readonly string[] = EVALUATION_ROOTS): string {
  const hash = createHash('sha256');
  try {
    for (const file of evaluatingFiles(srcRoot, roots)) {
      hash.update(`${file}\0`);
      hash.update(readFileSync(path.join(srcRoot, file)));
    }
  } catch {
    // Sources unreadable (a bundled or stripped install): nothing stored by another process can be
    // proven current, so this process uses a revision no other process has.
    return `process-${randomUUID()}`;
  }
  return hash.digest('hex').slice(0, 16);
}

// A shipped file has no version id: its content identifies it (parsed once per process, so hashed once).
const shippedKeys = new WeakMap<LadderDocument, string>();

/** The key of the rules an answer used: evaluation code revision and ladder version (or file content). */
export function evaluationKeyOf(ladder: LadderUsed): string {
  const revision = evaluationCodeRevision();
  if (ladder.versionId !== null) return `${revision}/version:${ladder.versionId}`;
  let key = shippedKeys.get(ladder.document);
  if (key === undefined) {
    key = `${revision}/file:${createHash('sha256').update(JSON.stringify(ladder.document)).digest('hex')}`;
    shippedKeys.set(ladder.document, key);
  }
  return key;
}
