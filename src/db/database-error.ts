/**
 * What a database failure may say to a person or a log. drizzle wraps every driver error in one whose
 * message is `Failed query: <sql>\nparams: <values>`, and PostgreSQL's own messages quote the offending
 * value (`invalid input syntax for type date: "…"`): neither may reach a user or a log line. Only the
 * SQLSTATE and the names of the constraint / table / column (schema facts, never data) are kept.
 */

/** A database failure, reduced to what is safe to show and log. */
export interface DatabaseFailure {
  /** SQLSTATE, e.g. `22P05`; `unknown` when the driver gave none. */
  sqlstate: string;
  /** True for SQLSTATE class 22 (data exception): a value the database cannot store — bad input. */
  badInput: boolean;
  /** True for 23505 (unique violation): the row exists already — a conflict, not a crash. */
  duplicate: boolean;
  constraint?: string;
  table?: string;
  column?: string;
}

interface DriverErrorShape {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  cause?: unknown;
  query?: unknown;
  severity?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

function isDrizzleQueryError(error: object): boolean {
  return (
    (error as DriverErrorShape).query !== undefined ||
    (error instanceof Error && error.message.startsWith('Failed query:'))
  );
}

function driverErrorOf(error: unknown): DriverErrorShape | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const shape = current as DriverErrorShape;
    // node-postgres and PGlite both put the SQLSTATE in `code` and the severity in `severity`.
    if (typeof shape.code === 'string' && SQLSTATE.test(shape.code) && shape.severity !== undefined)
      return shape;
    current = shape.cause;
  }
  return null;
}

/** The safe summary of a database failure, or null when `error` did not come from the database. */
export function describeDatabaseFailure(error: unknown): DatabaseFailure | null {
  const driver = driverErrorOf(error);
  if (driver === null) {
    if (error !== null && typeof error === 'object' && isDrizzleQueryError(error))
      return { sqlstate: 'unknown', badInput: false, duplicate: false };
    return null;
  }
  const sqlstate = driver.code as string;
  const failure: DatabaseFailure = {
    sqlstate,
    badInput: sqlstate.startsWith('22'),
    duplicate: sqlstate === '23505',
  };
  if (typeof driver.constraint === 'string') failure.constraint = driver.constraint;
  if (typeof driver.table === 'string') failure.table = driver.table;
  if (typeof driver.column === 'string') failure.column = driver.column;
  return failure;
}

/** The sentence a person reads for a database failure: what kind of problem, never the SQL or the values. */
export function databaseFailureMessage(failure: DatabaseFailure): string {
  const where = failure.column ?? failure.constraint;
  if (failure.badInput)
    return `A value cannot be stored by the database${where === undefined ? '' : ` (${where})`}; check the input (SQLSTATE ${failure.sqlstate})`;
  if (failure.duplicate)
    return `That record exists already${where === undefined ? '' : ` (${where})`} (SQLSTATE ${failure.sqlstate})`;
  return `The database refused the operation (SQLSTATE ${failure.sqlstate})`;
}

/**
 * An error as it may be logged: a database failure becomes its safe summary plus the stack frames
 * (without the message line, which holds the SQL); any other error keeps type, message and stack, with
 * a `Failed query: …` part cut off should one be embedded in its message.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const failure = describeDatabaseFailure(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frames = stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  if (failure !== null) return { type: 'DatabaseError', ...failure, stack: frames };
  if (error instanceof Error) {
    return { type: error.name, message: redactQueryText(error.message), stack: frames };
  }
  return { type: typeof error, message: redactQueryText(String(error)) };
}

/** Cuts `Failed query: … params: …` (and anything after it) out of a message. */
export function redactQueryText(message: string): string {
  const index = message.search(/Failed query:|params:/);
  return index === -1 ? message : `${message.slice(0, index)}[query redacted]`;
}
