import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import type { EvidenceInput, EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import type { KnownEvidence } from '../../core/evidence/validate-evidence.js';
import {
  checkDeferredEvidence,
  checkEvidenceBatch,
  evidenceIdsOf,
  type IncomingEvidence,
  type LedgerLookups,
} from '../../core/roster/check-evidence.js';
import {
  checkOrganisation,
  type EvidenceFacts,
  type ExistingOrganisation,
  type OrganisationRoster,
} from '../../core/roster/check-organisation.js';
import type { OrganisationData, OrganisationProblem } from '../../core/roster/organisation.types.js';
import type { LadderContext } from '../../core/roster/roster.schema.js';
import type { Database, Executor } from '../../db/connection.js';
import { selectAccounts } from '../../db/repositories/accounts.repository.js';
import {
  appendEvidence,
  bulkPathOf,
  findCorrectionsOf,
  findKnownForImport,
  findStoredForImport,
  ledgerMark,
  type BulkPath,
} from '../../db/repositories/bulk-load.repository.js';
import {
  insertBuilders,
  insertMentorships,
  insertPlacements,
  isRosterEmpty,
  listAllBuilders,
  listAllClients,
  listAllMentorships,
  listAllPeople,
  listAllPlacements,
  saveBuilder,
  upsertClient,
  upsertMentorship,
  upsertPerson,
  upsertPlacement,
} from '../../db/repositories/roster.repository.js';
import { refreshImportedTableStatistics } from '../../db/repositories/planner-statistics.repository.js';
import { findDemoMark, markDemoDatabase } from '../../db/repositories/demo.repository.js';
import { recordAudit } from '../audit.service.js';
import { refuseConflictingMentorships } from '../promotion-case.service.js';
import { loadLadderContext } from '../ladder-context.service.js';
import {
  countEvidenceLines,
  decodeOrganisationFile,
  formatFileProblem,
  ORGANISATION_FILES,
  parseEvidenceInWorker,
  parseOrganisationFiles,
  rereadEvidenceLines,
  streamEvidenceFile,
  type EvidenceLine,
  type FileProblem,
  type OrganisationFiles,
} from './org-files.js';
import { IdFilter } from './id-filter.js';

export interface ImportDeps {
  db: Database;
  clock: Clock;
}

/** Progress of a long import: the phase and, while writing evidence, how many records are read. */
export interface ImportProgress {
  phase: 'checking' | 'writing roster' | 'writing evidence' | 'done';
  done: number;
  total: number;
  /** Evidence records held in memory right now (the batch being checked and the one being written). */
  held?: number;
}

export interface ImportOptions {
  /** Where the data came from, for the audit log (`demo`, a folder path). */
  source: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Turns a problem into `file:line: column: problem`; without it problems read `collection[n]: field`. */
  locate?: (problem: OrganisationProblem) => FileProblem;
  /** The ladder to check tracks, levels and module ids against; loaded from the database when absent. */
  ladder?: LadderContext;
  /** This is the invented demo organisation: the database is marked as the demo's in the same transaction. */
  demo?: boolean;
  /** Evidence records checked and written per batch (the most the import holds, twice over). */
  batchSize?: number;
  /**
   * Parse evidence.ndjson in a worker thread. By default only a file of PARSE_WORKER_BYTES or more is,
   * on a machine with a second core (a worker costs a start-up that a small file does not repay; on a
   * quiet 2-core machine it cut 86.5 s to 72.4 s for a million records, ADR 0015).
   */
  parseInWorker?: boolean;
}

/** From this size on, evidence.ndjson is parsed in a worker thread (given the cores) unless told otherwise. */
const PARSE_WORKER_BYTES = 8 << 20;
/** Cores the parse worker needs: one beside the importing thread. */
const PARSE_WORKER_CORES = 2;

type Counts = Record<'people' | 'builders' | 'clients' | 'placements' | 'mentorships' | 'evidence', number>;

/** What an import changed. Re-importing the same data gives zero created and zero updated. */
export interface ImportSummary {
  created: Counts;
  updated: Counts;
  unchanged: number;
}

const zero = (): Counts => ({
  people: 0,
  builders: 0,
  clients: 0,
  placements: 0,
  mentorships: 0,
  evidence: 0,
});

/** The `import_failed` error: every problem as one line, the first in the message. */
export function importFailed(lines: string[], total = lines.length): DomainError {
  const count = `${total} problem${total === 1 ? '' : 's'}`;
  const listed = total > lines.length ? [...lines, `… and ${total - lines.length} more problems`] : lines;
  return new DomainError('import_failed', `Nothing was imported (${count}): ${lines[0] ?? ''}`, {
    errors: listed,
  });
}

function describeProblem(problem: OrganisationProblem): string {
  return `${problem.collection}[${problem.index}]: ${problem.field}: ${problem.message}`;
}

async function loadExisting(tx: Executor): Promise<ExistingOrganisation> {
  const byKey = <T>(list: T[], key: (item: T) => string): Map<string, T> =>
    new Map(list.map((item) => [key(item), item]));
  return {
    people: byKey(await listAllPeople(tx), (p) => p.email),
    builders: byKey(await listAllBuilders(tx), (b) => b.email),
    clients: byKey(await listAllClients(tx), (c) => c.id),
    placements: byKey(await listAllPlacements(tx), (p) => p.id),
    mentorships: byKey(await listAllMentorships(tx), (m) => m.id),
    // Whom a client contact speaks for lives on their account (people.csv has no client column).
    contactClients: new Map(
      (await selectAccounts(tx)).flatMap((a) => (a.clientId === null ? [] : [[a.email, a.clientId]])),
    ),
  };
}

/** Records checked and written at a time: one statement per batch (ADR 0015, the figures behind it). */
const EVIDENCE_BATCH = 10_000;
/** Problems listed one by one; past this many, the rest are counted. */
const LISTED_PROBLEMS = 1000;
/** Refused records remembered (so records naming them get no false "unknown"); past this, forgotten. */
const REMEMBERED_REFUSALS = 10_000;

/** The message of a refused mix, saying how to start a real organisation instead. */
export const DEMO_DATABASE_REFUSAL =
  'This database holds the demo organisation (invented people; demo accounts whose password is published), so a real organisation is not imported into it. Start a real one on an empty database: a new DATABASE_URL (e.g. DATABASE_URL=file:./org-data, or a new PostgreSQL database) served with `ladder serve --no-demo` (or LADDER_DEMO=0), then `ladder import DIR` there.';

async function refuseMixingDemo(tx: Executor, loadingDemo: boolean): Promise<void> {
  const demo = (await findDemoMark(tx)) !== undefined;
  if (demo && !loadingDemo) throw new DomainError('invalid_state', DEMO_DATABASE_REFUSAL);
  if (!demo && loadingDemo && !(await isRosterEmpty(tx)))
    throw new DomainError(
      'invalid_state',
      'This database holds an organisation: the demo organisation is only loaded into an empty database.',
    );
}

// ---------------------------------------------------------------- where evidence comes from

/** One record read, or the problems of its line. */
type EvidenceEntry =
  { ok: true; position: number; record: EvidenceInput } | { ok: false; position: number; problems: string[] };

/**
 * Evidence as a stream: a file read line by line, or a list already in memory (the demo). Positions are
 * a file's line numbers or a list's indexes; `again` reads the given positions once more.
 */
interface EvidenceSource {
  total(): Promise<number>;
  /** Every entry in order, a few hundred at a time (one await per group, not per record). */
  entries(): AsyncIterable<EvidenceEntry[]>;
  again(positions: readonly number[]): AsyncIterable<EvidenceEntry[]>;
  /** How a position reads inside a message (`line 12`). */
  where(position: number): string;
  /** One problem of the record at `position` as the line people read. */
  describe(position: number, field: string, message: string): string;
}

function entryOf(line: EvidenceLine): EvidenceEntry {
  return line.ok
    ? { ok: true, position: line.line, record: line.record }
    : { ok: false, position: line.line, problems: line.problems.map(formatFileProblem) };
}

function fileSource(file: string, inWorker: boolean): EvidenceSource {
  return {
    total: () => countEvidenceLines(file),
    async *entries() {
      const lines = inWorker ? parseEvidenceInWorker(file) : streamEvidenceFile(file);
      for await (const group of lines) yield group.map(entryOf);
    },
    async *again(positions) {
      const lines = inWorker
        ? parseEvidenceInWorker(file, [...positions])
        : rereadEvidenceLines(file, positions);
      for await (const group of lines) yield group.map(entryOf);
    },
    where: (line) => `line ${line}`,
    describe: (line, field, message) =>
      formatFileProblem({ file: 'evidence.ndjson', line, column: field === '' ? '(json)' : field, message }),
  };
}

const LIST_GROUP = 1000;

function listSource(records: readonly EvidenceInput[], locate: ImportOptions['locate']): EvidenceSource {
  return {
    total: () => Promise.resolve(records.length),
    async *entries() {
      for (let start = 0; start < records.length; start += LIST_GROUP)
        yield records
          .slice(start, start + LIST_GROUP)
          .map((record, i): EvidenceEntry => ({ ok: true, position: start + i, record }));
    },
    async *again(positions) {
      for (let start = 0; start < positions.length; start += LIST_GROUP)
        yield positions.slice(start, start + LIST_GROUP).flatMap((position): EvidenceEntry[] => {
          const record = records[position];
          return record === undefined ? [] : [{ ok: true, position, record }];
        });
    },
    where: (index) => `entry ${index + 1}`,
    describe: (index, field, message) => {
      const problem: OrganisationProblem = { collection: 'evidence', index, field, message };
      return locate === undefined ? describeProblem(problem) : formatFileProblem(locate(problem));
    },
  };
}

/** Problems in the order of their records, the first LISTED_PROBLEMS kept as text, all counted. */
class ProblemList {
  private kept: { position: number; text: string }[] = [];
  count = 0;

  add(position: number, text: string): void {
    this.count += 1;
    if (this.kept.length < LISTED_PROBLEMS) this.kept.push({ position, text });
  }

  lines(): string[] {
    // Stable: problems of one record keep their order.
    return [...this.kept].sort((a, b) => a.position - b.position).map((p) => p.text);
  }
}

// ---------------------------------------------------------------- the ledger, streamed

interface EvidenceOutcome {
  written: number;
  unchanged: number;
  /** Problems of the lines themselves (JSON, shape): when there are any, only they are reported. */
  shape: ProblemList;
  /** Problems of references and rules. */
  checks: ProblemList;
}

interface EvidenceRun {
  facts: EvidenceFacts;
  /** False when the roster has problems: the records are checked, nothing is written. */
  writable: boolean;
  batchSize: number;
  recordedAt: string;
  report: (done: number, held: number) => void;
}

/**
 * What a batch's checks need from the ledger. `written` is null when the ledger held records before
 * this import (each id may be one of them: all are looked up); otherwise only the ids the filter of
 * what this import wrote may hold are looked up (a stored id can then only be this import's).
 */
async function lookupsFor(
  tx: Executor,
  batch: readonly IncomingEvidence[],
  mark: number,
  written: IdFilter | null,
): Promise<LedgerLookups> {
  const ids = new Set(batch.map((b) => b.record.id));
  const storable = written === null ? [...ids] : [...ids].filter((id) => written.mightHave(id));
  const referenced = new Set<string>();
  const targets = new Set<string>();
  for (const { record } of batch) {
    for (const id of evidenceIdsOf(record)) if (!ids.has(id)) referenced.add(id);
    if (record.supersedes !== null) targets.add(record.supersedes);
  }
  return {
    stored: await findStoredForImport(tx, storable, mark),
    known: await findKnownForImport(tx, [...referenced]),
    corrections: await findCorrectionsOf(tx, [...targets]),
  };
}

/**
 * Reads, checks and writes the ledger batch by batch inside the import's transaction. While one batch
 * is written (COPY on PostgreSQL runs in the server's process) the next one is read and parsed; its
 * look-ups wait for that write, so they see every earlier record. Records naming a record further on
 * are written and checked once everything is in (check-evidence.ts).
 */
async function importEvidence(
  tx: Executor,
  source: EvidenceSource,
  run: EvidenceRun,
): Promise<EvidenceOutcome> {
  const bulk: BulkPath = await bulkPathOf(tx);
  const mark = await ledgerMark(tx);
  // Into an empty ledger, a stored id can only be one this import wrote: the filter says which may be.
  const written = mark === 0 ? new IdFilter() : null;
  const out: EvidenceOutcome = {
    written: 0,
    unchanged: 0,
    shape: new ProblemList(),
    checks: new ProblemList(),
  };
  const refused = new Map<string, KnownEvidence>();
  const deferred: number[] = [];
  const toRecord = (input: EvidenceInput): EvidenceRecord => ({
    ...input,
    recorded_at: input.recorded_at === undefined ? run.recordedAt : new Date(input.recorded_at).toISOString(),
  });
  let batch: IncomingEvidence[] = [];
  let writing: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let read = 0;

  const flush = async (): Promise<void> => {
    const current = batch;
    batch = [];
    await writing;
    inFlight = 0;
    if (current.length === 0 || out.shape.count > 0) return;
    const lookups = await lookupsFor(tx, current, mark, written);
    const checked = checkEvidenceBatch(current, lookups, refused, run.facts, {
      writable: run.writable,
      where: (position) => source.where(position),
    });
    for (const p of checked.problems)
      out.checks.add(p.position, source.describe(p.position, p.field, p.message));
    for (const [id, known] of checked.refused) if (refused.size < REMEMBERED_REFUSALS) refused.set(id, known);
    deferred.push(...checked.deferred);
    out.unchanged += checked.unchanged;
    if (!run.writable || checked.write.length === 0) return;
    out.written += checked.write.length;
    inFlight = checked.write.length;
    if (written !== null) for (const record of checked.write) written.add(record.id);
    writing = appendEvidence(tx, checked.write.map(toRecord), bulk);
    // Awaited before the next look-up; until then a failure must not count as unhandled.
    writing.catch(() => undefined);
  };

  for await (const entries of source.entries()) {
    for (const entry of entries) {
      read += 1;
      if (!entry.ok) {
        for (const text of entry.problems) out.shape.add(entry.position, text);
      } else if (out.shape.count === 0) {
        // After a malformed line only the files' problems are reported: the rest is only parsed.
        batch.push({ position: entry.position, record: entry.record });
        if (batch.length >= run.batchSize) await flush();
      }
    }
    run.report(read, batch.length + inFlight);
  }
  await flush();
  await writing;
  run.report(read, 0);

  if (out.shape.count > 0 || deferred.length === 0) return out;
  // Every record is in now: the deferred ones are checked against the ledger as it stands.
  let again: IncomingEvidence[] = [];
  const recheck = async (): Promise<void> => {
    const referenced = new Set(again.flatMap((b) => evidenceIdsOf(b.record)));
    const known = await findKnownForImport(tx, [...referenced]);
    for (const p of checkDeferredEvidence(again, known, refused, run.facts))
      out.checks.add(p.position, source.describe(p.position, p.field, p.message));
    again = [];
  };
  for await (const entries of source.again(deferred)) {
    for (const entry of entries) {
      if (!entry.ok) continue;
      again.push({ position: entry.position, record: entry.record });
      if (again.length >= run.batchSize) await recheck();
    }
  }
  await recheck();
  return out;
}

// ---------------------------------------------------------------- the whole import

/**
 * Writes a whole organisation in one transaction: everything is checked (against itself, the database
 * and the active ladder) and any problem means nothing is written — the error lists them all. The
 * roster is checked whole; the ledger as a stream of batches (ADR 0015). Entities already stored
 * unchanged are left alone, so applying the same data twice changes nothing; roster entities that
 * differ are updated, evidence that differs is refused (the ledger is append-only).
 */
async function runImport(
  deps: ImportDeps,
  actor: Actor,
  roster: OrganisationRoster,
  rosterProblems: readonly string[],
  evidence: EvidenceSource,
  options: ImportOptions,
): Promise<ImportSummary> {
  const report = options.onProgress ?? (() => undefined);
  const total = await evidence.total();
  report({ phase: 'checking', done: 0, total });
  if (rosterProblems.length > 0) {
    // The files' own problems: the ledger is read for its own, nothing is looked up or written.
    const shape = new ProblemList();
    for await (const entries of evidence.entries())
      for (const entry of entries)
        if (!entry.ok) for (const text of entry.problems) shape.add(entry.position, text);
    throw importFailed([...rosterProblems, ...shape.lines()], rosterProblems.length + shape.count);
  }
  const ladder = options.ladder ?? (await loadLadderContext(deps));
  const summary = await deps.db.transaction(async (tx) => {
    // Demo and real data never mix: decided here, so `ladder import`, the API and the demo loader agree.
    await refuseMixingDemo(tx, options.demo === true);
    const existing = await loadExisting(tx);
    const checked = checkOrganisation(roster, existing, ladder);
    const locate = options.locate;
    const rosterRefs = checked.ok
      ? []
      : checked.problems.map((p) =>
          locate === undefined ? describeProblem(p) : formatFileProblem(locate(p)),
        );
    const created = zero();
    const updated = zero();
    const at = deps.clock.now();
    let unchanged = 0;
    if (checked.ok) {
      const plan = checked.plan;
      unchanged = plan.unchanged;
      // An imported mentorship may not tie a seated panelist to the candidate of a live case: refused with
      // its row, like the same mentorship through the API or the CLI (docs/promotion-cases.md).
      await refuseConflictingMentorships(tx, plan.mentorships, (link) => {
        const index = roster.mentorships.findIndex((m) => m.id === link.id);
        const problem = { collection: 'mentorships' as const, index, field: 'mentor', message: '' };
        if (locate === undefined) return `mentorships[${index}]`;
        const where = locate(problem);
        return `${where.file}:${where.line}: ${where.column}`;
      });
      report({ phase: 'writing roster', done: 0, total });
      for (const person of plan.people) {
        if (existing.people.has(person.email)) updated.people += 1;
        else created.people += 1;
        await upsertPerson(tx, person, at);
      }
      await insertBuilders(tx, plan.newBuilders, at);
      created.builders = plan.newBuilders.length;
      for (const builder of plan.changedBuilders) await saveBuilder(tx, builder, at);
      updated.builders = plan.changedBuilders.length;
      for (const client of plan.clients) {
        if (existing.clients.has(client.id)) updated.clients += 1;
        else created.clients += 1;
        await upsertClient(tx, client);
      }
      const newPlacements = plan.placements.filter((p) => !existing.placements.has(p.id));
      await insertPlacements(tx, newPlacements);
      for (const placement of plan.placements.filter((p) => existing.placements.has(p.id)))
        await upsertPlacement(tx, placement);
      created.placements = newPlacements.length;
      updated.placements = plan.placements.length - newPlacements.length;
      const newMentorships = plan.mentorships.filter((m) => !existing.mentorships.has(m.id));
      await insertMentorships(tx, newMentorships);
      for (const mentorship of plan.mentorships.filter((m) => existing.mentorships.has(m.id)))
        await upsertMentorship(tx, mentorship);
      created.mentorships = newMentorships.length;
      updated.mentorships = plan.mentorships.length - newMentorships.length;
    }

    const ledger = await importEvidence(tx, evidence, {
      facts: checked.facts,
      writable: checked.ok,
      batchSize: options.batchSize ?? EVIDENCE_BATCH,
      recordedAt: at.toISOString(),
      report: (done, held) => report({ phase: 'writing evidence', done, total, held }),
    });
    if (ledger.shape.count > 0) throw importFailed(ledger.shape.lines(), ledger.shape.count);
    if (rosterRefs.length > 0 || ledger.checks.count > 0)
      throw importFailed([...rosterRefs, ...ledger.checks.lines()], rosterRefs.length + ledger.checks.count);
    created.evidence = ledger.written;

    const summary: ImportSummary = { created, updated, unchanged: unchanged + ledger.unchanged };
    if (options.demo === true) await markDemoDatabase(tx, at);
    // One entry for the whole import: a million-record import must not write a million audit rows.
    await recordAudit(tx, actor, {
      action: 'organisation.import',
      entity: 'organisation',
      entityId: options.source,
      after: summary,
      at,
    });
    report({ phase: 'done', done: total, total });
    return summary;
  });
  // The planner needs statistics of what was just written (PGlite has no autovacuum): see the repository.
  await refreshImportedTableStatistics(deps.db);
  return summary;
}

/**
 * Writes a whole organisation held in memory (the demo, tests) in one transaction, by the same checked
 * path as `ladder import`: any problem means nothing is written, and the error lists them all.
 */
export async function applyOrganisation(
  deps: ImportDeps,
  actor: Actor,
  data: OrganisationData,
  options: ImportOptions,
): Promise<ImportSummary> {
  const { evidence, ...roster } = data;
  return runImport(deps, actor, roster, [], listSource(evidence, options.locate), options);
}

/** An organisation folder: the CSV files' texts, and where evidence.ndjson is (it is streamed, never read whole). */
export interface OrganisationDir {
  files: OrganisationFiles;
  evidence: string | null;
}

/** Reads every CSV file of the interchange format present in `dir`, and finds evidence.ndjson (one must be). */
export async function readOrganisationDir(dir: string): Promise<OrganisationDir> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new DomainError('import_failed', `${dir}: not a readable folder`);
  }
  const files: OrganisationFiles = {};
  let evidence: string | null = null;
  for (const name of ORGANISATION_FILES) {
    const file = path.join(dir, name);
    try {
      if (name === 'evidence.ndjson') {
        if ((await stat(file)).isFile()) evidence = file;
      } else files[name] = decodeOrganisationFile(name, await readFile(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (Object.keys(files).length === 0 && evidence === null) {
    throw new DomainError('import_failed', `${dir}: none of ${ORGANISATION_FILES.join(', ')} found`);
  }
  return { files, evidence };
}

/**
 * `ladder import DIR`: reads the folder, checks every row (syntax, then references against the files
 * and the database, then the ladder) and writes everything in one transaction — or nothing, with every
 * problem as `file:line: column: problem`. evidence.ndjson is streamed: memory does not grow with it.
 */
export async function importOrganisation(
  deps: ImportDeps,
  actor: Actor,
  dir: string,
  options: Omit<ImportOptions, 'source' | 'locate'> = {},
): Promise<ImportSummary> {
  const folder = await readOrganisationDir(dir);
  const parsed = parseOrganisationFiles(folder.files);
  const inWorker =
    options.parseInWorker ??
    (availableParallelism() >= PARSE_WORKER_CORES &&
      folder.evidence !== null &&
      (await stat(folder.evidence)).size >= PARSE_WORKER_BYTES);
  const evidence =
    folder.evidence === null ? listSource([], undefined) : fileSource(folder.evidence, inWorker);
  return runImport(deps, actor, parsed.data, parsed.problems.map(formatFileProblem), evidence, {
    ...options,
    source: path.resolve(dir),
    locate: parsed.locate,
  });
}
