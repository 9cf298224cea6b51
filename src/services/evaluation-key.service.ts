import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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

// Everything that can change an answer runs from these folders (the project runs its sources: no build).
const EVALUATING_FOLDERS = ['core', 'services', 'db/repositories'];

let codeRevision: string | undefined;

/** A hash of the evaluating source files, read once per process; a fresh id when they cannot be read. */
export function evaluationCodeRevision(): string {
  codeRevision ??= hashEvaluatingSources(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
  return codeRevision;
}

/** The hash of the non-test TypeScript sources under `srcRoot`'s evaluating folders (exported for tests). */
export function hashEvaluatingSources(srcRoot: string): string {
  const hash = createHash('sha256');
  try {
    for (const folder of EVALUATING_FOLDERS) {
      const files = readdirSync(path.join(srcRoot, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .sort();
      for (const file of files) {
        hash.update(`${folder}/${file}\0`);
        hash.update(readFileSync(path.join(srcRoot, folder, file)));
      }
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
