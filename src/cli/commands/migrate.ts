import type { Command } from 'commander';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';
import { publishShippedLaddersIfEmpty } from '../../services/ladder.service.js';

/** `ladder migrate`: apply pending migrations to the configured database. */
export function registerMigrateCommand(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL chooses the database)')
    .action(async () => {
      await withServices(ctx, async (services, database) => {
        writeLine(ctx.stdout, `migrations applied (${database.engine})`);
        // A fresh install gets the shipped ladders at once, so it can evaluate without another step.
        const published = await publishShippedLaddersIfEmpty(services, ctx.actor());
        for (const ladder of published)
          writeLine(ctx.stdout, `published ${ladder.ladderId} version ${ladder.version}`);
      });
    });
}
