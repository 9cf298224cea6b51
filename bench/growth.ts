import type { BenchResult } from './run.js';

/**
 * How a figure grows with the ledger: from a smaller run to a larger one of the same engine, the factor
 * per 10× records, (large ÷ small) ^ (1 ÷ log10(records ratio)). 1× is flat (the cost does not depend
 * on the ledger's size), 10× is linear, 3.16× grows with the square root. A rate (rows/s, req/s) that
 * falls as the ledger grows shows a factor below 1.
 */
export interface GrowthRow {
  id: string;
  label: string;
  unit: string;
  small: number | null;
  large: number | null;
  /** null when either value is missing or not positive (a factor of 0 means nothing). */
  per_10x: number | null;
}

/** What a larger run carries about its growth: the smaller run it was compared with, and the rows. */
export interface Growth {
  small: { size: string; records: number; commit: string | null; started_at: string; file?: string };
  large: { size: string; records: number };
  /** Why the comparison is weaker than it looks (e.g. not the same commit). */
  caveat?: string;
  rows: GrowthRow[];
}

/** The factor per 10× records of one figure; null when it cannot be computed. */
export function perTenfold(
  small: number | null | undefined,
  large: number | null | undefined,
  smallRecords: number,
  largeRecords: number,
): number | null {
  if (small == null || large == null || small <= 0 || large <= 0 || largeRecords <= smallRecords) return null;
  return (large / small) ** (1 / Math.log10(largeRecords / smallRecords));
}

/**
 * Every figure of `large` with the same figure of `small` and its factor per 10× records (equality
 * counts are left out: they count answers, not cost). Refuses runs of different engines.
 */
export function growthBetween(small: BenchResult, large: BenchResult, file?: string): Growth {
  if (small.engine !== large.engine)
    throw new Error(`growth: ${small.engine} and ${large.engine} are different engines`);
  const rows: GrowthRow[] = [];
  for (const figure of large.figures) {
    if (figure.id.startsWith('equality.')) continue;
    const before = small.figures.find((f) => f.id === figure.id);
    rows.push({
      id: figure.id,
      label: figure.label,
      unit: figure.unit,
      small: before?.value ?? null,
      large: figure.value,
      per_10x: perTenfold(before?.value, figure.value, small.size.records, large.size.records),
    });
  }
  const sameCommit = small.commit !== null && small.commit === large.commit;
  return {
    small: {
      size: small.size.name,
      records: small.size.records,
      commit: small.commit,
      started_at: small.started_at,
      ...(file === undefined ? {} : { file }),
    },
    large: { size: large.size.name, records: large.size.records },
    ...(sameCommit
      ? {}
      : {
          caveat: `the ${small.size.name} run measured commit ${small.commit?.slice(0, 7) ?? '?'}, the ${large.size.name} run ${large.commit?.slice(0, 7) ?? '?'}`,
        }),
    rows,
  };
}
