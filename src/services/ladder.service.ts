import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeActor, type Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { conflict, DomainError, notFound } from '../core/errors.js';
import type { LadderDocument, LevelDefinition } from '../core/ladder/ladder.schema.js';
import { findLevel } from '../core/ladder/ladder-lookup.js';
import {
  exportCompetencyMatrix,
  formatMatrixProblem,
  heading,
  ladderFromMatrix,
  locateInMatrix,
  mergeMatrixIntoLadder,
  parseCompetencyMatrix,
  type MatrixProblem,
  type NewLadderNames,
} from '../core/ladder/matrix-csv.js';
import { formatProblem, validateLadderText, type LadderProblem } from '../core/ladder/validate-ladder.js';
import type { Database } from '../db/connection.js';
import { recordAudit } from './audit.service.js';
import {
  findLadderVersionInForce,
  findLatestLadderVersion,
  hasNoLadders,
  insertLadderVersion,
  listAllLadderVersions,
  listLadderVersions,
  type LadderVersionRow,
} from '../db/repositories/ladder-versions.repository.js';

export interface LadderServiceDeps {
  db: Database;
  clock: Clock;
}

/** A published version as the rest of the system sees it. */
export interface PublishedLadder {
  /** Database id: what an evaluation records as "the ladder version it used". */
  versionId: number;
  ladderId: string;
  version: string;
  name: string;
  contentHash: string;
  publishedAt: string;
  publishedBy: string;
  document: LadderDocument;
}

/** The folder of ladder files that ship with the product. */
export const shippedLaddersDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ladders');

function toPublished(row: LadderVersionRow): PublishedLadder {
  return {
    versionId: row.id,
    ladderId: row.ladderId,
    version: row.version,
    name: row.name,
    contentHash: row.contentHash,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    // Only validated documents are ever stored, so the stored JSON has the document's shape.
    document: row.document as LadderDocument,
  };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Builds the `invalid_ladder` error carrying every problem, one `file:line:column: path: message` each. */
export function invalidLadder(problems: LadderProblem[]): DomainError {
  const lines = problems.map(formatProblem);
  return new DomainError(
    'invalid_ladder',
    `The ladder is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${lines[0] ?? ''}`,
    {
      problems: problems.map((p) => ({ ...p, text: formatProblem(p) })),
    },
  );
}

export interface PublishResult {
  ladder: PublishedLadder;
  /** False when this exact version was already published (publishing is idempotent). */
  created: boolean;
}

/**
 * Validates a ladder file and stores it as a new version. An invalid file is refused with every problem
 * and nothing is written; a version must be newer than the latest published one, and re-publishing the
 * same version with the same content changes nothing.
 */
export async function publishLadder(
  deps: LadderServiceDeps,
  actor: Actor,
  input: { source: string; file?: string },
): Promise<PublishResult> {
  const result = validateLadderText(input.source, input.file ?? '<ladder>');
  if (!result.ok) throw invalidLadder(result.problems);
  const doc = result.ladder;
  const contentHash = createHash('sha256').update(input.source).digest('hex');
  const latest = await findLatestLadderVersion(deps.db, doc.ladder);
  if (latest !== undefined) {
    if (latest.version === doc.version) {
      if (latest.contentHash === contentHash) return { ladder: toPublished(latest), created: false };
      throw conflict(
        `Ladder ${doc.ladder} version ${doc.version} is already published with other content: give the new version a later effective date`,
      );
    }
    if (latest.version > doc.version) {
      throw conflict(
        `Ladder ${doc.ladder} version ${doc.version} is older than the latest published version ${latest.version}`,
      );
    }
  }
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertLadderVersion(tx, {
      ladderId: doc.ladder,
      version: doc.version,
      name: doc.name,
      document: doc,
      source: input.source,
      contentHash,
      publishedAt: deps.clock.now(),
      publishedBy: describeActor(actor),
    });
    if (inserted === undefined) {
      throw conflict(
        `Ladder ${doc.ladder} version ${doc.version} was published by someone else a moment ago`,
      );
    }
    // The audit entry names the version, not the whole document: the row itself keeps the source.
    await recordAudit(tx, actor, {
      action: 'ladder.publish',
      entity: 'ladder_version',
      entityId: inserted.id,
      after: { ladder: inserted.ladderId, version: inserted.version, content_hash: inserted.contentHash },
      at: inserted.publishedAt,
    });
    return inserted;
  });
  return { ladder: toPublished(row), created: true };
}

/** The version in force on `at` (default today): the latest effective date on or before it. */
export async function getLadderInForce(
  deps: LadderServiceDeps,
  ladderId: string,
  at?: string,
): Promise<PublishedLadder> {
  const day = at ?? isoDay(deps.clock.now());
  const row = await findLadderVersionInForce(deps.db, ladderId, day);
  if (row === undefined) {
    const any = await findLatestLadderVersion(deps.db, ladderId);
    if (any === undefined) throw notFound('Ladder', ladderId);
    throw new DomainError(
      'not_found',
      `Ladder ${ladderId} has no version in force on ${day} (the first takes effect later)`,
    );
  }
  return toPublished(row);
}

/** Every version of a ladder, oldest first. */
export async function listVersionsOfLadder(
  deps: LadderServiceDeps,
  ladderId: string,
): Promise<PublishedLadder[]> {
  const rows = await listLadderVersions(deps.db, ladderId);
  if (rows.length === 0) throw notFound('Ladder', ladderId);
  return rows.map(toPublished);
}

export interface LadderSummary {
  ladderId: string;
  name: string;
  versions: number;
  /** The version in force today, or null when every version takes effect later. */
  activeVersion: string | null;
  latestVersion: string;
}

