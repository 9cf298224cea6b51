import type { Command } from 'commander';
import { startServer } from '../../server/main.js';
import { systemActor } from '../../core/actor.js';
import { publishShippedLaddersIfEmpty } from '../../services/ladder.service.js';
import { loadDemoIfEmpty } from '../../services/demo/demo-loader.service.js';
import { DEMO_DOMAIN } from '../../services/demo/demo-organisation.js';
import { describeDemoAccounts, ensureDemoAccounts } from '../../services/access/demo-accounts.service.js';
import { writeLine, type CliContext } from '../context.js';

/** `ladder serve`: migrate, then serve the API and the web app. */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('apply migrations, then serve the API (and web app) on HOST:PORT')
    .option('--no-demo', 'do not load the demo organisation into an empty database')
    .action(async (options: { demo: boolean }) => {
      const config = ctx.config();
      const server = await startServer(config, {
        beforeListen: async (database) => {
          // A fresh install serves the shipped ladders at once, as 'ladder migrate' would have published them.
          await publishShippedLaddersIfEmpty({ db: database.db, clock: ctx.clock }, systemActor);
          // An empty roster gets the demo organisation, so every screen has something true to show.
          // `--no-demo` or LADDER_DEMO=0 keeps the database empty.
          if (options.demo && config.demo) {
            const summary = await loadDemoIfEmpty({ db: database.db, clock: ctx.clock }, systemActor);
            if (summary !== null) {
              writeLine(
                ctx.stdout,
                `loaded the demo organisation: ${summary.created.builders} builders, ${summary.created.evidence} evidence records (--no-demo or LADDER_DEMO=0 to skip)`,
              );
            }
            // Demo people (and only they: the password is public) can sign in; printed on every start.
            const accounts = await ensureDemoAccounts({ db: database.db, clock: ctx.clock }, systemActor, {
              today: ctx.clock.now().toISOString().slice(0, 10),
              domain: DEMO_DOMAIN,
            });
            for (const line of describeDemoAccounts(accounts)) writeLine(ctx.stdout, line);
          }
        },
      });
      const shutdown = (): void => {
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
