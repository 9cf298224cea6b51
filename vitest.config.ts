import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // PGlite holds ~300 MB per open database; two workers fit this 2-core machine without thrashing.
    pool: 'forks',
    maxWorkers: 2,
    // Generous: browser and process tests take seconds each, and a loaded 2-core machine takes several times longer.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
