import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { DEFAULT_SLICE_MS, forEachSliced, mapSliced } from './slicing.js';

/**
 * The slices must give the real event loop its turn (a due timer, a socket), not only a microtask: the
 * first test fails if forEachSliced never yields, yields only a microtask (`await null`) or yields only
 * once the loop is over. The slice boundaries are decided on an injected clock, so a loaded machine
 * (items taking longer than planned) cannot make the tests pass by accident or fail by chance.
 */

/** Spins until `ms` milliseconds have passed since `from`: an item that never yields on its own. */
const spinUntil = (from: number, ms: number): void => {
  while (performance.now() - from < ms) {
    /* busy */
  }
};

it('gives a timer that is due its turn between slices (the default yield), not after the whole loop', async () => {
  const events: string[] = [];
  const scheduled = performance.now();
  setTimeout(() => events.push('timer'), 1);
  let clock = 0;
  await forEachSliced(
    [1, 2, 3, 4, 5, 6],
    (item) => {
      // The timer is due after the first item; each item is one whole slice of the injected clock.
      if (item === 1) spinUntil(scheduled, 5);
      clock += 10;
      events.push(`item ${item}`);
    },
    { budgetMs: 10, now: () => clock },
  );
  // One turn of the loop after the first slice runs the immediates first, then the due timer: the
  // timer comes after item 1 or item 2, never after the last item.
  expect(events.indexOf('timer')).toBeGreaterThanOrEqual(1);
  expect(events.indexOf('timer')).toBeLessThanOrEqual(2);
  expect(events.filter((e) => e !== 'timer')).toEqual([1, 2, 3, 4, 5, 6].map((n) => `item ${n}`));
});

it('does not yield inside a slice: a loop shorter than its budget runs in one go', async () => {
  const events: string[] = [];
  setTimeout(() => events.push('timer'), 0);
  const clock = 0;
  await forEachSliced(
    [1, 2, 3],
    (item) => {
      spinUntil(performance.now(), 2); // the timer is due after the first item: only a yield would run it
      events.push(`item ${item}`);
    },
    { budgetMs: 10, now: () => clock },
  );
  expect(events).toEqual(['item 1', 'item 2', 'item 3']);
});

it('yields exactly when a slice has used its budget, on the clock it is given', async () => {
  let clock = 0;
  const yieldsAfter: number[] = [];
  let done = 0;
  await forEachSliced(
    Array.from({ length: 7 }, (_, i) => i),
    () => {
      clock += 3; // each item "costs" 3 ms
      done += 1;
    },
    {
      budgetMs: 8,
      now: () => clock,
      yieldToLoop: () => {
        yieldsAfter.push(done);
        return Promise.resolve();
      },
    },
  );
  // 3 items reach 9 ms ≥ 8: a yield after items 3 and 6; the 7th ends the loop inside its slice.
  expect(yieldsAfter).toEqual([3, 6]);
});

it('uses DEFAULT_SLICE_MS as the budget when none is given', async () => {
  let clock = 0;
  const yieldsAfter: number[] = [];
  let done = 0;
  await forEachSliced(
    Array.from({ length: 2 * DEFAULT_SLICE_MS + 1 }, (_, i) => i),
    () => {
      clock += 1;
      done += 1;
    },
    { now: () => clock, yieldToLoop: () => Promise.resolve(yieldsAfter.push(done)) },
  );
  expect(yieldsAfter).toEqual([DEFAULT_SLICE_MS, 2 * DEFAULT_SLICE_MS]);
});

it('maps in order across slices', async () => {
  expect(await mapSliced([1, 2, 3], (n) => n * 2, { budgetMs: 0 })).toEqual([2, 4, 6]);
});
