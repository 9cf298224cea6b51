import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import {
  kindFieldNames,
  type EvidenceInput,
  type EvidenceRecord,
} from '../../core/evidence/evidence.schema.js';
import { parseEvidenceInput, problemsFromZod } from '../../core/evidence/validate-evidence.js';
import { formatMoney, parseMoney } from '../../core/money/money.js';
import type { OrganisationData, OrganisationProblem } from '../../core/roster/organisation.types.js';
import {
  clientSchema,
  currencySchema,
  levelStepSchema,
  mentorshipId,
  mentorshipSchema,
  personSchema,
  placementSchema,
} from '../../core/roster/roster.schema.js';
import { emailSchema, isoDateSchema } from '../../core/evidence/evidence.schema.js';
import {
  trackOfStep,
  withStepTracks,
  type Builder,
  type LevelStep,
  type RateStep,
} from '../../core/roster/roster.types.js';
import { neutraliseCsvCell, restoreCsvCell } from '../../core/input/csv-cell.js';
import { findUnsafeText, unsafeTextReason } from '../../core/input/safe-input.js';
import { decodeUtf8 } from '../../core/input/utf8.js';
import { DomainError } from '../../core/errors.js';
import type { ParseMessage, ParseRequest } from './parse-worker.js';

/**
 * The organisation interchange format (docs/import-format.md): CSV files with a header row and one
 * NDJSON file of evidence. This module turns file texts into an OrganisationData — remembering where
 * every entity came from so a problem can be reported as `file:line: column: problem` — and back.
 */

/** One problem in one file: `file:line: column: problem`. */
export interface FileProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

/** Formats a problem the way people and editors read it. */
export function formatFileProblem(problem: FileProblem): string {
  return `${problem.file}:${problem.line}: ${problem.column}: ${problem.message}`;
}

/**
 * The text of one file, which must be UTF-8: a byte sequence that is not would otherwise be read as
 * U+FFFD and stored silently, so it is refused with its line and column (1-based, in bytes of that line).
 */
export function decodeOrganisationFile(file: string, bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded.text;
  const problem = formatFileProblem({
    file,
    line: decoded.line,
    column: '(encoding)',
    message: `not valid UTF-8: byte ${decoded.byte} at column ${decoded.column}; save the file as UTF-8`,
  });
  throw new DomainError('import_failed', `Nothing was imported (1 problem): ${problem}`, {
    errors: [problem],
  });
}

/** Where an entity's fields came from: the file and line of the entity, and per field its file, line and column. */
interface Origin {
  file: string;
  line: number;
  /** Field path → [file, line, column] when it differs from the entity's own row or column name. */
  fields?: Map<string, [string, number, string]>;
  /** Field name → column name, for fields spelled differently in the file. */
  columns?: Record<string, string>;
}

export type OrganisationFiles = Partial<Record<OrganisationFileName, string>>;

export const ORGANISATION_FILES = [
  'people.csv',
  'builders.csv',
  'levels.csv',
  'rates.csv',
  'clients.csv',
  'placements.csv',
  'mentorships.csv',
  'evidence.ndjson',
] as const;
export type OrganisationFileName = (typeof ORGANISATION_FILES)[number];

const COLUMNS = {
  'people.csv': ['email', 'name', 'role'],
  'builders.csv': ['email', 'name', 'track', 'level', 'level_since', 'monthly_rate', 'currency'],
  'levels.csv': ['email', 'track', 'level', 'since'],
  'rates.csv': ['email', 'since', 'monthly_rate', 'currency'],
  'clients.csv': ['id', 'name'],
  'placements.csv': [
    'id',
    'builder_email',
    'client_id',
    'start',
    'end',
    'monthly_rate',
    'currency',
    'extended',
    'requested_back',
  ],
  'mentorships.csv': ['mentor_email', 'mentee_email', 'start', 'end'],
} as const satisfies Record<Exclude<OrganisationFileName, 'evidence.ndjson'>, readonly string[]>;
type CsvFile = keyof typeof COLUMNS;

/**
 * Columns a file may leave out, so files written before the column existed still import: a level step
 * without `track` is in the builder's track (ADR 0030). The export always writes them.
 */
const OPTIONAL_COLUMNS: Partial<Record<CsvFile, readonly string[]>> = { 'levels.csv': ['track'] };

