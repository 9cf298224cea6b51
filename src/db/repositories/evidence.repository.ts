import { and, asc, count, desc, eq, gt, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  EVIDENCE_COMMON_FIELDS,
  type EvidenceKindName,
  type EvidenceRecord,
} from '../../core/evidence/evidence.schema.js';
import type { KnownEvidence } from '../../core/evidence/validate-evidence.js';
import type { Executor } from '../connection.js';
import { evidence } from '../schema/evidence.schema.js';
import { inSequence, type Page, type PageRequest } from './roster.repository.js';

type EvidenceRow = typeof evidence.$inferSelect;

const COMMON: ReadonlySet<string> = new Set(EVIDENCE_COMMON_FIELDS);

/** A row back to the flat record every layer above uses. */
export function toEvidenceRecord(row: EvidenceRow): EvidenceRecord {
  // `fields` only ever holds a validated record's kind fields (see evidenceValues).
  const fields = row.fields as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind,
    builder: row.builderEmail,
    date: row.date,
    recorded_by: row.recordedBy,
    recorded_at: row.recordedAt.toISOString(),
    confirmed_by: row.confirmedBy,
    supersedes: row.supersedes,
    ...fields,
  } as EvidenceRecord;
}

/** The row for a record: common fields as columns, every other field into `fields`. */
function evidenceValues(record: EvidenceRecord): typeof evidence.$inferInsert {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!COMMON.has(key)) fields[key] = value;
  return {
    id: record.id,
    kind: record.kind,
    builderEmail: record.builder,
    date: record.date,
    recordedBy: record.recorded_by,
    recordedAt: new Date(record.recorded_at),
    confirmedBy: record.confirmed_by,
    supersedes: record.supersedes,
    fields,
  };
}

/**
 * Appends records to the ledger (the only write there is). Each batch travels as ONE jsonb parameter
 * unpacked by `jsonb_to_recordset`: a multi-row VALUES list would carry ten parameters per row, which
 * both engines parse far more slowly (an import of 100k records spent most of its time there).
 */
export async function insertEvidence(db: Executor, records: readonly EvidenceRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 5000) {
    const chunk = records.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    const rows = chunk.map((record) => {
      const values = evidenceValues(record);
      return {
        id: values.id,
        kind: values.kind,
        builder_email: values.builderEmail,
        date: values.date,
        recorded_by: values.recordedBy,
        recorded_at: record.recorded_at,
        confirmed_by: values.confirmedBy ?? null,
        supersedes: values.supersedes ?? null,
        fields: values.fields,
      };
    });
    await db.execute(sql`
      insert into evidence (id, kind, builder_email, date, recorded_by, recorded_at, confirmed_by, supersedes, fields)
      select id, kind, builder_email, date, recorded_by, recorded_at, confirmed_by, supersedes, fields
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        id text, kind text, builder_email text, date date, recorded_by text, recorded_at timestamptz,
        confirmed_by text, supersedes text, fields jsonb
      )`);
  }
}

/** One record by id. */
export async function findEvidence(db: Executor, id: string): Promise<EvidenceRecord | undefined> {
  const rows = await db.select().from(evidence).where(eq(evidence.id, id)).limit(1);
  return rows[0] === undefined ? undefined : toEvidenceRecord(rows[0]);
}

/** Full records for the given ids (for idempotent re-import), in batches. */
export async function findEvidenceByIds(db: Executor, ids: readonly string[]): Promise<EvidenceRecord[]> {
  const out: EvidenceRecord[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    const rows = await db.select().from(evidence).where(inArray(evidence.id, chunk));
    out.push(...rows.map(toEvidenceRecord));
  }
  return out;
}

const correction = alias(evidence, 'correction');

