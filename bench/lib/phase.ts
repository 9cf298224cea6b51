import type { PhaseMessage } from './child.js';

/** The phase side of the runner's IPC channel. */

/** The input the runner passed (JSON in BENCH_INPUT). */
export function phaseInput<T>(): T {
  const raw = process.env.BENCH_INPUT;
  if (raw === undefined) throw new Error('run this through bench/run.ts (BENCH_INPUT is not set)');
  return JSON.parse(raw) as T;
}

/** Sends a message to the runner. */
export function sendToRunner(message: PhaseMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('no IPC channel: run this through bench/run.ts'));
      return;
    }
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/** The peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Runs a phase body: sends its result (with this process's peak RSS) or the error, then exits. */
export function runPhaseMain(body: () => Promise<Record<string, unknown>>): void {
  body().then(
    async (result) => {
      await sendToRunner({ type: 'result', result: { ...result, peak_rss_mb: peakRssMb() } });
      process.exit(0);
    },
    async (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      await sendToRunner({ type: 'error', message }).catch(() => undefined);
      process.exit(1);
    },
  );
}

/** Waits for a message of `type` from the runner. */
export function nextFromRunner(type: string): Promise<PhaseMessage> {
  return new Promise((resolve) => {
    const listener = (raw: unknown): void => {
      const message = raw as PhaseMessage;
      if (message.type !== type) return;
      process.off('message', listener);
      resolve(message);
    };
    process.on('message', listener);
  });
}
