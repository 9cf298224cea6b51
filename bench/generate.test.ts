import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceInputSchema } from '../src/core/evidence/evidence.schema.js';
import { generateOrganisation, type GeneratedOrganisation } from './generate.js';
import { SIZES, STAR_EMAIL } from './sizes.js';

const FILES = [
  'people.csv',
  'builders.csv',
  'levels.csv',
  'clients.csv',
  'placements.csv',
  'mentorships.csv',
  'evidence.ndjson',
];

describe('bench generator', () => {
  let root: string;
  let first: GeneratedOrganisation;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ladder-bench-gen-'));
    first = await generateOrganisation(SIZES.tiny, path.join(root, 'a'), { seed: 7 });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes exactly the requested records, the star builder holding its share', async () => {
    const lines = (await readFile(path.join(first.dir, 'evidence.ndjson'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(SIZES.tiny.records);
    const star = lines.filter((line) => (JSON.parse(line) as { builder: string }).builder === STAR_EMAIL);
    expect(star).toHaveLength(SIZES.tiny.starRecords);
    expect(first.builders).toBe(SIZES.tiny.rankedBuilders + SIZES.tiny.otherBuilders);
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const again = await generateOrganisation(SIZES.tiny, path.join(root, 'b'), { seed: 7 });
    const other = await generateOrganisation(SIZES.tiny, path.join(root, 'c'), { seed: 8 });
    for (const file of FILES) {
      expect(await readFile(path.join(again.dir, file), 'utf8'), file).toBe(
        await readFile(path.join(first.dir, file), 'utf8'),
      );
    }
    expect(await readFile(path.join(other.dir, 'evidence.ndjson'), 'utf8')).not.toBe(
      await readFile(path.join(first.dir, 'evidence.ndjson'), 'utf8'),
    );
  });

  it('writes records the ledger accepts: valid shapes, references to earlier records of the same builder', async () => {
    const lines = (await readFile(path.join(first.dir, 'evidence.ndjson'), 'utf8')).trim().split('\n');
    const seen = new Map<string, { kind: string; builder: string }>();
    const corrected = new Set<string>();
    for (const [index, line] of lines.entries()) {
      const parsed = evidenceInputSchema.safeParse(JSON.parse(line));
      expect(parsed.success, `line ${index + 1}: ${parsed.error?.message ?? ''}`).toBe(true);
      const record = parsed.data!;
      const refs: [string, string | null][] = [];
      if (record.kind === 'retro') refs.push([record.feature_id, 'feature']);
      if (record.kind === 'review_citation') refs.push([record.review_id, 'code_review']);
      if (record.kind === 'self_evaluation') for (const id of record.evidence_ids) refs.push([id, null]);
      if (record.supersedes !== null) {
        refs.push([record.supersedes, record.kind]);
        expect(corrected.has(record.supersedes), `line ${index + 1} corrects a corrected record`).toBe(false);
        corrected.add(record.supersedes);
      }
      for (const [id, kind] of refs) {
        const target = seen.get(id);
        expect(target, `line ${index + 1} references ${id}`).toBeDefined();
        expect(target!.builder).toBe(record.builder);
        if (kind !== null) expect(target!.kind).toBe(kind);
      }
      seen.set(record.id, { kind: record.kind, builder: record.builder });
    }
  });
});
