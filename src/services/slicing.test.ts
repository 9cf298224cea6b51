import { expect, it } from 'vitest';
import { forEachSliced, mapSliced } from './slicing.js';

it('gives a timer that is due its turn between slices, not after the whole loop', async () => {
  const events: string[] = [];
  setTimeout(() => events.push('timer'), 0);
  // A loop that would never yield on its own: each item spins until the clock moves.
  await forEachSliced(
    [1, 2, 3, 4, 5, 6],
    (item) => {
      const start = Date.now();
      while (Date.now() === start) {
        /* burn one millisecond so the 0 ms timer is due */
      }
      events.push(`item ${item}`);
    },
    { budgetMs: 0 },
  );
  const timerAt = events.indexOf('timer');
  expect(timerAt).toBeGreaterThan(0);
  expect(timerAt).toBeLessThan(events.length - 1);
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

it('maps in order across slices', async () => {
  expect(await mapSliced([1, 2, 3], (n) => n * 2, { budgetMs: 0 })).toEqual([2, 4, 6]);
});
