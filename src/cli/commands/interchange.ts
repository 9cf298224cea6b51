import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { exportOrganisation } from '../../services/interchange/export.service.js';
import { importOrganisation, type ImportProgress } from '../../services/interchange/import.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';

/** A progress bar on a terminal; nothing when output goes to a file or a pipe. */
function progressBar(
  ctx: CliContext,
  label: string,
): { update(done: number, total: number): void; stop(): void } {
  const stream = ctx.stderr as NodeJS.WriteStream;
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: `${label} [{bar}] {value}/{total} records`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** `ladder import DIR` and `ladder export DIR`: the organisation interchange format (docs/import-format.md). */
export function registerInterchangeCommands(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('import an organisation folder (CSV + evidence.ndjson): all or nothing, idempotent')
    .argument(
      '<dir>',
      'folder with builders.csv, people.csv, clients.csv, placements.csv, mentorships.csv, levels.csv, rates.csv, evidence.ndjson',
    )
    .action(async (dir: string) => {
      await withServices(ctx, async (services) => {
        const bar = progressBar(ctx, 'importing');
        try {
          const summary = await importOrganisation(services, ctx.actor(), dir, {
            onProgress: (p: ImportProgress) => {
              if (p.phase === 'writing evidence') bar.update(p.done, p.total);
            },
          });
          bar.stop();
          const c = summary.created;
          const u = summary.updated;
          writeLine(
            ctx.stdout,
            `imported ${dir}: created ${c.builders} builders, ${c.people} people, ${c.clients} clients, ${c.placements} placements, ` +
              `${c.mentorships} mentorships, ${c.evidence} evidence records; updated ${u.builders + u.people + u.clients + u.placements + u.mentorships}; ` +
              `unchanged ${summary.unchanged}`,
          );
        } catch (error) {
          bar.stop();
          if (error instanceof DomainError && error.code === 'import_failed') {
            const details = error.details as { errors?: string[] } | undefined;
            for (const line of details?.errors ?? []) writeLine(ctx.stderr, line);
          }
          throw error;
        }
      });
    });

  program
    .command('export')
    .description('export the organisation to a folder in the interchange format (re-importable, byte-stable)')
    .argument('<dir>', 'folder to write (created if missing; files in it are replaced)')
    .action(async (dir: string) => {
      await withServices(ctx, async (services) => {
        const bar = progressBar(ctx, 'exporting');
        const summary = await exportOrganisation(services, ctx.actor(), dir, (done, total) =>
          bar.update(done, total),
        );
        bar.stop();
        writeLine(
          ctx.stdout,
          `exported ${summary.builders} builders and ${summary.evidence} evidence records to ${dir}`,
        );
      });
    });
}
