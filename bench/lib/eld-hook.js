import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';
import { setInterval } from 'node:timers';

// Loaded with `node --import` into the real `ladder serve` process the benchmark starts: it only
// observes. Between the runner's `eld-start` and `eld-stop` (over the IPC channel) it measures the main
// thread's event-loop delay (monitorEventLoopDelay, 10 ms resolution: the longest stall is what the
// issue's ≤ 50 ms target is about) and answers with it and the process's peak RSS so far.
if (process.send !== undefined) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
  process.on('message', (raw) => {
    const message = /** @type {{ type?: string }} */ (raw);
    if (message.type === 'eld-start') {
      delay.reset();
      delay.enable();
      process.send?.({ type: 'eld-started' });
    } else if (message.type === 'eld-stop') {
      delay.disable();
      process.send?.({
        type: 'eld',
        max_ms: delay.max / 1e6,
        p99_ms: delay.percentile(99) / 1e6,
        mean_ms: delay.mean / 1e6,
        peak_rss_mb: peakRssMb(),
      });
    } else if (message.type === 'rss') {
      process.send?.({ type: 'rss', peak_rss_mb: peakRssMb() });
    }
  });
  // The channel must not keep the server alive: SIGTERM stops it as it would stop without the hook.
  process.channel?.unref();
}

// BENCH_STALL_LOG=FILE: every stall of the main thread longer than 30 ms (a 5 ms timer that came late),
// as [end in µs of the monotonic clock V8's CPU profiles use, length in ms], written to FILE on exit.
// `tsx bench/stall-profile.ts PROFILE --stalls FILE` then names what ran in each (issue 15).
const stallLog = process.env.BENCH_STALL_LOG;
if (stallLog !== undefined && stallLog !== '') {
  /** @type {[number, number][]} */
  const stalls = [];
  let last = process.hrtime.bigint();
  const tick = setInterval(() => {
    const now = process.hrtime.bigint();
    const gapMs = Number(now - last) / 1e6;
    last = now;
    if (gapMs > 30) stalls.push([Number(now / 1000n), gapMs]);
  }, 5);
  tick.unref();
  process.on('exit', () => writeFileSync(stallLog, JSON.stringify(stalls)));
}