const PLACEMENT_COLUMNS = { builder: 'builder_email', client: 'client_id', rate_minor: 'monthly_rate' };
const MENTORSHIP_COLUMNS = { mentor: 'mentor_email', mentee: 'mentee_email' };

/** The result of reading files: the organisation, or every problem found (then nothing should be written). */
export interface ParsedOrganisation {
  data: OrganisationData;
  problems: FileProblem[];
  /** Turns a problem found later (references, duplicates) into a file problem. */
  locate: (problem: OrganisationProblem) => FileProblem;
  /** Entities read, per file. */
  counts: Partial<Record<OrganisationFileName, number>>;
}

interface CsvRow {
  line: number;
  values: Record<string, string>;
}

function readCsv(file: CsvFile, text: string, problems: FileProblem[]): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line =
      error instanceof CsvError && typeof (error as CsvError & { lines?: number }).lines === 'number'
        ? (error as CsvError & { lines: number }).lines
        : 1;
    problems.push({ file, line, column: '(csv)', message: (error as Error).message });
    return [];
  }
  const header = records[0];
  if (header === undefined) return [];
  const expected: readonly string[] = COLUMNS[file];
  const names = header.record.map((name) => name.trim());
  for (const name of names) {
    if (!expected.includes(name))
      problems.push({
        file,
        line: 1,
        column: name,
        message: `unknown column; expected: ${expected.join(',')}`,
      });
  }
  const optional = OPTIONAL_COLUMNS[file] ?? [];
  for (const name of expected) {
    if (!names.includes(name) && !optional.includes(name))
      problems.push({ file, line: 1, column: name, message: 'missing column' });
  }
  // With a wrong header every row would repeat the same complaint: report the header alone.
  if (problems.some((p) => p.file === file && p.line === 1)) return [];
  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== names.length) {
      problems.push({
        file,
        line,
        column: '(row)',
        message: `expected ${names.length} fields, found ${record.length}`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    let storable = true;
    names.forEach((name, index) => {
      // The `'` our export puts before a formula-looking cell is taken away (see csv-cell.ts).
      const value = restoreCsvCell(record[index] ?? '');
      const unsafe = unsafeTextReason(value);
      if (unsafe !== null) {
        problems.push({ file, line, column: name, message: unsafe });
        storable = false;
      }
      values[name] = value;
    });
    if (storable) rows.push({ line, values });
  }
  return rows;
}

function zodProblems(
  file: string,
  line: number,
  input: unknown,
  error: z.ZodError,
  columns: Record<string, string> = {},
): FileProblem[] {
  return problemsFromZod(input, error).map((p) => ({
    file,
    line,
    column: columns[p.field] ?? (p.field === '' ? '(row)' : p.field),
    message: p.message,
  }));
}

/** The problem of one column whose value failed its schema (the schema's first message). */
function columnProblem(file: string, line: number, column: string, error: z.ZodError): FileProblem {
  return { file, line, column, message: error.issues[0]?.message ?? 'invalid' };
}

function parseBool(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function money(
  file: string,
  line: number,
  column: string,
  value: string,
  problems: FileProblem[],
): number | undefined {
  try {
    return parseMoney(value, column);
  } catch (error) {
    problems.push({ file, line, column, message: (error as Error).message.replace(`${column}: `, '') });
    return undefined;
  }
}

/** Reads the files of an organisation folder (texts by file name) into an OrganisationData. */
export function parseOrganisationFiles(files: OrganisationFiles): ParsedOrganisation {
  const problems: FileProblem[] = [];
  const data: OrganisationData = {
    people: [],
    builders: [],
    clients: [],
    placements: [],
    mentorships: [],
    evidence: [],
  };
  const origins: Record<keyof OrganisationData, Origin[]> = {
    people: [],
    builders: [],
    clients: [],
    placements: [],
    mentorships: [],
    evidence: [],
  };
  const counts: ParsedOrganisation['counts'] = {};

  const csv = (file: CsvFile): CsvRow[] => {
    const text = files[file];
    if (text === undefined) return [];
    const rows = readCsv(file, text, problems);
    counts[file] = rows.length;
    return rows;
  };

  for (const row of csv('people.csv')) {
    const parsed = personSchema.safeParse(row.values);
    if (!parsed.success) problems.push(...zodProblems('people.csv', row.line, row.values, parsed.error));
    else {
      data.people.push(parsed.data);
      origins.people.push({ file: 'people.csv', line: row.line });
    }
  }

  // Level and rate histories, by email, to join to builders.csv. A step's track is checked against the
  // ladder with the builder (checkBuilder); an empty or absent one is the builder's, filled in below.
  const levelRows = new Map<string, { step: LevelStep; line: number }[]>();
  for (const row of csv('levels.csv')) {
    const email = emailSchema.safeParse(row.values.email);
    const step = levelStepSchema.safeParse({ level: row.values.level, since: row.values.since });
    const track = (row.values.track ?? '').trim();
    if (!email.success)
      problems.push(
        ...zodProblems('levels.csv', row.line, row.values.email, email.error).map((p) => ({
          ...p,
          column: 'email',
        })),
      );
    if (!step.success) problems.push(...zodProblems('levels.csv', row.line, row.values, step.error));
    if (email.success && step.success)
      levelRows.set(email.data, [
        ...(levelRows.get(email.data) ?? []),
        { step: track === '' ? step.data : { ...step.data, track }, line: row.line },
      ]);
  }
  const rateRows = new Map<string, { step: RateStep; line: number }[]>();
  for (const row of csv('rates.csv')) {
    const email = emailSchema.safeParse(row.values.email);
    const since = isoDateSchema.safeParse(row.values.since);
    const currency = currencySchema.safeParse(row.values.currency);
    const rate = money('rates.csv', row.line, 'monthly_rate', row.values.monthly_rate ?? '', problems);
    if (!email.success) problems.push(columnProblem('rates.csv', row.line, 'email', email.error));
    if (!since.success) problems.push(columnProblem('rates.csv', row.line, 'since', since.error));
    if (!currency.success) problems.push(columnProblem('rates.csv', row.line, 'currency', currency.error));
    if (email.success && since.success && currency.success && rate !== undefined) {
      rateRows.set(email.data, [
        ...(rateRows.get(email.data) ?? []),
        { step: { since: since.data, rate_minor: rate, currency: currency.data }, line: row.line },
      ]);
    }
  }

  const builderRowEmails = new Set<string>();
  for (const row of csv('builders.csv')) {
    const v = row.values;
    builderRowEmails.add((v.email ?? '').trim().toLowerCase());
    const email = emailSchema.safeParse(v.email);
    const current = levelStepSchema.safeParse({ level: v.level, since: v.level_since });
    const currency = currencySchema.safeParse(v.currency);
    const rate = money('builders.csv', row.line, 'monthly_rate', v.monthly_rate ?? '', problems);
    const rowProblems: FileProblem[] = [];
    if (!email.success) rowProblems.push(columnProblem('builders.csv', row.line, 'email', email.error));
    if (!current.success)
      rowProblems.push(
        ...zodProblems('builders.csv', row.line, { level: v.level, since: v.level_since }, current.error, {
          since: 'level_since',
        }),
      );
    if (!currency.success)
      rowProblems.push(columnProblem('builders.csv', row.line, 'currency', currency.error));
    if ((v.name ?? '').trim() === '')
      rowProblems.push({ file: 'builders.csv', line: row.line, column: 'name', message: 'expected a name' });
    if ((v.track ?? '').trim() === '')
      rowProblems.push({
        file: 'builders.csv',
        line: row.line,
        column: 'track',
        message: 'expected a track id',
      });
    problems.push(...rowProblems);
    if (
      rowProblems.length > 0 ||
      !email.success ||
      !current.success ||
      !currency.success ||
      rate === undefined
    )
      continue;
    const fields = new Map<string, [string, number, string]>();
    const history = [...(levelRows.get(email.data) ?? [])].sort((a, b) =>
      byCodePoint(a.step.since, b.step.since),
    );
    const track = (v.track ?? '').trim();
    let levels: LevelStep[] = [{ ...current.data, track }];
    if (history.length > 0) {
      levels = withStepTracks(
        history.map((h) => h.step),
        track,
      );
      history.forEach((h, i) => {
        fields.set(`levels[${i}].level`, ['levels.csv', h.line, 'level']);
        fields.set(`levels[${i}].since`, ['levels.csv', h.line, 'since']);
        fields.set(`levels[${i}].track`, ['levels.csv', h.line, 'track']);
      });
      const last = history[history.length - 1]?.step;
      if (last !== undefined && (last.level !== current.data.level || last.since !== current.data.since)) {
        problems.push({
          file: 'builders.csv',
          line: row.line,
          column: 'level',
          message: `levels.csv ends with ${last.level} since ${last.since}, not ${current.data.level} since ${current.data.since}`,
        });
        continue;
      }
    } else {
      fields.set('levels[0].level', ['builders.csv', row.line, 'level']);
      fields.set('levels[0].since', ['builders.csv', row.line, 'level_since']);
      fields.set('levels[0].track', ['builders.csv', row.line, 'track']);
    }
    const rateHistory = [...(rateRows.get(email.data) ?? [])].sort((a, b) =>
      byCodePoint(a.step.since, b.step.since),
    );
    let rates: RateStep[] = [{ since: current.data.since, rate_minor: rate, currency: currency.data }];
    if (rateHistory.length > 0) {
      rates = rateHistory.map((h) => h.step);
      rateHistory.forEach((h, i) => fields.set(`rates[${i}].since`, ['rates.csv', h.line, 'since']));
      const last = rateHistory[rateHistory.length - 1]?.step;
      if (last !== undefined && (last.rate_minor !== rate || last.currency !== currency.data)) {
        problems.push({
          file: 'builders.csv',
          line: row.line,
          column: 'monthly_rate',
          message: `rates.csv ends with ${formatMoney(last.rate_minor)} ${last.currency}, not ${v.monthly_rate} ${v.currency}`,
        });
        continue;
      }
    }
    const builder: Builder = {
      email: email.data,
      name: (v.name ?? '').trim(),
      track,
      level: current.data.level,
      level_since: current.data.since,
      levels,
      rates,
    };
    data.builders.push(builder);
    origins.builders.push({ file: 'builders.csv', line: row.line, fields });
  }
  for (const [email, rows] of levelRows) {
    if (!builderRowEmails.has(email))
      for (const r of rows)
        problems.push({
          file: 'levels.csv',
          line: r.line,
          column: 'email',
          message: `${email} is not in builders.csv`,
        });
  }
  for (const [email, rows] of rateRows) {
    if (!builderRowEmails.has(email))
      for (const r of rows)
        problems.push({
          file: 'rates.csv',
          line: r.line,
          column: 'email',
          message: `${email} is not in builders.csv`,
        });
  }

  for (const row of csv('clients.csv')) {
    const parsed = clientSchema.safeParse(row.values);
    if (!parsed.success) problems.push(...zodProblems('clients.csv', row.line, row.values, parsed.error));
    else {
      data.clients.push(parsed.data);
      origins.clients.push({ file: 'clients.csv', line: row.line });
    }
  }

  for (const row of csv('placements.csv')) {
    const v = row.values;
    const rate = money('placements.csv', row.line, 'monthly_rate', v.monthly_rate ?? '', problems);
    if (rate === undefined) continue;
    const input = {
      id: v.id,
      builder: v.builder_email,
      client: v.client_id,
      start: v.start,
      end: v.end === '' ? null : v.end,
      rate_minor: rate,
      currency: v.currency,
      extended: parseBool(v.extended ?? ''),
      requested_back: parseBool(v.requested_back ?? ''),
    };
    const parsed = placementSchema.safeParse(input);
    if (!parsed.success)
      problems.push(...zodProblems('placements.csv', row.line, input, parsed.error, PLACEMENT_COLUMNS));
    else {
      data.placements.push(parsed.data);
      origins.placements.push({ file: 'placements.csv', line: row.line, columns: PLACEMENT_COLUMNS });
    }
  }

  for (const row of csv('mentorships.csv')) {
    const v = row.values;
    const input = {
      mentor: v.mentor_email,
      mentee: v.mentee_email,
      start: v.start,
      end: v.end === '' ? null : v.end,
    };
    const parsed = mentorshipSchema.safeParse(input);
    if (!parsed.success)
      problems.push(...zodProblems('mentorships.csv', row.line, input, parsed.error, MENTORSHIP_COLUMNS));
    else {
      data.mentorships.push({ id: mentorshipId(parsed.data), ...parsed.data });
      origins.mentorships.push({ file: 'mentorships.csv', line: row.line, columns: MENTORSHIP_COLUMNS });
    }
  }

  const ndjson = files['evidence.ndjson'];
  if (ndjson !== undefined) {
    let read = 0;
    ndjson
      .replace(/^\uFEFF/, '')
      .split('\n')
      .forEach((text, index) => {
        if (text.trim() === '') return;
        read += 1;
        const parsed = parseEvidenceLine(index + 1, text);
        if (!parsed.ok) problems.push(...parsed.problems);
        else {
          data.evidence.push(parsed.record);
          origins.evidence.push({ file: EVIDENCE_FILE, line: index + 1 });
        }
      });
    counts['evidence.ndjson'] = read;
  }

  const locate = (problem: OrganisationProblem): FileProblem => {
    const origin = origins[problem.collection][problem.index];
    if (origin === undefined)
      return { file: problem.collection, line: 0, column: problem.field, message: problem.message };
    const exact = origin.fields?.get(problem.field);
    if (exact !== undefined)
      return { file: exact[0], line: exact[1], column: exact[2], message: problem.message };
    const column = origin.columns?.[problem.field] ?? problem.field;
    return { file: origin.file, line: origin.line, column, message: problem.message };
  };
  return { data, problems, locate, counts };
}

// ---------------------------------------------------------------- evidence.ndjson, streamed

const EVIDENCE_FILE = 'evidence.ndjson';

/** One line of evidence.ndjson read: the record, or its problems as file problems. */
export type EvidenceLine =
  { ok: true; line: number; record: EvidenceInput } | { ok: false; line: number; problems: FileProblem[] };

/**
 * Reads one line of evidence.ndjson: JSON, then no NUL or lone surrogate anywhere (keys included), then
 * the record's shape (parseEvidenceInput, the same schema as a single write).
 */
export function parseEvidenceLine(line: number, text: string): EvidenceLine {
  const problem = (column: string, message: string): EvidenceLine => ({
    ok: false,
    line,
    problems: [{ file: EVIDENCE_FILE, line, column, message }],
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return problem('(json)', `not valid JSON: ${(error as Error).message}`);
  }
  // NUL or a lone surrogate can only reach a parsed value through a \u escape (JSON refuses raw control
  // characters, strict UTF-8 has no surrogates), so a line without one is not walked.
  const unsafe = text.includes('\\u') || text.includes('\0') ? findUnsafeText(raw) : null;
  if (unsafe !== null) return problem(unsafe.path === '' ? '(json)' : unsafe.path, unsafe.message);
  const parsed = parseEvidenceInput(raw);
  if (parsed.ok) return { ok: true, line, record: parsed.value };
  return {
    ok: false,
    line,
    problems: parsed.problems.map((p) => ({
      file: EVIDENCE_FILE,
      line,
      column: p.field === '' ? '(json)' : p.field,
      message: p.message,
    })),
  };
}

const hasBom = (bytes: Uint8Array): boolean => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** One line of a file as text, or where its first byte that is not UTF-8 is. */
type TextLine = { line: number; text: string } | { line: number; byte: string; column: number };

/** The lines of `bytes` (whole lines, LF-separated, without the last LF), decoded strictly. */
function decodeLines(bytes: Uint8Array, firstLine: number): TextLine[] {
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) {
    // decodeUtf8 drops a BOM at the start of what it is given: only the file's first line may have one.
    const text = firstLine > 1 && hasBom(bytes) ? `\uFEFF${decoded.text}` : decoded.text;
    return text.split('\n').map((line, index) => ({ line: firstLine + index, text: line }));
  }
  // Rare: a bad byte somewhere in this chunk. Line by line, so every bad line is named, with its column.
  const out: TextLine[] = [];
  let start = 0;
  for (let line = firstLine; start <= bytes.length; line += 1) {
    const found = bytes.indexOf(0x0a, start);
    const end = found === -1 ? bytes.length : found;
    const part = bytes.subarray(start, end);
    const one = decodeUtf8(part);
    if (one.ok) out.push({ line, text: line > 1 && hasBom(part) ? `\uFEFF${one.text}` : one.text });
    else out.push({ line, byte: one.byte, column: one.column });
    if (found === -1) break;
    start = end + 1;
  }
  return out;
}

/**
 * The lines of a file as they stream in, a read chunk's whole lines at a time (split on LF bytes: UTF-8
 * never has 0x0A inside a character), each chunk decoded at once.
 */
async function* textLines(file: string): AsyncGenerator<TextLine[]> {
  let rest: Buffer = Buffer.alloc(0);
  let line = 1;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const data = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    const last = data.lastIndexOf(0x0a);
    if (last === -1) {
      rest = data;
      continue;
    }
    const lines = decodeLines(data.subarray(0, last), line);
    line += lines.length;
    // Copied, so the 1 MiB chunk it came from can go.
    rest = Buffer.from(data.subarray(last + 1));
    yield lines;
  }
  if (rest.length > 0) yield decodeLines(rest, line);
}

function evidenceLineOf(text: TextLine): EvidenceLine | null {
  if ('byte' in text) {
    return {
      ok: false,
      line: text.line,
      problems: [
        {
          file: EVIDENCE_FILE,
          line: text.line,
          column: '(encoding)',
          message: `not valid UTF-8: byte ${text.byte} at column ${text.column}; save the file as UTF-8`,
        },
      ],
    };
  }
  return text.text.trim() === '' ? null : parseEvidenceLine(text.line, text.text);
}

/**
 * Streams evidence.ndjson, a read chunk's lines at a time: decoded (strict UTF-8: a bad byte is that
 * line's problem, with its column) and parsed; blank lines are skipped. Memory stays one read chunk (1
 * MiB) and its lines, whatever the file's size.
 */
export async function* streamEvidenceFile(file: string): AsyncGenerator<EvidenceLine[]> {
  for await (const lines of textLines(file)) {
    const out: EvidenceLine[] = [];
    for (const text of lines) {
      const parsed = evidenceLineOf(text);
      if (parsed !== null) out.push(parsed);
    }
    yield out;
  }
}

/**
 * The lines at `lines` (ascending) of evidence.ndjson again, for the checks that wait for the whole
 * file; every other line is skipped unparsed.
 */
export async function* rereadEvidenceLines(
  file: string,
  lines: Iterable<number>,
): AsyncGenerator<EvidenceLine[]> {
  const wanted = lines[Symbol.iterator]();
  let next = wanted.next();
  for await (const chunk of textLines(file)) {
    const out: EvidenceLine[] = [];
    for (const text of chunk) {
      if (next.done === true) break;
      if (text.line !== next.value) continue;
      next = wanted.next();
      const parsed = evidenceLineOf(text);
      if (parsed !== null) out.push(parsed);
    }
    yield out;
    if (next.done === true) return;
  }
}

/** Chunks the parse worker may read ahead of what the import has taken (each about 1 MiB of lines). */
const PARSE_WINDOW = 4;

function startParseWorker(request: ParseRequest): Worker {
  // The worker loads this TypeScript through tsx, registered inside the worker (a worker does not run
  // its parent's `--import tsx` hooks on Node 20, nor does a test runner's process have them).
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: request });
}

