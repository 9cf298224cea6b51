/** Small statistics and formatting helpers for benchmark figures. */

/** The p-th percentile (0–100) by nearest rank of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** p50, p99 and max of a series of milliseconds, and how many there were. */
export interface Stats {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

/** p50, p99 and max of a list of milliseconds. */
export function summarise(values: readonly number[]): Stats {
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: Math.max(...values),
    n: values.length,
  };
}

/** Times `calls` sequential calls of `work` (after `warmup` untimed ones), in milliseconds each. */
export async function timeCalls(
  calls: number,
  work: () => Promise<unknown>,
  warmup = Math.min(20, calls),
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

/** A number rounded for a table: 3 significant digits below 100, whole numbers above. */
export function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

/** Renders rows as an aligned plain-text table (the first row is the header). */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
