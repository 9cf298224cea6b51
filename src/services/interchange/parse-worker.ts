import { parentPort, workerData } from 'node:worker_threads';
import { rereadEvidenceLines, streamEvidenceFile, type EvidenceLine } from './org-files.js';

/**
 * The worker thread that reads and parses evidence.ndjson for the import (ADR 0015, 2026-12-01
 * evening): decoding, JSON.parse and the shape check run here while the importing thread checks
 * batches and feeds COPY. It sends a read chunk's lines at a time and stays at most `window` chunks
 * ahead of what the importing thread has taken (each taken chunk is acknowledged), so memory stays a
 * few chunks whatever the file's size.
 */

/** What the importing thread asks for: the whole file, or only the given lines (ascending) again. */
export interface ParseRequest {
  file: string;
  lines: number[] | null;
  window: number;
}

/** What the worker sends: a chunk's lines, the end, or why it stopped. */
export type ParseMessage =
  { kind: 'lines'; lines: EvidenceLine[] } | { kind: 'end' } | { kind: 'error'; message: string };

async function run(port: NonNullable<typeof parentPort>, request: ParseRequest): Promise<void> {
  let ahead = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    ahead -= 1;
    wake?.();
    wake = null;
  });
  const source =
    request.lines === null
      ? streamEvidenceFile(request.file)
      : rereadEvidenceLines(request.file, request.lines);
  try {
    for await (const lines of source) {
      port.postMessage({ kind: 'lines', lines } satisfies ParseMessage);
      ahead += 1;
      while (ahead >= request.window) await new Promise<void>((resolve) => (wake = resolve));
    }
    port.postMessage({ kind: 'end' } satisfies ParseMessage);
  } catch (error) {
    port.postMessage({ kind: 'error', message: (error as Error).message } satisfies ParseMessage);
  }
  port.close();
}

if (parentPort !== null) void run(parentPort, workerData as ParseRequest);
