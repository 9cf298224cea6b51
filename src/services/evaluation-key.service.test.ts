import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { evaluationKeyOf, hashEvaluatingSources } from './evaluation-key.service.js';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function sourceTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ladder-revision-'));
  roots.push(root);
  for (const folder of ['core', 'services', 'db/repositories'])
    mkdirSync(path.join(root, folder), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('a change to any evaluating source changes the revision; tests and other files do not', () => {
  const base = { 'core/evaluation/rule.ts': 'export const min = 3;', 'services/x.service.ts': 'a' };
  const revision = hashEvaluatingSources(sourceTree(base));
  expect(hashEvaluatingSources(sourceTree(base))).toBe(revision);
  expect(
    hashEvaluatingSources(sourceTree({ ...base, 'core/evaluation/rule.ts': 'export const min = 2;' })),
  ).not.toBe(revision);
  expect(
    hashEvaluatingSources(sourceTree({ ...base, 'db/repositories/r.repository.ts': 'select' })),
  ).not.toBe(revision);
  expect(hashEvaluatingSources(sourceTree({ ...base, 'core/evaluation/rule.test.ts': 'x' }))).toBe(revision);
  expect(hashEvaluatingSources(sourceTree({ ...base, 'web/page.ts': 'x' }))).toBe(revision);
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
