import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  EVIDENCE_COMMON_FIELDS,
  type EvidenceKindName,
  type EvidenceRecord,
} from '../../core/evidence/evidence.schema.js';
import type { KnownEvidence } from '../../core/evidence/validate-evidence.js';
import type { Executor } from '../connection.js';
import { insertEvidence, toEvidenceRecord } from './evidence.repository.js';

/**
 * The import's bulk path into the ledger (ADR 0015), and the batched look-ups its checks make.
 *
 * - PostgreSQL: `COPY evidence FROM STDIN` (text format) through pg-copy-streams on the transaction's
 *   own connection, one COPY per checked batch.
 * - PGlite, in process or through an owner's socket: `INSERT … SELECT FROM jsonb_to_recordset($1)`, one
 *   statement per batch. PGlite's `COPY … FROM '/dev/blob'` measured no faster (100 000 records:
 *   9 100 rows/s against 10 000 rows/s, docs/adr/0015-streaming-import.md), and COPY FROM STDIN sent to
 *   the owner's socket stalls the engine (PGlite's single-user backend waits for data the wire server
 *   can only hand it message by message), so it is never sent there.
 *
 * Both are one statement per batch, so statement-level triggers (the maintained evaluation, ADR 0014)
 * see each batch whole in their transition tables.
 */

export type BulkPath = 'copy' | 'insert-select';

const COMMON: ReadonlySet<string> = new Set(EVIDENCE_COMMON_FIELDS);

interface SessionOf {
  session?: { client?: unknown };
}

/** Rows of a raw statement: both drivers answer `{ rows }`, which drizzle types as unknown. */
async function selectRows<R>(tx: Executor, query: SQL): Promise<R[]> {
  const result: unknown = await tx.execute(query);
  return (result as { rows: R[] }).rows;
}

/** The node-postgres connection under a drizzle transaction, or null for PGlite's own driver. */
function connectionOf(tx: Executor): pg.ClientBase | null {
  const client = (tx as unknown as SessionOf).session?.client;
  return client instanceof pg.Client ? client : null;
}

/** Which bulk path this transaction's database takes: COPY only on a real PostgreSQL server. */
export async function bulkPathOf(tx: Executor): Promise<BulkPath> {
  if (connectionOf(tx) === null) return 'insert-select';
  // node-postgres also reaches PGlite, through an owner's socket: its version() says so.
  const rows = await selectRows<{ version: string }>(tx, sql`select version() as version`);
  return /PGlite/i.test(rows[0]?.version ?? '') ? 'insert-select' : 'copy';
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;

/** One COPY text-format field: backslash, tab, newline and carriage return escaped; null as \N. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  // Most values have nothing to escape: testing first spares a replace (and its string) per field.
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPED, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A record as one COPY line of (id, kind, builder_email, date, recorded_by, recorded_at, confirmed_by, supersedes, fields). */
function copyLine(record: EvidenceRecord): string {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!COMMON.has(key)) fields[key] = value;
  return [
    copyField(record.id),
    copyField(record.kind),
    copyField(record.builder),
    copyField(record.date),
    copyField(record.recorded_by),
    copyField(record.recorded_at),
    copyField(record.confirmed_by),
    copyField(record.supersedes),
    copyField(JSON.stringify(fields)),
  ].join('\t');
}

const COPY_EVIDENCE =
  'copy evidence (id, kind, builder_email, date, recorded_by, recorded_at, confirmed_by, supersedes, fields) from stdin';

/** Appends checked records to the ledger by the given bulk path, in one statement. */
export async function appendEvidence(
  tx: Executor,
  records: readonly EvidenceRecord[],
  path: BulkPath,
): Promise<void> {
  if (records.length === 0) return;
  const connection = path === 'copy' ? connectionOf(tx) : null;
  if (connection === null) {
    await insertEvidence(tx, records);
    return;
  }
  const stream = connection.query(copyFrom(COPY_EVIDENCE));
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  // Written in slices so a batch is never one huge string, each handed over without waiting for the
  // socket to drain: the server then always has the batch's next rows at hand while this process
  // parses the next batch (waiting for `drain` let it run dry between turns of the event loop). What
  // is queued is at most this batch's text. A turn of the event loop between slices sends what is queued.
  const SLICE = 500;
  try {
    for (let i = 0; i < records.length; i += SLICE) {
      let text = '';
      for (let j = i; j < Math.min(i + SLICE, records.length); j += 1) text += `${copyLine(records[j]!)}\n`;
      stream.write(text);
      await Promise.race([new Promise((resolve) => setImmediate(resolve)), done]);
    }
  } catch (error) {
    // A COPY left open keeps the connection in copy mode: the ROLLBACK that follows would wait for
    // ever. Destroying the stream sends CopyFail, so the server ends the COPY and the error surfaces.
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await done.catch(() => undefined);
    throw error;
  }
  stream.end();
  await done;
}

