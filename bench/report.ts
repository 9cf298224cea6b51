import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib/child.js';
import { fmt } from './lib/stats.js';
import type { BenchResult } from './run.js';

/**
 * `tsx bench/report.ts [FILE…]`: the Markdown table of results for docs/benchmarks.md. Without files,
 * the latest bench/results/<date>-<engine>.json of each engine (the large size).
 */
export function markdownTable(results: readonly BenchResult[]): string {
  const ids = [...new Set(results.flatMap((r) => r.figures.map((f) => f.id)))];
  const header = [
    'figure',
    ...results.flatMap((r) => [`${r.engine}: value`, 'floor', 'ratio']),
    'target',
    ...results.map((r) => `met (${r.engine})`),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const id of ids) {
    const figures = results.map((r) => r.figures.find((f) => f.id === id));
    const first = figures.find((f) => f !== undefined)!;
    const cells = [
      first.label.replace(/\(\d[^)]*\)/, '').trim(),
      ...figures.flatMap((f) =>
        f === undefined
          ? ['—', '—', '—']
          : [
              `${fmt(f.value)} ${f.unit}`,
              `${fmt(f.floor)} ${f.unit}`,
              f.ratio === null ? '—' : `${fmt(f.ratio)}×`,
            ],
      ),
      figures.map((f) => f?.target).find((t) => t !== null && t !== undefined) ?? '',
      ...figures.map((f) => (f?.met === null || f?.met === undefined ? '' : f.met ? 'yes' : '**no**')),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function latest(engine: string): Promise<string | undefined> {
  const dir = path.join(repoRoot, 'bench', 'results');
  const files = (await readdir(dir))
    .filter((f) => new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${engine}\\.json$`).test(f))
    .sort();
  const last = files.at(-1);
  return last === undefined ? undefined : path.join(dir, last);
}

async function main(argv: string[]): Promise<void> {
  const found = await Promise.all(['pglite', 'postgres'].map(latest));
  const files = argv.length > 0 ? argv : found.filter((f): f is string => f !== undefined);
  const results = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as BenchResult),
  );
  console.log(markdownTable(results));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
