import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `tsx bench/stall-profile.ts FILE.cpuprofile [--stalls LOG] [--over MS] [--top N] [--show N]`: the stretches of a V8 CPU profile
 * (`--cpu-prof`) in which the thread never went idle for longer than MS milliseconds (default 50): each
 * is an event-loop stall (no timer, socket or request could run). For each stretch, its start in the
 * profile, its length, and the frames of this repository (then any frame) with the most time under them
 * in it: what to slice or move off the thread (issue 15). Prints the stretches longest first.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One stretch without an idle sample. */
export interface Stall {
  /** Milliseconds from the profile's start to the stretch's first sample. */
  start_ms: number;
  ms: number;
  /** Frames of src/ and bench/ by time under them in the stretch (inclusive), most first. */
  own: [string, number][];
  /** Any frame by self time in the stretch, most first. */
  self: [string, number][];
}

const frameName = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url === '' ? '' : `${path.basename(url)}:${lineNumber + 1}`}`.trim();
};

const isOwn = (url: string): boolean => /\/(src|bench)\//.test(url) && !url.includes('node_modules');

/** Attributes a run of samples to frames: time under each own frame, and self time. */
function attribute(
  profile: CpuProfile,
): (run: readonly { id: number; ms: number }[], start_ms: number, ms: number) => Stall {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return (run, start_ms, ms) => {
    const own = new Map<string, number>();
    const self = new Map<string, number>();
    for (const sample of run) {
      const node = byId.get(sample.id);
      if (node === undefined) continue;
      self.set(frameName(node), (self.get(frameName(node)) ?? 0) + sample.ms);
      const seen = new Set<string>();
      for (let id: number | undefined = sample.id; id !== undefined; id = parent.get(id)) {
        const frame = byId.get(id);
        if (frame === undefined || !isOwn(frame.callFrame.url)) continue;
        const name = frameName(frame);
        if (seen.has(name)) continue;
        seen.add(name);
        own.set(name, (own.get(name) ?? 0) + sample.ms);
      }
    }
    const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
    return { start_ms, ms, own: sorted(own), self: sorted(self) };
  };
}

/**
 * The stretches of `profile` with no idle sample lasting at least `overMs`, longest first. A busy
 * server also has such stretches made of many short tasks: with a stall log (eld-hook.js), use
 * stallsFromLog instead.
 */
export function findStalls(profile: CpuProfile, overMs: number): Stall[] {
  const describe = attribute(profile);
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const stalls: Stall[] = [];
  let at = 0;
  let runStart = 0;
  let run: { id: number; ms: number }[] = [];
  const close = (): void => {
    const ms = run.reduce((sum, sample) => sum + sample.ms, 0);
    if (ms >= overMs) stalls.push(describe(run, runStart, ms));
    run = [];
  };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += ms;
    if (idle.has(id)) {
      close();
      return;
    }
    if (run.length === 0) runStart = at - ms;
    run.push({ id, ms });
  });
  close();
  return stalls.sort((a, b) => b.ms - a.ms);
}

/**
 * The stalls eld-hook.js logged (BENCH_STALL_LOG: [end µs, length ms] on the profile's clock) of at
 * least `overMs`, each with the samples the profile took inside it, longest first.
 */
export function stallsFromLog(
  profile: CpuProfile,
  log: readonly [number, number][],
  overMs: number,
): Stall[] {
  const describe = attribute(profile);
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const out: Stall[] = [];
  for (const [endUs, gapMs] of log) {
    if (gapMs < overMs) continue;
    const startUs = endUs - gapMs * 1000;
    if (endUs < profile.startTime || startUs > profile.endTime) continue;
    const run: { id: number; ms: number }[] = [];
    profile.samples.forEach((id, i) => {
      const time = times[i] ?? 0;
      if (time >= startUs && time <= endUs) run.push({ id, ms: (profile.timeDeltas[i] ?? 0) / 1000 });
    });
    out.push(describe(run, (startUs - profile.startTime) / 1000, gapMs));
  }
  return out.sort((a, b) => b.ms - a.ms);
}

async function main(argv: string[]): Promise<void> {
  const file = argv[0];
  if (file === undefined)
    throw new Error('usage: tsx bench/stall-profile.ts FILE.cpuprofile [--over MS] [--top N]');
  const option = (name: string, fallback: number): number => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? fallback : Number(argv[i + 1]);
  };
  const over = option('over', 50);
  const top = option('top', 8);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const logIndex = argv.indexOf('--stalls');
  const logFile = logIndex === -1 ? undefined : argv[logIndex + 1];
  const stalls =
    logFile === undefined
      ? findStalls(profile, over)
      : stallsFromLog(profile, JSON.parse(await readFile(logFile, 'utf8')) as [number, number][], over);
  console.log(
    `${path.basename(file)}: ${stalls.length} ${logFile === undefined ? 'stretches without an idle sample' : 'logged stalls'} of ≥ ${over} ms`,
  );
  for (const stall of stalls.slice(0, option('show', 12))) {
    console.log(`\n${stall.ms.toFixed(0)} ms from ${(stall.start_ms / 1000).toFixed(2)} s`);
    for (const [name, ms] of stall.own.slice(0, top))
      console.log(`  own  ${ms.toFixed(0).padStart(5)} ms  ${name}`);
    for (const [name, ms] of stall.self.slice(0, top))
      console.log(`  self ${ms.toFixed(0).padStart(5)} ms  ${name}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
