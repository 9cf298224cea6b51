import { loadConfig, type Config } from '../config.js';
import { operatorActor, type Actor } from '../core/actor.js';
import { systemClock, type Clock } from '../core/clock.js';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { runMigrations } from '../db/migrate.js';

/** What every CLI command gets: configuration (parsed lazily), the clock, and output streams. */
export interface CliContext {
  config(): Config;
  clock: Clock;
  actor(): Actor;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Where `--password-stdin` reads from; process.stdin when absent (tests pass a stream). */
  stdin?: NodeJS.ReadableStream;
  /** Opens and migrates the configured database, runs `work`, and always closes it. */
  withDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T>;
}

/** Builds the context from the process environment. */
export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  let config: Config | undefined;
  const getConfig = (): Config => (config ??= loadConfig(env));
  return {
    config: getConfig,
    clock: systemClock,
    actor: () => operatorActor(getConfig().operator),
    stdout: process.stdout,
    stderr: process.stderr,
    withDatabase: async (work) => {
      const database = await openDatabase(getConfig().database);
      try {
        await runMigrations(database);
        return await work(database);
      } finally {
        await database.close();
      }
    },
  };
}

/** Writes one line to a stream. */
export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
