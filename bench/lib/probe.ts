/**
 * A /healthz probe: one request at a time, a new one `intervalMs` after the last answer, for as long as
 * it runs. It is a probe, not a load (on two cores a load would take the CPU the measured work needs):
 * what it reports is whether the server kept answering, and its slowest answer.
 */

export interface ProbeResult {
  answered: number;
  failed: number;
  /** The slowest answer that came back (a request that got none counts in `failed`, with its timeout). */
  slowest_ms: number;
  p99_ms: number;
  /** Answers slower than 100 ms (the bound for /healthz during heavy work). */
  over_100ms: number;
}

export interface Probe {
  stop(): Promise<ProbeResult>;
}

/** Starts probing `${base}/healthz`; each request gives up after `timeoutMs`. */
export function startProbe(base: string, intervalMs = 20, timeoutMs = 10_000): Probe {
  let running = true;
  const times: number[] = [];
  let failed = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
        if (response.status === 200) times.push(performance.now() - started);
        else failed += 1;
      } catch {
        failed += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return {
        answered: times.length,
        failed,
        slowest_ms: sorted.at(-1) ?? Number.NaN,
        p99_ms: sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN,
        over_100ms: times.filter((t) => t > 100).length,
      };
    },
  };
}
