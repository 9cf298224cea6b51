/**
 * Supersede semantics of the append-only ledger. Nothing is overwritten: a correction is a new record
 * naming the one it corrects in `supersedes`, and it takes effect from its own `date`. Evaluated at a
 * date `at`, a record is in effect when it is dated on or before `at` and no record that (directly or
 * through a chain of corrections) corrects it is dated on or before `at`. Walking the whole chain matters
 * when a later correction carries an earlier date than the one it corrects: the original must not come
 * back into effect between the two dates.
 */

interface Supersedable {
  id: string;
  date: string;
  supersedes: string | null;
}

/** Maps each corrected record id to the id of the record that corrects it. */
export function correctionIndex<T extends Supersedable>(records: readonly T[]): Map<string, T> {
  const byCorrected = new Map<string, T>();
  for (const record of records) {
    if (record.supersedes !== null) byCorrected.set(record.supersedes, record);
  }
  return byCorrected;
}

/** True when some correction of `record` (direct or down the chain) is dated on or before `at`. */
export function isSupersededAt<T extends Supersedable>(
  record: T,
  at: string,
  corrections: ReadonlyMap<string, T>,
): boolean {
  const seen = new Set<string>([record.id]);
  let next = corrections.get(record.id);
  while (next !== undefined && !seen.has(next.id)) {
    if (next.date <= at) return true;
    seen.add(next.id);
    next = corrections.get(next.id);
  }
  return false;
}

/**
 * The records in effect at `at`: dated on or before it and not corrected by then. Pass every record that
 * could correct another (all dates), so corrections dated after `at` are seen and ignored, not missed.
 */
export function recordsInEffect<T extends Supersedable>(records: readonly T[], at: string): T[] {
  const corrections = correctionIndex(records);
  // Most records are never corrected: only those that are walk the chain (a ranking reads many).
  return records.filter(
    (record) =>
      record.date <= at && (!corrections.has(record.id) || !isSupersededAt(record, at, corrections)),
  );
}
