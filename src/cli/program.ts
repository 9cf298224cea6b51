import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { DomainError, exitCodeOf } from '../core/errors.js';
import { unsafeTextReason } from '../core/input/safe-input.js';
import { databaseFailureMessage, describeDatabaseFailure, redactQueryText } from '../db/database-error.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerCaseCommand } from './commands/case.js';
import { registerCheckinsCommand } from './commands/checkins.js';
import { registerInterchangeCommands } from './commands/interchange.js';
import { registerIntegrationCommands } from './commands/integrations.js';
import { registerMentorshipsCommand } from './commands/mentorships.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerPayoutsCommand } from './commands/payouts.js';
import { registerPointsCommand } from './commands/points.js';
import { registerLadderCommand } from './commands/ladder.js';
import { registerReadinessCommand } from './commands/readiness.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommand } from './commands/user.js';
import { writeLine, type CliContext } from './context.js';

const VERSION = '0.1.0';

/** Builds the `ladder` command tree. Each command registers itself with one line here. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('ladder')
    .description('Runs a career ladder: ladders as code, evidence, readiness, mentorship, promotions.')
    .version(VERSION, '-v, --version')
    // The program's own options come before the command, so a command may have a --version of its own
    // (`ladder ladder export-matrix --version 2026-03-01`, a ladder's effective date).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    });
  registerServeCommand(program, ctx);
  registerMigrateCommand(program, ctx);
  registerInterchangeCommands(program, ctx);
  registerLadderCommand(program, ctx);
  registerUserCommand(program, ctx);
  registerAuditCommand(program, ctx);
  registerCaseCommand(program, ctx);
  registerMentorshipsCommand(program, ctx);
  registerCheckinsCommand(program, ctx);
  registerPayoutsCommand(program, ctx);
  registerReadinessCommand(program, ctx);
  registerPointsCommand(program, ctx);
  registerIntegrationCommands(program, ctx);
  return program;
}

/** The first argument that cannot be stored as text (NUL, lone surrogate), named by its option. */
function unsafeArgument(argv: readonly string[]): string | null {
  for (const [index, arg] of argv.entries()) {
    const reason = unsafeTextReason(arg);
    if (reason === null) continue;
    const previous = argv[index - 1];
    const name = arg.startsWith('--')
      ? arg.split('=')[0]
      : previous?.startsWith('-') === true
        ? previous
        : `argument ${index + 1}`;
    return `${name}: ${reason}`;
  }
  return null;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, the error table's exit code for a domain error
 * (with a one-line message on stderr), 2 for bad usage or configuration, 1 for anything unexpected.
 */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const unsafe = unsafeArgument(argv);
  if (unsafe !== null) {
    writeLine(ctx.stderr, `ladder: validation_failed: ${unsafe}`);
    return exitCodeOf('validation_failed');
  }
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode;
    }
    if (error instanceof DomainError) {
      writeLine(ctx.stderr, `ladder: ${error.code}: ${error.message}`);
      return exitCodeOf(error.code);
    }
    if (error instanceof ConfigError) {
      writeLine(ctx.stderr, `ladder: ${error.message}`);
      return 2;
    }
    // Never the raw message of a database error: drizzle's holds the SQL and every parameter.
    const failure = describeDatabaseFailure(error);
    if (failure !== null && (failure.badInput || failure.duplicate)) {
      const code = failure.badInput ? 'validation_failed' : 'conflict';
      writeLine(ctx.stderr, `ladder: ${code}: ${databaseFailureMessage(failure)}`);
      return exitCodeOf(code);
    }
    const message =
      failure !== null
        ? databaseFailureMessage(failure)
        : redactQueryText(error instanceof Error ? error.message : String(error));
    writeLine(ctx.stderr, `ladder: internal error: ${message}`);
    return 1;
  }
}
