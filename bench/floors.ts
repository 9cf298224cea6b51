import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from '../src/db/connection.js';
import { mentorshipId } from '../src/core/roster/roster.schema.js';

/**
 * The floors: the cheapest answer the database itself can give to what a benchmark measures, written by
 * hand against the tables (the application's own SQL lives in src/db/; these queries exist only to be
 * compared with it). Each runs on a raw client of either engine through `RawClient`.
 */

/** What both PGlite and a node-postgres client offer: a parameterised query returning rows. */
export interface RawClient {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** One table's rows as positional values, ready for a multi-row INSERT. */
interface TableRows {
  table: string;
  columns: string[];
  /** Casts appended to placeholders (e.g. `::jsonb`), by column index. */
  casts?: Record<number, string>;
  rows: unknown[][];
}

async function readCsv(dir: string, file: string): Promise<Record<string, string>[]> {
  const text = await readFile(path.join(dir, file), 'utf8');
  return parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true });
}

const minor = (amount: string): number => Math.round(Number(amount) * 100);
const orNull = (value: string | undefined): string | null =>
  value === undefined || value === '' ? null : value;

/**
 * The rows an import of `dir` stores in the domain tables, parsed without any validation: what a bare
 * INSERT would be handed. Builders get their `people` row, their level history and one rate step.
 */
export async function loadOrganisationRows(dir: string): Promise<TableRows[]> {
  const createdAt = new Date('2026-06-30T00:00:00Z');
  const people = await readCsv(dir, 'people.csv');
  const builders = await readCsv(dir, 'builders.csv');
  const levels = await readCsv(dir, 'levels.csv');
  const trackOf = new Map(builders.map((b) => [b.email ?? '', b.track ?? '']));
  const clients = await readCsv(dir, 'clients.csv');
  const placements = await readCsv(dir, 'placements.csv');
  const mentorships = await readCsv(dir, 'mentorships.csv');
  const evidenceLines = (await readFile(path.join(dir, 'evidence.ndjson'), 'utf8'))
    .split('\n')
    .filter((l) => l !== '');
  const common = new Set([
    'id',
    'kind',
    'builder',
    'date',
    'recorded_by',
    'recorded_at',
    'confirmed_by',
    'supersedes',
  ]);
  const evidence = evidenceLines.map((line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) if (!common.has(key)) fields[key] = value;
    return [
      record.id,
      record.kind,
      record.builder,
      record.date,
      record.recorded_by,
      new Date(String(record.recorded_at)),
      record.confirmed_by ?? null,
      record.supersedes ?? null,
      JSON.stringify(fields),
    ];
  });
  return [
    {
      table: 'people',
      columns: ['email', 'name', 'role', 'created_at'],
      rows: [
        ...people.map((p) => [p.email, p.name, p.role, createdAt]),
        ...builders.map((b) => [b.email, b.name, 'builder', createdAt]),
      ],
    },
    { table: 'builders', columns: ['email', 'track'], rows: builders.map((b) => [b.email, b.track]) },
    {
      // Each step in its own track (ADR 0030): the file's, else the builder's, as the import does.
      table: 'builder_levels',
      columns: ['builder_email', 'level', 'track', 'since'],
      rows: levels.map((l) => [
        l.email,
        l.level,
        orNull(l.track) ?? trackOf.get(l.email ?? '') ?? '',
        l.since,
      ]),
    },
    {
      table: 'builder_rates',
      columns: ['builder_email', 'since', 'rate_minor', 'currency'],
      rows: builders.map((b) => [b.email, b.level_since, minor(b.monthly_rate!), b.currency]),
    },
    { table: 'clients', columns: ['id', 'name'], rows: clients.map((c) => [c.id, c.name]) },
    {
      table: 'placements',
      columns: [
        'id',
        'builder_email',
        'client_id',
        'start',
        'end',
        'rate_minor',
        'currency',
        'extended',
        'requested_back',
      ],
      rows: placements.map((p) => [
        p.id,
        p.builder_email,
        p.client_id,
        p.start,
        orNull(p.end),
        minor(p.monthly_rate!),
        p.currency,
        p.extended === 'true',
        p.requested_back === 'true',
      ]),
    },
    {
      table: 'mentorships',
      columns: ['id', 'mentor_email', 'mentee_email', 'start', 'end'],
      rows: mentorships.map((m) => [
        mentorshipId({ mentor: m.mentor_email!, mentee: m.mentee_email!, start: m.start! }),
        m.mentor_email,
        m.mentee_email,
        m.start,
        orNull(m.end),
      ]),
    },
    {
      table: 'evidence',
      columns: [
        'id',
        'kind',
        'builder_email',
        'date',
        'recorded_by',
        'recorded_at',
        'confirmed_by',
        'supersedes',
        'fields',
      ],
      casts: { 8: '::jsonb' },
      rows: evidence,
    },
  ];
}

