import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateLadderText } from './validate-ladder.js';

/**
 * Issue 16: "an older file either still validates or `ladder ladder upgrade` converts it". Every change
 * of the format so far only added optional fields or relaxed a rule (ADR 0022), so no upgrade exists:
 * these are ladder files as they were committed in earlier versions of the format, and each must keep
 * validating as it is. A change that breaks one needs an upgrade command, not an edit of the fixture.
 */
const history = path.resolve(import.meta.dirname, '../../../test/fixtures/ladders/history');

describe('ladder files of earlier versions of the format', () => {
  const files = readdirSync(history).filter((name) => name.endsWith('.yaml'));

  it('has the files to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s still validates, unchanged', (name) => {
    const result = validateLadderText(readFileSync(path.join(history, name), 'utf8'), name);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });
});
