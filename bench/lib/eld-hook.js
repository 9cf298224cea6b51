import { monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';

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