/** Kind, builder, date, recorder, confirmer and correction of each stored id among `ids` (for checks). */
export async function findKnownEvidence(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, KnownEvidence>> {
  const out = new Map<string, KnownEvidence>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    const rows = await db
      .select({
        id: evidence.id,
        kind: evidence.kind,
        builder: evidence.builderEmail,
        date: evidence.date,
        recordedBy: evidence.recordedBy,
        confirmedBy: evidence.confirmedBy,
        supersededBy: correction.id,
      })
      .from(evidence)
      .leftJoin(correction, eq(correction.supersedes, evidence.id))
      .where(inArray(evidence.id, chunk));
    for (const row of rows) {
      out.set(row.id, {
        kind: row.kind as EvidenceKindName,
        builder: row.builder,
        date: row.date,
        recorded_by: row.recordedBy,
        confirmed_by: row.confirmedBy,
        superseded_by: row.supersededBy,
      });
    }
  }
  return out;
}

export interface EvidenceFilter {
  builder?: string;
  kind?: EvidenceKindName;
  recordedBy?: string;
  /** Inclusive date bounds. */
  from?: string;
  to?: string;
  /** The newest first (latest date, then the latest to enter the ledger): what a screen shows. */
  newestFirst?: boolean;
}

function whereOf(filter: EvidenceFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.builder !== undefined) conditions.push(eq(evidence.builderEmail, filter.builder));
  if (filter.kind !== undefined) conditions.push(eq(evidence.kind, filter.kind));
  if (filter.recordedBy !== undefined) conditions.push(eq(evidence.recordedBy, filter.recordedBy));
  if (filter.from !== undefined) conditions.push(gte(evidence.date, filter.from));
  if (filter.to !== undefined) conditions.push(lte(evidence.date, filter.to));
  return conditions.length === 0 ? undefined : and(...conditions);
}

/** A page of records by date, then the order they entered the ledger (or both reversed: `newestFirst`). */
export async function listEvidence(
  db: Executor,
  filter: EvidenceFilter,
  page: PageRequest,
): Promise<Page<EvidenceRecord>> {
  const where = whereOf(filter);
  const [rows, totals] = await inSequence([
    db
      .select()
      .from(evidence)
      .where(where)
      .orderBy(
        ...(filter.newestFirst === true
          ? [desc(evidence.date), desc(evidence.seq)]
          : [asc(evidence.date), asc(evidence.seq)]),
      )
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(evidence).where(where),
  ]);
  return { items: rows.map(toEvidenceRecord), total: totals[0]?.n ?? 0 };
}

/** Every record of one builder (all dates, corrections included), by date then ledger order. */
export async function listEvidenceOfBuilder(db: Executor, builder: string): Promise<EvidenceRecord[]> {
  const rows = await db
    .select()
    .from(evidence)
    .where(eq(evidence.builderEmail, builder))
    .orderBy(asc(evidence.date), asc(evidence.seq));
  return rows.map(toEvidenceRecord);
}

/**
 * Walks the whole ledger in (date, id) order, `batchSize` records at a time, without holding it all in
 * memory: keyset pagination on (date, id), which the export needs for a stable byte-identical order.
 */
export async function* streamAllEvidence(db: Executor, batchSize = 5000): AsyncGenerator<EvidenceRecord[]> {
  let after: { date: string; id: string } | undefined;
  for (;;) {
    const rows: EvidenceRow[] = await db
      .select()
      .from(evidence)
      .where(after === undefined ? undefined : sqlAfter(after))
      .orderBy(asc(evidence.date), idInCodePointOrder)
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map(toEvidenceRecord);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < batchSize) return;
    after = { date: last.date, id: last.id };
  }
}

// Code-point order for ids ("C" collation): the export must not depend on the server's locale.
const idInCodePointOrder = sql`${evidence.id} collate "C"`;

function sqlAfter(after: { date: string; id: string }): SQL | undefined {
  // (date, id) > (after.date, after.id), spelled out so both engines can use the index on date.
  return or(
    gt(evidence.date, after.date),
    and(eq(evidence.date, after.date), sql`${evidence.id} collate "C" > ${after.id}`),
  );
}

/** How many records the ledger holds. */
export async function countEvidence(db: Executor): Promise<number> {
  const rows = await db.select({ n: count() }).from(evidence);
  return rows[0]?.n ?? 0;
}
