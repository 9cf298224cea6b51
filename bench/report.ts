import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib/child.js';
import { fmt } from './lib/stats.js';
import type { BenchResult, Figure } from './run.js';

/**
 * `tsx bench/report.ts [FILE…]`: the Markdown tables of docs/benchmarks.md. Without files: the latest
 * bench/results/<date>-<engine>.json of each engine (large) side by side, then how each figure grows
 * from the small to the large organisation (the latest …-small.json of each engine), per 10× records.
 */

/** A label without the run's own counts in it (those differ between engines and sizes). */
const shortLabel = (label: string): string => label.replace(/\s*\([^)]*\d[^)]*\)/g, '').trim();

const cell = (f: Figure | undefined): string[] =>
  f === undefined
    ? ['—', '—', '—']
    : [
        f.value === null ? '—' : `${fmt(f.value)} ${f.unit}`,
        f.floor === null ? '—' : `${fmt(f.floor)} ${f.unit}`,
        f.ratio === null ? '—' : `${fmt(f.ratio)}×`,
      ];

/** The figures of several runs side by side: value, floor and ratio per run, the target, met per run. */
export function markdownTable(results: readonly BenchResult[]): string {
  const ids = [...new Set(results.flatMap((r) => r.figures.map((f) => f.id)))];
  const header = [
    'figure',
    ...results.flatMap((r) => [`${r.engine}: value`, 'floor', 'ratio']),
    'target',
    ...results.map((r) => `met (${r.engine})`),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const notes: string[] = [];
  for (const id of ids) {
    const figures = results.map((r) => r.figures.find((f) => f.id === id));
    const first = figures.find((f) => f !== undefined)!;
    figures.forEach((f, i) => {
      if (f?.note !== undefined && f.note !== '')
        notes.push(`${shortLabel(first.label)} (${results[i]!.engine}): ${f.note}`);
    });
    const cells = [
      shortLabel(first.label),
      ...figures.flatMap(cell),
      figures.map((f) => f?.target).find((t) => t !== null && t !== undefined) ?? '',
      ...figures.map((f) => (f?.met === null || f?.met === undefined ? '' : f.met ? 'yes' : '**no**')),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

/**
 * How each figure grows from a smaller to a larger run of the same engine: the factor per 10× records
 * ((large ÷ small) ^ (1 ÷ log10(records ratio))), so 1× is flat and 10× is linear in the ledger's size.
 */
export function growthTable(pairs: readonly { small: BenchResult; large: BenchResult }[]): string {
  const ids = [...new Set(pairs.flatMap((p) => p.large.figures.map((f) => f.id)))];
  const header = [
    'figure',
    ...pairs.flatMap((p) => [
      `${p.large.engine}: ${p.small.size.name}`,
      p.large.size.name,
      'per 10× records',
    ]),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const id of ids) {
    let label = '';
    const cells = pairs.flatMap(({ small, large }) => {
      const a = small.figures.find((f) => f.id === id);
      const b = large.figures.find((f) => f.id === id);
      label ||= shortLabel((b ?? a)?.label ?? id);
      const exponent = 1 / Math.log10(large.size.records / small.size.records);
      const growth =
        a?.value == null || b?.value == null || a.value <= 0 || b.value <= 0
          ? '—'
          : `${fmt((b.value / a.value) ** exponent)}×`;
      return [
        a?.value == null ? '—' : `${fmt(a.value)} ${a.unit}`,
        b?.value == null ? '—' : `${fmt(b.value)} ${b.unit}`,
        growth,
      ];
    });
    lines.push(`| ${[label, ...cells].join(' | ')} |`);
  }
  return lines.join('\n');
}

const read = async (file: string): Promise<BenchResult> =>
  JSON.parse(await readFile(file, 'utf8')) as BenchResult;

async function latest(engine: string, size: 'large' | 'small'): Promise<string | undefined> {
  const dir = path.join(repoRoot, 'bench', 'results');
  const suffix = size === 'large' ? '' : `-${size}`;
  const files = (await readdir(dir))
    .filter((f) => new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${engine}${suffix}\\.json$`).test(f))
    .sort();
  // Newest first, and only runs of this bench (issue 15): they record the commit they measured.
  for (const file of files.reverse()) {
    const result = await read(path.join(dir, file));
    if (result.today !== undefined) return path.join(dir, file);
  }
  return undefined;
}

async function main(argv: string[]): Promise<void> {
  if (argv.length > 0) {
    console.log(markdownTable(await Promise.all(argv.map(read))));
    return;
  }
  const large: BenchResult[] = [];
  const pairs: { small: BenchResult; large: BenchResult }[] = [];
  for (const engine of ['pglite', 'postgres']) {
    const largeFile = await latest(engine, 'large');
    const smallFile = await latest(engine, 'small');
    const l = largeFile === undefined ? undefined : await read(largeFile);
    if (l !== undefined) large.push(l);
    if (l !== undefined && smallFile !== undefined) pairs.push({ small: await read(smallFile), large: l });
  }
  for (const r of large)
    console.log(
      `${r.engine}: ${path.basename((await latest(r.engine, 'large'))!)}, commit ${r.commit?.slice(0, 7) ?? '?'}, ${r.started_at ?? r.date} → ${r.finished_at ?? ''}${r.partial === undefined ? '' : ` — PARTIAL: ${r.partial}`}`,
    );
  console.log(`\n${markdownTable(large)}`);
  if (pairs.length > 0) console.log(`\n${growthTable(pairs)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
