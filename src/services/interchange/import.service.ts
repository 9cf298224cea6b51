import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import type { EvidenceInput, EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import { checkOrganisation, type ExistingOrganisation } from '../../core/roster/check-organisation.js';
import type { OrganisationData, OrganisationProblem } from '../../core/roster/organisation.types.js';
import type { LadderContext } from '../../core/roster/roster.schema.js';
import type { Database, Executor } from '../../db/connection.js';
import { selectAccounts } from '../../db/repositories/accounts.repository.js';
import {
  countEvidence,
  findEvidenceByIds,
  findKnownEvidence,
  insertEvidence,
} from '../../db/repositories/evidence.repository.js';
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
import { referencedEvidenceIds } from '../evidence.service.js';
import { loadLadderContext } from '../ladder-context.service.js';
import {
  decodeOrganisationFile,
  formatFileProblem,
  ORGANISATION_FILES,
  parseOrganisationFiles,
  type FileProblem,
  type OrganisationFiles,
} from './org-files.js';

export interface ImportDeps {
  db: Database;
  clock: Clock;
}

/** Progress of a long import: the phase and, while writing evidence, how many records are written. */
export interface ImportProgress {
  phase: 'checking' | 'writing roster' | 'writing evidence' | 'done';
  done: number;
  total: number;
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
}

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
export function importFailed(lines: string[]): DomainError {
  const count = `${lines.length} problem${lines.length === 1 ? '' : 's'}`;
  return new DomainError('import_failed', `Nothing was imported (${count}): ${lines[0] ?? ''}`, {
    errors: lines,
  });
}

function describeProblem(problem: OrganisationProblem): string {
  return `${problem.collection}[${problem.index}]: ${problem.field}: ${problem.message}`;
}

async function loadExisting(tx: Executor, data: OrganisationData): Promise<ExistingOrganisation> {
  const byKey = <T>(list: T[], key: (item: T) => string): Map<string, T> =>
    new Map(list.map((item) => [key(item), item]));
  const ledgerEmpty = (await countEvidence(tx)) === 0;
  let evidence = new Map<string, EvidenceRecord>();
  let referencedEvidence = new Map<
    string,
    ReturnType<typeof Object>
  >() as ExistingOrganisation['referencedEvidence'];
  if (!ledgerEmpty) {
    evidence = byKey(
      await findEvidenceByIds(
        tx,
        data.evidence.map((r) => r.id),
      ),
      (r) => r.id,
    );
    const referenced = new Set<string>();
    for (const record of data.evidence) for (const id of referencedEvidenceIds(record)) referenced.add(id);
    referencedEvidence = await findKnownEvidence(tx, [...referenced]);
  }
  return {
    people: byKey(await listAllPeople(tx), (p) => p.email),
    builders: byKey(await listAllBuilders(tx), (b) => b.email),
    clients: byKey(await listAllClients(tx), (c) => c.id),
    placements: byKey(await listAllPlacements(tx), (p) => p.id),
    mentorships: byKey(await listAllMentorships(tx), (m) => m.id),
    evidence,
    referencedEvidence,
    // Whom a client contact speaks for lives on their account (people.csv has no client column).
    contactClients: new Map(
      (await selectAccounts(tx)).flatMap((a) => (a.clientId === null ? [] : [[a.email, a.clientId]])),
    ),
  };
}

const EVIDENCE_BATCH = 2000;

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

/**
 * Writes a whole organisation in one transaction: everything is checked first (against itself, the
 * database and the active ladder) and any problem means nothing is written — the error lists them all.
 * Entities already stored unchanged are left alone, so applying the same data twice changes nothing;
 * roster entities that differ are updated, evidence that differs is refused (the ledger is append-only).
 */
export async function applyOrganisation(
  deps: ImportDeps,
  actor: Actor,
  data: OrganisationData,
  options: ImportOptions,
): Promise<ImportSummary> {
  const report = options.onProgress ?? (() => undefined);
  const ladder = options.ladder ?? (await loadLadderContext(deps));
  report({ phase: 'checking', done: 0, total: data.evidence.length });
  const summary = await deps.db.transaction(async (tx) => {
    // Demo and real data never mix: decided here, so `ladder import`, the API and the demo loader agree.
    await refuseMixingDemo(tx, options.demo === true);
    const existing = await loadExisting(tx, data);
    const checked = checkOrganisation(data, existing, ladder);
    if (!checked.ok) {
      const locate = options.locate;
      throw importFailed(
        checked.problems.map((p) =>
          locate === undefined ? describeProblem(p) : formatFileProblem(locate(p)),
        ),
      );
    }
    const plan = checked.plan;
    // An imported mentorship may not tie a seated panelist to the candidate of a live case: refused with
    // its row, like the same mentorship through the API or the CLI (docs/promotion-cases.md).
    await refuseConflictingMentorships(tx, plan.mentorships, (link) => {
      const index = data.mentorships.findIndex((m) => m.id === link.id);
      const problem = { collection: 'mentorships' as const, index, field: 'mentor', message: '' };
      if (options.locate === undefined) return `mentorships[${index}]`;
      const at = options.locate(problem);
      return `${at.file}:${at.line}: ${at.column}`;
    });
    const created = zero();
    const updated = zero();
    const at = deps.clock.now();
    report({ phase: 'writing roster', done: 0, total: plan.evidence.length });

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

    const recordedAt = at.toISOString();
    const toRecord = (input: EvidenceInput): EvidenceRecord => ({
      ...input,
      recorded_at: input.recorded_at === undefined ? recordedAt : new Date(input.recorded_at).toISOString(),
    });
    for (let i = 0; i < plan.evidence.length; i += EVIDENCE_BATCH) {
      await insertEvidence(tx, plan.evidence.slice(i, i + EVIDENCE_BATCH).map(toRecord));
      report({
        phase: 'writing evidence',
        done: Math.min(i + EVIDENCE_BATCH, plan.evidence.length),
        total: plan.evidence.length,
      });
    }
    created.evidence = plan.evidence.length;

    const summary: ImportSummary = { created, updated, unchanged: plan.unchanged };
    if (options.demo === true) await markDemoDatabase(tx, at);
    // One entry for the whole import: a million-record import must not write a million audit rows.
    await recordAudit(tx, actor, {
      action: 'organisation.import',
      entity: 'organisation',
      entityId: options.source,
      after: summary,
      at,
    });
    report({ phase: 'done', done: plan.evidence.length, total: plan.evidence.length });
    return summary;
  });
  // The planner needs statistics of what was just written (PGlite has no autovacuum): see the repository.
  await refreshImportedTableStatistics(deps.db);
  return summary;
}

/** Reads every file of the interchange format present in `dir` (at least one must be). */
export async function readOrganisationDir(dir: string): Promise<OrganisationFiles> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new DomainError('import_failed', `${dir}: not a readable folder`);
  }
  const files: OrganisationFiles = {};
  for (const name of ORGANISATION_FILES) {
    try {
      files[name] = decodeOrganisationFile(name, await readFile(path.join(dir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (Object.keys(files).length === 0) {
    throw new DomainError('import_failed', `${dir}: none of ${ORGANISATION_FILES.join(', ')} found`);
  }
  return files;
}

/**
 * `ladder import DIR`: reads the folder, checks every row (syntax, then references against the files
 * and the database, then the ladder) and writes everything in one transaction — or nothing, with every
 * problem as `file:line: column: problem`.
 */
export async function importOrganisation(
  deps: ImportDeps,
  actor: Actor,
  dir: string,
  options: Omit<ImportOptions, 'source' | 'locate'> = {},
): Promise<ImportSummary> {
  const files = await readOrganisationDir(dir);
  const parsed = parseOrganisationFiles(files);
  if (parsed.problems.length > 0) throw importFailed(parsed.problems.map(formatFileProblem));
  return applyOrganisation(deps, actor, parsed.data, {
    ...options,
    source: path.resolve(dir),
    locate: parsed.locate,
  });
}
