import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `tsx bench/profile-summary.ts FILE.cpuprofile [--top N]`: where a V8 CPU profile (`--cpu-prof`, as
 * `npm run bench -- --cpu-prof DIR` writes them) spends its time: self time by area (a package, a
 * folder of src/, node internals, GC, idle) and the functions with the most self time.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The area a frame belongs to: `pkg:<name>`, `src/<folder>`, `node`, or V8's own (GC, idle, program). */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName === '' ? '(anonymous)' : `(${functionName.replace(/[()]/g, '')})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules !== null) return `pkg:${modules[1]}`;
  const src = /\/src\/([^/]+)\/(?:([^/]+)\/)?/.exec(url);
  if (src !== null)
    return src[2] !== undefined && !src[2].includes('.') ? `src/${src[1]}/${src[2]}` : `src/${src[1]}`;
  if (url.startsWith('node:')) return 'node';
  return path.basename(url);
}

/** Self time (ms) by area and by function, from a profile's samples. */
export function summariseProfile(profile: CpuProfile): {
  total_ms: number;
  areas: [string, number][];
  functions: [string, number][];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (node === undefined) return;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${url === '' ? '' : `${path.basename(url)}:${lineNumber + 1}`}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { total_ms: total, areas: sorted(areas), functions: sorted(functions) };
}

async function main(argv: string[]): Promise<void> {
  const file = argv[0];
  if (file === undefined) throw new Error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top N]');
  const topIndex = argv.indexOf('--top');
  const top = topIndex === -1 ? 15 : Number(argv[topIndex + 1]);
  const summary = summariseProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile);
  const pct = (ms: number) => `${((100 * ms) / summary.total_ms).toFixed(1).padStart(5)} %`;
  console.log(`${path.basename(file)}: ${(summary.total_ms / 1000).toFixed(1)} s sampled`);
  console.log('\nself time by area');
  for (const [area, ms] of summary.areas.slice(0, top)) console.log(`  ${pct(ms)}  ${area}`);
  console.log('\nfunctions with the most self time');
  for (const [name, ms] of summary.functions.slice(0, top)) console.log(`  ${pct(ms)}  ${name}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