/**
 * The lines of evidence.ndjson as `streamEvidenceFile` gives them (or, with `lines`, as
 * `rereadEvidenceLines` does), read and parsed in a worker thread (parse-worker.ts) so that parsing
 * runs beside the import's checks and COPY instead of between them. The worker stays a few chunks ahead
 * at most; it is stopped when the caller stops reading.
 */
export async function* parseEvidenceInWorker(
  file: string,
  lines: number[] | null = null,
): AsyncGenerator<EvidenceLine[]> {
  const worker = startParseWorker({ file, lines, window: PARSE_WINDOW });
  const queue: ParseMessage[] = [];
  // Set from the worker's events (an object, so the checks below are not narrowed away).
  const state: { failure: Error | null; exited: boolean } = { failure: null, exited: false };
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: ParseMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    state.failure = error;
    notify();
  });
  worker.on('exit', () => {
    state.exited = true;
    notify();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (message === undefined) {
        if (state.failure !== null) throw state.failure;
        if (state.exited) throw new Error('the parse worker stopped before the end of evidence.ndjson');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.kind === 'end') return;
      if (message.kind === 'error') throw new Error(message.message);
      worker.postMessage('taken');
      yield message.lines;
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * How many records evidence.ndjson has, for the progress bar: its lines that are not blank, counted on
 * the raw bytes chunk by chunk (a fraction of the time parsing takes).
 */
export async function countEvidenceLines(file: string): Promise<number> {
  let count = 0;
  // Whether the current line has shown a byte other than blank space yet.
  let filled = false;
  const blank = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = 0;
    while (i < chunk.length) {
      // Past the first byte that is not blank, the rest of the line is skipped with indexOf.
      if (!filled) {
        while (i < chunk.length && blank(chunk[i])) i += 1;
        if (i < chunk.length && chunk[i] !== 0x0a) filled = true;
      }
      const end = chunk.indexOf(0x0a, i);
      if (end === -1) break;
      if (filled) count += 1;
      filled = false;
      i = end + 1;
    }
  }
  return filled ? count + 1 : count;
}

// ---------------------------------------------------------------- writing

function csvText(file: CsvFile, rows: (string | number)[][]): string {
  // Formula-looking text is written with a leading `'` (CSV injection); the import takes it away.
  return stringify([[...COLUMNS[file]], ...rows], {
    record_delimiter: '\n',
    cast: { string: neutraliseCsvCell },
  });
}

/** The NDJSON line of a stored record: common fields, then the kind's fields in their declared order. */
export function evidenceLine(record: EvidenceRecord): string {
  const out: Record<string, unknown> = {
    id: record.id,
    kind: record.kind,
    builder: record.builder,
    date: record.date,
    recorded_by: record.recorded_by,
  };
  if (record.confirmed_by !== null) out.confirmed_by = record.confirmed_by;
  if (record.supersedes !== null) out.supersedes = record.supersedes;
  const fields = record as unknown as Record<string, unknown>;
  for (const name of kindFieldNames(record.kind)) out[name] = fields[name];
  // Only a record that names competencies carries the field, so older exports stay byte for byte.
  if (record.competencies !== undefined) out.competencies = record.competencies;
  out.recorded_at = record.recorded_at;
  return JSON.stringify(out);
}

/** Code-point order: the same on every machine and engine, unlike locale collation. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The texts of every CSV file for an organisation's roster, in the canonical order (see docs). */
export function formatRosterFiles(data: Omit<OrganisationData, 'evidence'>): Record<CsvFile, string> {
  const byEmail = <T extends { email: string }>(list: T[]): T[] =>
    [...list].sort((a, b) => byCodePoint(a.email, b.email));
  const builders = byEmail(data.builders);
  return {
    'people.csv': csvText(
      'people.csv',
      byEmail(data.people).map((p) => [p.email, p.name, p.role]),
    ),
    'builders.csv': csvText(
      'builders.csv',
      builders.map((b) => {
        const rate = b.rates[b.rates.length - 1];
        return [
          b.email,
          b.name,
          b.track,
          b.level,
          b.level_since,
          rate === undefined ? '' : formatMoney(rate.rate_minor),
          rate?.currency ?? '',
        ];
      }),
    ),
    'levels.csv': csvText(
      'levels.csv',
      builders.flatMap((b) => b.levels.map((s) => [b.email, trackOfStep(s, b.track), s.level, s.since])),
    ),
    'rates.csv': csvText(
      'rates.csv',
      builders.flatMap((b) => b.rates.map((s) => [b.email, s.since, formatMoney(s.rate_minor), s.currency])),
    ),
    'clients.csv': csvText(
      'clients.csv',
      [...data.clients].sort((a, b) => byCodePoint(a.id, b.id)).map((c) => [c.id, c.name]),
    ),
    'placements.csv': csvText(
      'placements.csv',
      [...data.placements]
        .sort((a, b) => byCodePoint(a.id, b.id))
        .map((p) => [
          p.id,
          p.builder,
          p.client,
          p.start,
          p.end ?? '',
          formatMoney(p.rate_minor),
          p.currency,
          String(p.extended),
          String(p.requested_back),
        ]),
    ),
    'mentorships.csv': csvText(
      'mentorships.csv',
      [...data.mentorships]
        .sort(
          (a, b) =>
            byCodePoint(a.start, b.start) ||
            byCodePoint(a.mentor, b.mentor) ||
            byCodePoint(a.mentee, b.mentee),
        )
        .map((m) => [m.mentor, m.mentee, m.start, m.end ?? '']),
    ),
  };
}