/** The highest ledger sequence number now: rows above it were written after this call (by this import). */
export async function ledgerMark(tx: Executor): Promise<number> {
  const rows = await selectRows<{ mark: string | number }>(
    tx,
    sql`select coalesce(max(seq), 0) as mark from evidence`,
  );
  return Number(rows[0]?.mark ?? 0);
}

/** Stored records among `ids`: those above `mark` only by id (this import wrote them), the others whole. */
export async function findStoredForImport(
  tx: Executor,
  ids: readonly string[],
  mark: number,
): Promise<Map<string, { mine: true } | { mine: false; record: EvidenceRecord }>> {
  const out = new Map<string, { mine: true } | { mine: false; record: EvidenceRecord }>();
  if (ids.length === 0) return out;
  const rows = await selectRows<{
    id: string;
    seq: string | number;
    kind: string;
    builder_email: string;
    date: string;
    recorded_by: string;
    recorded_at: string | Date;
    confirmed_by: string | null;
    supersedes: string | null;
    fields: unknown;
  }>(
    tx,
    sql`
    select id, seq, kind, builder_email, date::text as date, recorded_by, recorded_at, confirmed_by, supersedes,
      case when seq > ${mark} then null else fields end as fields
    from evidence where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
  for (const row of rows) {
    if (Number(row.seq) > mark) {
      out.set(row.id, { mine: true });
      continue;
    }
    const fields = typeof row.fields === 'string' ? (JSON.parse(row.fields) as unknown) : row.fields;
    out.set(row.id, {
      mine: false,
      record: toEvidenceRecord({
        id: row.id,
        seq: Number(row.seq),
        kind: row.kind,
        builderEmail: row.builder_email,
        date: row.date,
        recordedBy: row.recorded_by,
        recordedAt: new Date(row.recorded_at),
        confirmedBy: row.confirmed_by,
        supersedes: row.supersedes,
        fields,
      }),
    });
  }
  return out;
}

/** For each of `targets` that a stored record corrects: target id → the correcting record's id. */
export async function findCorrectionsOf(
  tx: Executor,
  targets: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (targets.length === 0) return out;
  const rows = await selectRows<{ supersedes: string; id: string }>(
    tx,
    sql`
    select supersedes, id from evidence
    where supersedes in (select jsonb_array_elements_text(${JSON.stringify(targets)}::jsonb))`,
  );
  for (const row of rows) out.set(row.supersedes, row.id);
  return out;
}

/** Kind, builder, date, people and correction of each stored id among `ids` (an import's look-up). */
export async function findKnownForImport(
  tx: Executor,
  ids: readonly string[],
): Promise<Map<string, KnownEvidence>> {
  const out = new Map<string, KnownEvidence>();
  if (ids.length === 0) return out;
  const rows = await selectRows<{
    id: string;
    kind: EvidenceKindName;
    builder_email: string;
    date: string;
    recorded_by: string;
    confirmed_by: string | null;
    superseded_by: string | null;
  }>(
    tx,
    sql`
    select e.id, e.kind, e.builder_email, e.date::text as date, e.recorded_by, e.confirmed_by,
      c.id as superseded_by
    from evidence e left join evidence c on c.supersedes = e.id
    where e.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
  for (const row of rows) {
    out.set(row.id, {
      kind: row.kind,
      builder: row.builder_email,
      date: row.date,
      recorded_by: row.recorded_by,
      confirmed_by: row.confirmed_by,
      superseded_by: row.superseded_by,
    });
  }
  return out;
}
