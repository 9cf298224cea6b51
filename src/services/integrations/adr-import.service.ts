import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import type { AdrEvidence } from '../../core/evidence/evidence.schema.js';
import { parseAdr, type AdrDocument } from '../../core/integrations/adr-document.js';
import type { Database } from '../../db/connection.js';
import { findEvidence, findKnownEvidence } from '../../db/repositories/evidence.repository.js';
import { recordEvidence } from '../evidence.service.js';
import { loadPeopleLookup } from './people-lookup.js';
import { recordSourceState } from './sources.service.js';

const run = promisify(execFile);

export interface AdrImportDeps {
  db: Database;
  clock: Clock;
}

export interface AdrImportSummary {
  files: number;
  created: number;
  corrected: number;
  unchanged: number;
  records: { file: string; id: string; title: string; status: string; builder: string; action: string }[];
}

interface FirstCommit {
  email: string;
  date: string;
}

// ADR files are numbered: 0001-use-postgres.md, adr-001-…md; README, index and templates are not ADRs.
const ADR_FILE = /^(?:adr[-_]?)?\d+[-_. ].*\.md$/i;

async function adrFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new DomainError('import_failed', `${dir}: cannot read: ${error.code ?? error.message}`, {
        errors: [`${dir}: cannot read the folder`],
      });
    },
  );
  return entries
    .filter((entry) => entry.isFile() && ADR_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (path) =>
        !relative(dir, path)
          .split(sep)
          .some((part) => part.startsWith('.') || part === 'node_modules'),
    )
    .sort();
}

/** The author and date of the commit that added `file`, when `dir` is a git checkout; undefined otherwise. */
async function firstCommit(dir: string, file: string): Promise<FirstCommit | undefined> {
  try {
    const { stdout } = await run(
      'git',
      ['-C', dir, 'log', '--diff-filter=A', '--follow', '--format=%aE%x09%aI', '--', file],
      { maxBuffer: 1 << 20 },
    );
    const oldest = stdout.trim().split('\n').filter(Boolean).at(-1);
    if (oldest === undefined) return undefined;
    const [email = '', date = ''] = oldest.split('\t');
    return { email: email.toLowerCase(), date: date.slice(0, 10) };
  } catch {
    return undefined; // not a git checkout, or git is not installed: the document must say who and when
  }
}

async function headCommit(dir: string): Promise<string | null> {
  try {
    return (await run('git', ['-C', dir, 'rev-parse', 'HEAD'])).stdout.trim();
  } catch {
    return null;
  }
}

/** A stable id per repository and path, so a re-import finds the record it made before. */
function adrRecordId(repoUrl: string, path: string): string {
  return `adr:${createHash('sha256').update(`${repoUrl}\n${path}`).digest('hex').slice(0, 24)}`;
}

/** The latest record of a correction chain that starts at `id`. */
async function chainTip(db: Database, id: string): Promise<{ id: string; length: number }> {
  let tip = id;
  let length = 1;
  for (;;) {
    const next = (await findKnownEvidence(db, [tip])).get(tip)?.superseded_by ?? null;
    if (next === null) return { id: tip, length };
    tip = next;
    length += 1;
  }
}

/**
 * Imports a folder of ADRs (Nygard or MADR) as `adr` evidence of their author: the first decider who is a
 * builder, else the author of the commit that added the file (`git log --diff-filter=A`) when the folder is
 * a git checkout. Every file is checked before anything is written (problems as `file: field: message`).
 * Idempotent: an unchanged ADR adds nothing; one whose title or status changed gets a correction record.
 */
