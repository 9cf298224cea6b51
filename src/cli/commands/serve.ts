import type { Command } from 'commander';
import { startServer } from '../../server/main.js';
import { systemActor } from '../../core/actor.js';
import { publishShippedLaddersIfEmpty } from '../../services/ladder.service.js';
import type { CliContext } from '../context.js';

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
          // The demo organisation arrives with the roster; until then `--no-demo` is accepted and inert.
          void options.demo;
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
