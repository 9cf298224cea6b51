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
      // The first Ctrl-C or SIGTERM stops accepting, lets requests in flight finish (new ones get 503),
      // closes the database and so gives the folder's lock and socket back. A second one exits at once:
      // the OS drops the lock anyway, and the next owner removes the stale socket.
      let stoppingSince: number | null = null;
      const onSignal = (signal: NodeJS.Signals): void => {
        if (stoppingSince !== null) {
          // npm relays the terminal's Ctrl-C to its child as well: one press can arrive twice at once.
          if (Date.now() - stoppingSince < 500) return;
          writeLine(ctx.stderr, `ladder: ${signal} again: exiting now`);
          process.exit(130);
        }
        stoppingSince = Date.now();
        writeLine(
          ctx.stderr,
          `ladder: ${signal}: stopping (requests in flight finish; ${signal} again exits at once)`,
        );
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            writeLine(ctx.stderr, `ladder: stopping failed: ${(error as Error).message}`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
}
