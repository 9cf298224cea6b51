import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib/child.js';
import type { BenchResult, Figure } from './run.js';
import { BENCH_AT, parseSize } from './sizes.js';

/**
 * `tsx bench/partial-result.ts ENGINE SIZE COMMIT STARTED "WHY"`: turns the checkpoint of a run that did
 * not finish (bench/results/partial-<engine>-<size>.tmp) into a results JSON marked `partial`, so the
 * figures of the phases that did finish can be reported, labelled as such, and nothing else.
 */
async function main(argv: string[]): Promise<void> {
  const [engine, sizeName, commit, startedAt, why] = argv;
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error('ENGINE: pglite or postgres');
  if (sizeName === undefined || commit === undefined || startedAt === undefined || why === undefined)
    throw new Error('usage: tsx bench/partial-result.ts ENGINE SIZE COMMIT STARTED "WHY"');
  const size = parseSize(sizeName);
  const dir = path.join(repoRoot, 'bench', 'results');
  const tmp = path.join(dir, `partial-${engine}-${size.name}.tmp`);
  const { figures, details } = JSON.parse(await readFile(tmp, 'utf8')) as {
    figures: Figure[];
    details: Record<string, unknown>;
  };
  const date = startedAt.slice(0, 10);
  const result: BenchResult = {
    date,
    engine,
    size,
    seed: 20_260_630,
    at: BENCH_AT,
    today: date,
    commit,
    started_at: startedAt,
    finished_at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? 'unknown',
      memory_gb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    figures,
    details,
    partial: why,
  };
  const suffix = size.name === 'large' ? '' : `-${size.name}`;
  const file = path.join(dir, `${date}-${engine}${suffix}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written: ${path.relative(repoRoot, file)} (${figures.length} figures, partial)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