/** Every ladder with its version in force today. */
export async function listLadders(deps: LadderServiceDeps): Promise<LadderSummary[]> {
  const today = isoDay(deps.clock.now());
  const rows = await listAllLadderVersions(deps.db);
  const byLadder = new Map<string, LadderVersionRow[]>();
  for (const row of rows) byLadder.set(row.ladderId, [...(byLadder.get(row.ladderId) ?? []), row]);
  return [...byLadder.entries()].map(([ladderId, versions]) => {
    const inForce = versions.filter((v) => v.version <= today).at(-1);
    const latest = versions.at(-1);
    return {
      ladderId,
      name: (inForce ?? latest)?.name ?? ladderId,
      versions: versions.length,
      activeVersion: inForce?.version ?? null,
      latestVersion: latest?.version ?? '',
    };
  });
}

/** One level of the version in force, with the version it came from. */
export async function getLadderLevel(
  deps: LadderServiceDeps,
  ladderId: string,
  levelId: string,
  at?: string,
): Promise<{ ladder: PublishedLadder; level: LevelDefinition }> {
  const ladder = await getLadderInForce(deps, ladderId, at);
  const level = findLevel(ladder.document, levelId);
  if (level === undefined) throw notFound('Level', `${levelId} in ladder ${ladderId}`);
  return { ladder, level };
}

/**
 * Publishes every shipped ladder file when the database holds no ladder yet, so a fresh install can
 * evaluate at once. Returns what was published; a database that has ladders is left alone.
 */
export async function publishShippedLaddersIfEmpty(
  deps: LadderServiceDeps,
  actor: Actor,
  dir = shippedLaddersDir,
): Promise<PublishedLadder[]> {
  if (!(await hasNoLadders(deps.db))) return [];
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const published: PublishedLadder[] = [];
  for (const name of files) {
    const source = await readFile(path.join(dir, name), 'utf8');
    const { ladder } = await publishLadder(deps, actor, { source, file: path.join('ladders', name) });
    published.push(ladder);
  }
  return published;
}

/** A matrix CSV's problems as the `import_failed` error: every one as `file: row R, column C: message`. */
function invalidMatrix(file: string, problems: MatrixProblem[]): DomainError {
  const lines = problems.map((p) => formatMatrixProblem(file, p));
  return new DomainError(
    'import_failed',
    `${file} is not a competency matrix the ladder can read (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${lines[0] ?? ''}`,
    { problems: lines },
  );
}

/**
 * Turns a competency × level matrix CSV into a ladder file (docs/ladder.md, "Matrix CSV"): a new one named
 * by `names`, or — with `into` — that ladder file with its competencies replaced by the matrix's. The result
 * is validated; any problem (of the matrix, or of the ladder it makes) names its row and column, and
 * nothing is returned.
 */
export function importCompetencyMatrix(input: {
  source: string;
  file: string;
  names: NewLadderNames;
  into?: { source: string; file: string };
}): { source: string; ladder: LadderDocument } {
  const parsed = parseCompetencyMatrix(input.source);
  if (!parsed.ok) throw invalidMatrix(input.file, parsed.problems);
  const matrix = parsed.matrix;
  let source: string;
  let levelOfIndex: (index: number) => number | undefined = (index) => index;
  const firstMilestone = matrix.at.milestoneColumns[0];
  if (input.into === undefined && firstMilestone !== undefined)
    // Milestones make a points block, and a points block needs bands, which a matrix cannot hold.
    throw invalidMatrix(input.file, [
      {
        row: 1,
        column: heading(matrix.at.header, firstMilestone),
        message:
          'milestone columns make a points block, which needs bands the matrix cannot hold: import it --into a ladder file that has its bands',
      },
    ]);
  if (input.into === undefined) source = ladderFromMatrix(matrix, input.names);
  else {
    const base = validateLadderText(input.into.source, input.into.file);
    if (!base.ok) throw invalidLadder(base.problems);
    const merged = mergeMatrixIntoLadder(input.into.source, base.ladder, matrix);
    if (!merged.ok) throw invalidMatrix(input.file, merged.problems);
    source = merged.source;
    const columns = new Map(merged.levelIndexes.map((levelIndex, column) => [levelIndex, column]));
    levelOfIndex = (index) => columns.get(index);
  }
  const result = validateLadderText(source, input.into?.file ?? input.file);
  if (result.ok) return { source, ladder: result.ladder };
  // A problem of the ladder made from the matrix is reported where it is in the matrix, when it is there.
  const located = result.problems.map((problem): MatrixProblem => {
    const at = locateInMatrix(matrix, problem.path, levelOfIndex);
    const what = problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
    return at === undefined ? { message: `the ladder made from it: ${what}` } : { ...at, message: what };
  });
  throw invalidMatrix(input.file, located);
}

/** The competencies of a published ladder (the version in force on `at`, or exactly `version`) as a matrix CSV. */
export async function exportPublishedMatrix(
  deps: LadderServiceDeps,
  ladderId: string,
  options: { version?: string; at?: string } = {},
): Promise<{ csv: string; ladder: PublishedLadder }> {
  let ladder: PublishedLadder;
  if (options.version === undefined) ladder = await getLadderInForce(deps, ladderId, options.at);
  else {
    const versions = await listVersionsOfLadder(deps, ladderId);
    const found = versions.find((v) => v.version === options.version);
    if (found === undefined)
      throw notFound(
        'Ladder version',
        `${ladderId} ${options.version} (versions: ${versions.map((v) => v.version).join(', ')})`,
      );
    ladder = found;
  }
  return { csv: exportCompetencyMatrix(ladder.document), ladder };
}
