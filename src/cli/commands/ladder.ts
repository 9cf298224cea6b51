import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { DomainError, notFound, validationFailed } from '../../core/errors.js';
import { compareLevels, formatComparison } from '../../core/ladder/compare-levels.js';
import { diffLadders, formatLadderDiff } from '../../core/ladder/diff-ladder.js';
import type { LadderDocument } from '../../core/ladder/ladder.schema.js';
import { findLevel } from '../../core/ladder/ladder-lookup.js';
import { renderLevel } from '../../core/ladder/render-level.js';
import { decodeUtf8 } from '../../core/input/utf8.js';
import { formatProblem, validateLadderText, type LadderProblem } from '../../core/ladder/validate-ladder.js';
import { exportCompetencyMatrix, idFromName } from '../../core/ladder/matrix-csv.js';
import {
  exportPublishedMatrix,
  importCompetencyMatrix,
  listLadders,
  listVersionsOfLadder,
  publishLadder,
} from '../../services/ladder.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';

async function readSource(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw validationFailed(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  // Strict UTF-8: a Latin-1 byte would otherwise become U+FFFD in a published ladder.
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded.text;
  throw new DomainError(
    'invalid_ladder',
    `${file}:${decoded.line}:${decoded.column}: not valid UTF-8 (byte ${decoded.byte}); save the file as UTF-8`,
  );
}

function printProblems(ctx: CliContext, problems: LadderProblem[]): void {
  for (const problem of problems) writeLine(ctx.stderr, formatProblem(problem));
}

/** Reads and validates one file, or prints its problems and fails with `invalid_ladder`. */
async function loadValid(ctx: CliContext, file: string): Promise<LadderDocument> {
  const result = validateLadderText(await readSource(file), file);
  if (result.ok) return result.ladder;
  printProblems(ctx, result.problems);
  throw new DomainError(
    'invalid_ladder',
    `${file} is not a valid ladder (${result.problems.length} problem(s))`,
  );
}

/** `ladder ladder …`: validate, render, diff, compare and publish ladder files. */
export function registerLadderCommand(program: Command, ctx: CliContext): void {
  const ladder = program
    .command('ladder')
    .description('ladder files: validate, render, diff, compare, publish');

  ladder
    .command('validate')
    .description(
      'check ladder files; every problem as file:line:column: path: message (exit 0 when all are valid)',
    )
    .argument('<files...>', 'ladder YAML files')
    .action(async (files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        const result = validateLadderText(await readSource(file), file);
        if (result.ok) {
          const doc = result.ladder;
          writeLine(
            ctx.stdout,
            `${file}: ok (${doc.ladder} version ${doc.version}, ${doc.levels.length} levels)`,
          );
        } else {
          invalid += 1;
          printProblems(ctx, result.problems);
        }
      }
      if (invalid > 0)
        throw new DomainError('invalid_ladder', `${invalid} of ${files.length} file(s) not valid`);
    });

  ladder
    .command('render')
    .description('render one level as a standalone page (HTML or Markdown)')
    .argument('<file>', 'ladder YAML file')
    .requiredOption('--level <id>', 'level id, e.g. L4')
    .option('--format <format>', 'html or md', 'html')
    .option('-o, --out <path>', 'write to a file instead of stdout')
    .option('--choices', "list the organisation's own choices on the level (the file's choices)")
    .action(
      async (file: string, options: { level: string; format: string; out?: string; choices?: boolean }) => {
        if (options.format !== 'html' && options.format !== 'md')
          throw validationFailed('--format: expected html or md');
        const doc = await loadValid(ctx, file);
        const page = renderLevel(doc, options.level, options.format, { choices: options.choices === true });
        if (page === undefined)
          throw notFound(
            'Level',
            `${options.level} in ${file} (levels: ${doc.levels.map((l) => l.id).join(', ')})`,
          );
        if (options.out === undefined) ctx.stdout.write(page);
        else {
          await writeFile(options.out, page, 'utf8');
          writeLine(ctx.stdout, `wrote ${options.out}`);
        }
      },
    );

  ladder
    .command('diff')
    .description('what changed between two versions of a ladder, per level and section')
    .argument('<old>', 'older ladder YAML file')
    .argument('<new>', 'newer ladder YAML file')
    .option('--json', 'print the changes as JSON')
    .action(async (oldFile: string, newFile: string, options: { json?: boolean }) => {
      const before = await loadValid(ctx, oldFile);
      const after = await loadValid(ctx, newFile);
      const changes = diffLadders(before, after);
      if (options.json === true)
        writeLine(ctx.stdout, JSON.stringify({ from: before.version, to: after.version, changes }, null, 2));
      else ctx.stdout.write(formatLadderDiff(before, after, changes));
    });

  ladder
    .command('compare')
    .description('what changes from one level to another, side by side')
    .argument('<file>', 'ladder YAML file')
    .argument('<from>', 'level id, e.g. L4')
    .argument('<to>', 'level id, e.g. L5')
    .option('--json', 'print the rows as JSON')
    .action(async (file: string, from: string, to: string, options: { json?: boolean }) => {
      const doc = await loadValid(ctx, file);
      const left = findLevel(doc, from);
      const right = findLevel(doc, to);
      for (const [id, level] of [
        [from, left],
        [to, right],
      ] as const) {
        if (level === undefined)
          throw notFound('Level', `${id} in ${file} (levels: ${doc.levels.map((l) => l.id).join(', ')})`);
      }
      if (left === undefined || right === undefined) return;
      const rows = compareLevels(doc, left, right);
      if (options.json === true) writeLine(ctx.stdout, JSON.stringify({ from, to, rows }, null, 2));
      else ctx.stdout.write(formatComparison(left, right, rows));
    });

  ladder
    .command('versions')
    .description('list the published versions of a ladder, oldest first')
    .argument('<ladder>', 'ladder id, e.g. ai-first-business-manager')
    .option('--json', 'print the versions as JSON')
    .action(async (ladderId: string, options: { json?: boolean }) => {
      await withServices(ctx, async (services) => {
        const versions = await listVersionsOfLadder(services, ladderId);
        const rows = versions.map((v) => ({
          id: v.versionId,
          version: v.version,
          published_at: v.publishedAt,
          published_by: v.publishedBy,
          content_hash: v.contentHash,
        }));
        if (options.json === true) writeLine(ctx.stdout, JSON.stringify(rows, null, 2));
        else
          for (const row of rows)
            writeLine(ctx.stdout, `${row.version}  id ${row.id}  ${row.published_at}  ${row.published_by}`);
      });
    });

  ladder
    .command('publish')
    .description('validate a ladder file, then store it as a new version in the database')
    .argument('<file>', 'ladder YAML file')
    .action(async (file: string) => {
      const source = await readSource(file);
      // Refuse a bad file before touching the database; the service validates again before storing.
      await loadValid(ctx, file);
      await withServices(ctx, async (services) => {
        try {
          const { ladder: published, created } = await publishLadder(services, ctx.actor(), { source, file });
          writeLine(
            ctx.stdout,
            created
              ? `published ${published.ladderId} version ${published.version} (id ${published.versionId})`
              : `${published.ladderId} version ${published.version} was already published with this content (id ${published.versionId})`,
          );
        } catch (error) {
          const problems =
            error instanceof DomainError && error.code === 'invalid_ladder'
              ? (error.details as { problems?: LadderProblem[] } | undefined)?.problems
              : undefined;
          if (problems !== undefined) printProblems(ctx, problems);
          throw error;
        }
      });
    });

  ladder
    .command('import-matrix')
    .description(
      'turn a competency × level matrix CSV into a ladder file (docs/ladder.md, "Matrix CSV"); printed, or written with --out',
    )
    .argument('<file>', 'matrix CSV: category, competency, then one column per level')
    .option('--into <ladder>', 'replace the competencies of this ladder file (the rest of it is kept)')
    .option('--id <id>', "a new ladder's id (default: from the CSV file's name)")
    .option('--name <name>', "a new ladder's name (default: the CSV file's name)")
    .option('--version <date>', "a new ladder's effective date, YYYY-MM-DD (default: today)")
    .option('--track <id>', 'the track of levels whose heading names none (default: the ladder id)')
    .option('-o, --out <path>', 'write the ladder file here instead of stdout')
    .action(
      async (
        file: string,
        options: {
          into?: string;
          id?: string;
          name?: string;
          version?: string;
          track?: string;
          out?: string;
        },
      ) => {
        const base = path.basename(file).replace(/\.[^.]*$/, '');
        const ladderId = options.id ?? (idFromName(base) || 'imported-ladder');
        const names = {
          ladder: ladderId,
          name: options.name ?? base,
          version: options.version ?? ctx.clock.now().toISOString().slice(0, 10),
          track: { id: options.track ?? ladderId, name: options.name ?? base },
        };
        const into =
          options.into === undefined
            ? undefined
            : { file: options.into, source: await readSource(options.into) };
        let imported: ReturnType<typeof importCompetencyMatrix>;
        try {
          imported = importCompetencyMatrix({
            source: await readSource(file),
            file,
            names,
            ...(into === undefined ? {} : { into }),
          });
        } catch (error) {
          if (error instanceof DomainError) {
            const details = error.details as { problems?: (string | LadderProblem)[] } | undefined;
            for (const problem of details?.problems ?? [])
              writeLine(ctx.stderr, typeof problem === 'string' ? problem : formatProblem(problem));
          }
          throw error;
        }
        const areas = (imported.ladder.competency_categories ?? []).flatMap((c) => c.areas).length;
        const summary = `${areas} competencies × ${imported.ladder.levels.length} levels`;
        if (options.out === undefined) ctx.stdout.write(imported.source);
        else {
          await writeFile(options.out, imported.source, 'utf8');
          writeLine(
            ctx.stdout,
            `wrote ${options.out} (${imported.ladder.ladder} version ${imported.ladder.version}: ${summary})`,
          );
        }
      },
    );

  ladder
    .command('export-matrix')
    .description(
      'write the competencies of a ladder as a competency × level matrix CSV (a file with --ladder, else a published version)',
    )
    .argument('[ladder-id]', 'a published ladder (default: the only one published)')
    .option('--ladder <file>', 'a ladder YAML file instead of a published version')
    .option(
      '--version <date>',
      'the published version with this effective date (default: the one in force today)',
    )
    .option('-o, --out <path>', 'write the CSV here instead of stdout')
    .action(
      async (ladderId: string | undefined, options: { ladder?: string; version?: string; out?: string }) => {
        if (options.ladder !== undefined && (ladderId !== undefined || options.version !== undefined))
          throw validationFailed(
            '--ladder reads a file: give either --ladder FILE, or a published ladder id with --version',
          );
        let csv: string;
        let doc: LadderDocument;
        if (options.ladder !== undefined) {
          doc = await loadValid(ctx, options.ladder);
          csv = exportCompetencyMatrix(doc);
        } else {
          ({ csv, doc } = await withServices(ctx, async (services) => {
            let id = ladderId;
            if (id === undefined) {
              const ladders = await listLadders(services);
              if (ladders.length !== 1)
                throw validationFailed(
                  ladders.length === 0
                    ? 'no ladder is published: give --ladder FILE'
                    : `several ladders are published: name one (${ladders.map((l) => l.ladderId).join(', ')})`,
                );
              id = ladders[0]!.ladderId;
            }
            const exported = await exportPublishedMatrix(
              services,
              id,
              options.version === undefined ? {} : { version: options.version },
            );
            return { csv: exported.csv, doc: exported.ladder.document };
          }));
        }
        if ((doc.competency_categories ?? []).length === 0)
          writeLine(
            ctx.stderr,
            `${doc.ladder} declares no competency_categories: the matrix has its header only (a template to fill in)`,
          );
        if (options.out === undefined) ctx.stdout.write(csv);
        else {
          await writeFile(options.out, csv, 'utf8');
          writeLine(ctx.stdout, `wrote ${options.out} (${doc.ladder} version ${doc.version})`);
        }
      },
    );
}
