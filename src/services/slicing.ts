import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long JavaScript loops on the serving thread (a level's evaluation: 10 000 builders) run in slices: after
 * each item the loop checks how long the current slice has run, and past the budget it gives the event
 * loop a turn (timers, sockets, other requests) before going on. The budget is time, not a count, so a
 * slice stays short whatever one item costs.
 */
export interface SliceOptions {
  /** The longest a slice runs before yielding, in milliseconds (0: yield after every item). */
  budgetMs?: number;
  /** The clock the budget is measured with. */
  now?: () => number;
  /** How a slice gives the event loop its turn. */
  yieldToLoop?: () => Promise<unknown>;
}

/** Slices well under the 50 ms stall limit, leaving room for what runs between them. */
export const DEFAULT_SLICE_MS = 8;

/** Runs `fn` over `items` in order, yielding to the event loop whenever a slice exceeds its budget. */
export async function forEachSliced<T>(
  items: Iterable<T>,
  fn: (item: T) => void,
  options: SliceOptions = {},
): Promise<void> {
  const budget = options.budgetMs ?? DEFAULT_SLICE_MS;
  const now = options.now ?? (() => performance.now());
  const yieldToLoop = options.yieldToLoop ?? (() => nextTurn());
  let sliceStart = now();
  for (const item of items) {
    fn(item);
    if (now() - sliceStart >= budget) {
      await yieldToLoop();
      sliceStart = now();
    }
  }
}

/** `fn` over `items`, in slices (see forEachSliced), collecting its results in order. */
export async function mapSliced<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  options: SliceOptions = {},
): Promise<R[]> {
  const out: R[] = [];
  await forEachSliced(items, (item) => out.push(fn(item)), options);
  return out;
}
