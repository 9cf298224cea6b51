import { describe, expect, it } from 'vitest';
import {
  databaseFailureMessage,
  describeDatabaseFailure,
  loggableError,
  redactQueryText,
} from './database-error.js';

/** What drizzle throws: its message holds the SQL and the parameters; the driver error is the cause. */
function drizzleError(code: string, extra: Record<string, unknown> = {}): Error {
  const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00 "secret"'), {
    code,
    severity: 'ERROR',
    ...extra,
  });
  return Object.assign(
    new Error('Failed query: insert into "people" ("name") values ($1)\nparams: secret-value'),
    { query: 'insert into "people" ("name") values ($1)', params: ['secret-value'], cause },
  );
}

describe('database failures', () => {
  it('classifies data exceptions as bad input and unique violations as duplicates', () => {
    expect(describeDatabaseFailure(drizzleError('22P05'))).toMatchObject({
      sqlstate: '22P05',
      badInput: true,
    });
    expect(describeDatabaseFailure(drizzleError('23505', { constraint: 'people_pkey' }))).toMatchObject({
      duplicate: true,
      badInput: false,
      constraint: 'people_pkey',
    });
    expect(describeDatabaseFailure(drizzleError('42P01'))).toMatchObject({
      badInput: false,
      duplicate: false,
    });
    expect(describeDatabaseFailure(new Error('not from the database'))).toBeNull();
  });

  it('says what kind of problem it is, never the SQL or the values', () => {
    for (const code of ['22P05', '23505', '42P01']) {
      const failure = describeDatabaseFailure(drizzleError(code));
      const message = failure === null ? '' : databaseFailureMessage(failure);
      expect(message).toContain(code);
      expect(message).not.toMatch(/insert|secret|params/i);
    }
  });

  it('logs a database error without its message, SQL or parameters', () => {
    const logged = JSON.stringify(loggableError(drizzleError('22021')));
    expect(logged).toContain('22021');
    expect(logged).not.toMatch(/insert|secret|params|Failed query/i);
  });

  it('cuts an embedded query out of any other message', () => {
    expect(redactQueryText('boom: Failed query: select 1\nparams: x')).toBe('boom: [query redacted]');
    expect(redactQueryText('plain message')).toBe('plain message');
    expect(JSON.stringify(loggableError(new Error('wrapped Failed query: select secret')))).not.toMatch(
      /secret/,
    );
  });
});