export async function importAdrs(
  deps: AdrImportDeps,
  actor: Actor,
  dir: string,
  options: { repoUrl: string },
): Promise<AdrImportSummary> {
  const repoUrl = options.repoUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(repoUrl)) {
    throw new DomainError(
      'validation_failed',
      `--repo-url: expected an http(s) URL, got "${options.repoUrl}"`,
    );
  }
  const files = await adrFiles(dir);
  const errors: string[] = [];
  const parsed: { file: string; rel: string; doc: AdrDocument; commit: FirstCommit | undefined }[] = [];
  for (const file of files) {
    const rel = relative(dir, file).split(sep).join('/');
    const result = parseAdr(await readFile(file, 'utf8'));
    if (!result.ok) {
      errors.push(`${file}: ${result.field}: ${result.message}`);
      continue;
    }
    parsed.push({ file, rel, doc: result.value, commit: await firstCommit(dir, file) });
  }
  const lookup = await loadPeopleLookup(deps.db, [
    ...parsed.flatMap((p) => p.doc.deciders),
    ...parsed.flatMap((p) => (p.commit === undefined ? [] : [p.commit.email])),
  ]);
  const records: { file: string; record: Omit<AdrEvidence, 'recorded_at'> }[] = [];
  for (const { file, rel, doc, commit } of parsed) {
    const deciderBuilder = doc.deciders
      .map((decider) => lookup.person(decider))
      .find((email) => email !== undefined && lookup.isBuilder(email));
    const commitPerson = commit === undefined ? undefined : lookup.person(commit.email);
    const builder =
      deciderBuilder ??
      (commitPerson !== undefined && lookup.isBuilder(commitPerson) ? commitPerson : undefined);
    if (builder === undefined) {
      const said = [
        doc.deciders.length > 0 ? `deciders: ${doc.deciders.join(', ')}` : 'no deciders',
        commit === undefined ? 'no git history' : `first commit by ${commit.email}`,
      ].join('; ');
      errors.push(
        `${file}: author: no builder of the roster found (${said}); map the login or name the decider`,
      );
      continue;
    }
    const date = doc.date ?? commit?.date ?? null;
    if (date === null) {
      errors.push(`${file}: date: the document has no date and git has no commit adding it`);
      continue;
    }
    records.push({
      file,
      record: {
        id: adrRecordId(repoUrl, rel),
        kind: 'adr',
        builder,
        date,
        recorded_by: builder,
        confirmed_by: null,
        supersedes: null,
        title: doc.title,
        status: doc.status,
        link: `${repoUrl}/${rel}`,
      },
    });
  }
  if (errors.length > 0) {
    throw new DomainError('import_failed', `${errors.length} problem(s) in ${dir}; nothing was imported`, {
      errors,
    });
  }

  const summary: AdrImportSummary = {
    files: files.length,
    created: 0,
    corrected: 0,
    unchanged: 0,
    records: [],
  };
  for (const { file, record } of records) {
    const existing = await findEvidence(deps.db, record.id);
    let action = 'created';
    let id = record.id;
    if (existing === undefined) {
      await recordEvidence(deps, actor, record);
      summary.created += 1;
    } else {
      const tip = await chainTip(deps.db, record.id);
      const current = tip.id === record.id ? existing : await findEvidence(deps.db, tip.id);
      const same =
        current?.kind === 'adr' &&
        current.title === record.title &&
        current.status === record.status &&
        current.link === record.link &&
        current.date === record.date;
      if (same) {
        action = 'unchanged';
        id = tip.id;
        summary.unchanged += 1;
      } else {
        // A correction keeps the builder of the record it corrects (the ledger's rule).
        id = `${record.id}.${tip.length}`;
        await recordEvidence(deps, actor, {
          ...record,
          id,
          builder: existing.builder,
          recorded_by: existing.recorded_by,
          supersedes: tip.id,
        });
        action = 'corrected';
        summary.corrected += 1;
      }
    }
    summary.records.push({
      file,
      id,
      title: record.title,
      status: record.status,
      builder: record.builder,
      action,
    });
  }
  const head = await headCommit(dir);
  await deps.db.transaction(async (tx) => {
    await recordSourceState(
      tx,
      actor,
      {
        source: `adr:${repoUrl}`,
        kind: 'adr',
        cursor: head === null ? null : { commit: head },
        status: 'ok',
        counts: {
          files: summary.files,
          created: summary.created,
          corrected: summary.corrected,
          unchanged: summary.unchanged,
        },
      },
      deps.clock.now(),
    );
  });
  return summary;
}
