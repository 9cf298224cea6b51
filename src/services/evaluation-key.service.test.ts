import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import {
  EVALUATION_ROOTS,
  evaluatingFiles,
  evaluationKeyOf,
  hashEvaluatingSources,
} from './evaluation-key.service.js';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function sourceTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ladder-revision-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const ROOTS = ['services/readiness.service.ts'];
const base = {
  'services/readiness.service.ts': [
    "import { min } from '../core/evaluation/rule.js';",
    "import type { Shape } from '../core/evaluation/shape.js';",
    "export { helper } from './helper.js';",
    'export const x: Shape = min;',
  ].join('\n'),
  'services/helper.ts': "import '../db/repositories/r.repository.js';\nexport const helper = 1;",
  'db/repositories/r.repository.ts': 'select',
  'core/evaluation/rule.ts': 'export const min = 3;',
  'core/evaluation/shape.ts': 'export type Shape = number;',
  'services/accounts.service.ts': 'export const role = 1;',
};
const revisionOf = (files: Record<string, string>) => hashEvaluatingSources(sourceTree(files), ROOTS);

test('the files an answer runs are the roots and what they import, transitively, not type-only imports', () => {
  expect(evaluatingFiles(sourceTree(base), ROOTS)).toEqual([
    'core/evaluation/rule.ts',
    'db/repositories/r.repository.ts',
    'services/helper.ts',
    'services/readiness.service.ts',
  ]);
});

test('a change to a file an answer runs changes the revision; other files and tests do not', () => {
  const revision = revisionOf(base);
  expect(revisionOf(base)).toBe(revision);
  expect(revisionOf({ ...base, 'core/evaluation/rule.ts': 'export const min = 2;' })).not.toBe(revision);
  expect(revisionOf({ ...base, 'db/repositories/r.repository.ts': 'select 1' })).not.toBe(revision);
  // A deploy that changes a route, the accounts or a type keeps every stored answer current.
  expect(revisionOf({ ...base, 'services/accounts.service.ts': 'export const role = 2;' })).toBe(revision);
  expect(revisionOf({ ...base, 'core/evaluation/shape.ts': 'export type Shape = 1;' })).toBe(revision);
  expect(revisionOf({ ...base, 'core/evaluation/rule.test.ts': 'x' })).toBe(revision);
  expect(revisionOf({ ...base, 'server/routes/r.routes.ts': 'x' })).toBe(revision);
});

test('the shipped roots reach the evaluation and not the web, routes or accounts', () => {
  const files = evaluatingFiles(path.resolve(import.meta.dirname, '..'));
  expect(files).toEqual(expect.arrayContaining([...EVALUATION_ROOTS, 'core/evaluation/readiness.ts']));
  expect(files.filter((file) => /^(web|server|cli)\/|accounts\.service/.test(file))).toEqual([]);
});

test('unreadable sources give a revision no other process shares', () => {
  const missing = path.join(tmpdir(), 'ladder-revision-missing-folder');
  const first = hashEvaluatingSources(missing);
  expect(first).toMatch(/^process-/);
  expect(hashEvaluatingSources(missing)).not.toBe(first);
});

test('the key names the ladder version or the shipped file content', () => {
  const document = { version: '2026-01-01', tracks: [] } as unknown as LadderDocument;
  const other = { version: '2026-02-01', tracks: [] } as unknown as LadderDocument;
  expect(evaluationKeyOf({ document, versionId: 7 })).not.toBe(evaluationKeyOf({ document, versionId: 8 }));
  expect(evaluationKeyOf({ document, versionId: null })).not.toBe(
    evaluationKeyOf({ document: other, versionId: null }),
  );
  expect(evaluationKeyOf({ document, versionId: null })).toBe(
    evaluationKeyOf({ document: { ...document }, versionId: null }),
  );
});