/** Row count of what loadOrganisationRows returns. */
export function countRows(tables: readonly TableRows[]): number {
  return tables.reduce((sum, t) => sum + t.rows.length, 0);
}

/**
 * The import floor: every row in multi-row INSERTs of `batch` rows, in one transaction, tables in
 * foreign-key order. Returns the milliseconds the inserts took (parsing excluded).
 */
export async function insertRowsFloor(
  client: RawClient,
  tables: readonly TableRows[],
  batch = 1_000,
): Promise<number> {
  const started = performance.now();
  await client.query('begin');
  try {
    for (const table of tables) {
      const columns = table.columns.map((c) => `"${c}"`).join(', ');
      for (let offset = 0; offset < table.rows.length; offset += batch) {
        const slice = table.rows.slice(offset, offset + batch);
        const params: unknown[] = [];
        const tuples = slice.map((row) => {
          const placeholders = row.map((value, i) => {
            params.push(value);
            return `$${params.length}${table.casts?.[i] ?? ''}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        await client.query(`insert into "${table.table}" (${columns}) values ${tuples.join(', ')}`, params);
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  return performance.now() - started;
}

/** One value as a CSV field for COPY: NULL is the unquoted empty field, everything else is quoted. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** A table's rows as the CSV text COPY reads (built before the clock starts: the floor is the load). */
export function tableCsv(table: TableRows): string {
  const lines: string[] = [];
  for (const row of table.rows) lines.push(row.map(csvField).join(','));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The bulk-load floor: every row COPYed in CSV, in one transaction, tables in foreign-key order, into
 * a freshly migrated database (its triggers fire as they fire for the import: the floor loads the
 * same rows into the same schema). PostgreSQL: `COPY … FROM STDIN` through pg-copy-streams; PGlite:
 * `COPY … FROM '/dev/blob'`, its own bulk path. Returns the milliseconds the load took.
 */
export async function copyRowsFloor(handle: DatabaseHandle, tables: readonly TableRows[]): Promise<number> {
  const csv = tables.map((table) => ({ table, text: tableCsv(table) }));
  const statement = (table: TableRows, source: string): string =>
    `copy "${table.table}" (${table.columns.map((c) => `"${c}"`).join(', ')}) from ${source} with (format csv)`;
  const underlying = (handle.db as unknown as { $client: PGlite | pg.Pool }).$client;
  if (underlying instanceof pg.Pool) {
    const client = await underlying.connect();
    try {
      const started = performance.now();
      await client.query('begin');
      for (const { table, text } of csv) {
        if (text === '') continue;
        const stream = client.query(copyFrom(statement(table, 'stdin')));
        await pipeline(Readable.from(chunksOf(text)), stream);
      }
      await client.query('commit');
      return performance.now() - started;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const started = performance.now();
  await underlying.transaction(async (tx) => {
    for (const { table, text } of csv) {
      if (text === '') continue;
      await tx.query(statement(table, `'/dev/blob'`), [], { blob: new Blob([text]) });
    }
  });
  return performance.now() - started;
}

function* chunksOf(text: string, size = 1 << 20): Generator<string> {
  for (let offset = 0; offset < text.length; offset += size) yield text.slice(offset, offset + size);
}

/**
 * The readiness floor: the one query any readiness answer must at least make — the builder's records
 * visible on `at` (dated on or before it, or corrections), in ledger order — read in full.
 */
export const READINESS_FLOOR_SQL = `
  select * from evidence
  where builder_email = $1 and (date <= $2::date or supersedes is not null)
  order by date, seq`;

/**
 * The ranking floor: the L4 ranking standard's six metrics counted for every member of a level in one
 * SQL statement, with the same rules as core/evaluation (window from the level's start, corrections in
 * effect from their own date, vouching, the 14 days of check-ins, distinct citers other than the builder,
 * feedback by others and no escalation), then ranked. It handles a correction of a record directly; the
 * generator writes no chains of corrections, so that is the whole rule on its data.
 * $1 = level, $2 = at, $3 = one builder's email (the readiness floor) or null (the whole level).
 */
export const RANKING_FLOOR_SQL = `
with steps as (
  select distinct on (builder_email) builder_email as email, level, since
  from builder_levels where since <= $2::date
  order by builder_email, since desc
),
members as (select email, since from steps where level = $1 and ($3::text is null or email = $3::text)),
standing as materialized (
  select e.id, e.kind, e.builder_email, e.date, e.recorded_by, e.confirmed_by, e.recorded_at, e.fields, m.since
  from evidence e join members m on m.email = e.builder_email
  where e.date <= $2::date
    and e.kind in ('decision', 'feature', 'review_citation', 'client_feedback', 'escalation', 'checkin', 'mentee_review')
    and not exists (select 1 from evidence c where c.supersedes = e.id and c.date <= $2::date)
),
counts as (
  select s.builder_email as email,
    count(*) filter (where s.kind = 'decision' and s.date >= s.since
      and s.fields->>'type' in ('scope_change', 'feature_proposal') and s.fields->>'client_response' = 'adopted'
      and (s.recorded_by <> s.builder_email or (s.confirmed_by is not null and s.confirmed_by <> s.builder_email))) as adopted,
    count(*) filter (where s.kind = 'feature' and s.date >= s.since) as features,
    count(*) filter (where s.kind = 'feature' and s.date >= s.since
      and jsonb_array_length(s.fields->'analytics_events') > 0) as instrumented,
    count(*) filter (where s.kind = 'decision' and s.date >= s.since
      and s.fields->>'type' in ('kill', 'descope') and btrim(coalesce(s.fields->>'data', '')) <> '') as kills,
    count(distinct s.recorded_by) filter (where s.kind = 'review_citation' and s.date >= s.since
      and s.recorded_by <> s.builder_email and r.id is not null) as citers,
    count(*) filter (where s.kind = 'client_feedback' and s.date >= s.since and s.recorded_by <> s.builder_email) as feedback,
    count(*) filter (where s.kind = 'escalation' and s.date >= s.since) as escalations
  from standing s
  left join evidence r on s.kind = 'review_citation' and r.id = s.fields->>'review_id' and r.kind = 'code_review'
    and r.builder_email = s.builder_email and r.date <= $2::date
  group by s.builder_email
),
mentoring as (
  select ms.mentor_email as email, ms.mentee_email, ms.start
  from mentorships ms join members m on m.email = ms.mentor_email
  where ms.start <= $2::date and (ms.end is null or ms.end >= $2::date)
),
pairs as (
  select mg.email,
    count(*) filter (where s.kind = 'mentee_review') as reviews,
    (array_agg((s.fields->>'score')::int order by s.date, s.recorded_at, s.id) filter (where s.kind = 'mentee_review'))[1] as first_score,
    (array_agg((s.fields->>'score')::int order by s.date desc, s.recorded_at desc, s.id desc) filter (where s.kind = 'mentee_review'))[1] as last_score,
    bool_or(s.kind = 'checkin' and s.date >= $2::date - 13) as recent_checkin
  from mentoring mg
  join standing s on s.builder_email = mg.email and s.kind in ('checkin', 'mentee_review')
    and s.fields->>'mentee' = mg.mentee_email and s.date >= mg.start
  group by mg.email, mg.mentee_email
),
progressing as (select distinct email from pairs where recent_checkin and reviews >= 2 and last_score > first_score),
scored as (
  select m.email, m.since,
    (coalesce(c.adopted, 0) >= 3)::int
    + (coalesce(c.features, 0) > 0 and c.instrumented * 100 >= 100 * c.features)::int
    + (coalesce(c.kills, 0) >= 1)::int
    + (p.email is not null)::int
    + (coalesce(c.citers, 0) >= 2)::int
    + (coalesce(c.feedback, 0) >= 1 and coalesce(c.escalations, 0) = 0)::int as metrics_met
  from members m left join counts c on c.email = m.email left join progressing p on p.email = m.email
)
select email as builder, metrics_met, rank() over (order by metrics_met desc)::int as rank
from scored order by metrics_met desc, since, email`;
