/**
 * Organisation sizes the benchmarks run at. `rankedBuilders` hold L4 (the level the shipped ladder ranks;
 * the issue asks for "a level of 10 000 builders"), and a quarter as many again sit at L1–L3 and L5 so
 * mentorships and the other levels exist. `records` is the whole ledger, the star builder's included.
 */
export interface BenchSize {
  name: SizeName;
  rankedBuilders: number;
  otherBuilders: number;
  records: number;
  /** Records of the one builder whose readiness is measured. */
  starRecords: number;
}

export const SIZE_NAMES = ['tiny', 'small', 'large'] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

export const SIZES: Record<SizeName, BenchSize> = {
  // For the smoke test only: every code path, seconds to run, no meaningful figure.
  tiny: { name: 'tiny', rankedBuilders: 40, otherBuilders: 12, records: 4_000, starRecords: 400 },
  small: { name: 'small', rankedBuilders: 1_000, otherBuilders: 250, records: 100_000, starRecords: 10_000 },
  large: {
    name: 'large',
    rankedBuilders: 10_000,
    otherBuilders: 2_500,
    records: 1_000_000,
    starRecords: 10_000,
  },
};

/** The day every evaluation in the benchmark is asked about. */
export const BENCH_AT = '2026-06-30';
/** The builder with `starRecords` records. */
export const STAR_EMAIL = 'star@bench.test';
/** The level ranked. */
export const RANKED_LEVEL = 'L4';

/** Parses a size name, naming the allowed ones when it is wrong. */
export function parseSize(value: string): BenchSize {
  if ((SIZE_NAMES as readonly string[]).includes(value)) return SIZES[value as SizeName];
  throw new Error(`--size: expected one of ${SIZE_NAMES.join(', ')}, got "${value}"`);
}
