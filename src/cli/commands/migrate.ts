import type { Command } from 'commander';
import { writeLine, type CliContext } from '../context.js';

/** `ladder migrate`: apply pending migrations to the configured database. */
export function registerMigrateCommand(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL chooses the database)')
    .action(async () => {
      await ctx.withDatabase(async (database) => {
        writeLine(ctx.stdout, `migrations applied (${database.engine})`);
      });
    });
}
