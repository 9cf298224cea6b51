import { describe, expect, it } from 'vitest';
import { neutraliseCsvCell, restoreCsvCell } from './csv-cell.js';

describe('CSV formula cells', () => {
  it.each(['=1+1', '+41 22', '-x', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","y")'])(
    'writes %j with one leading quote',
    (value) => {
      expect(neutraliseCsvCell(value)).toBe(`'${value}`);
    },
  );

  it.each(['Ana', '', "'tis", "''", '8250.00', '-1250', '-12.50', '2026-02-01', 'a=b'])(
    'writes %j unchanged',
    (value) => {
      expect(neutraliseCsvCell(value)).toBe(value);
    },
  );

  it('adds one more quote to a value that genuinely starts with quotes before a trigger', () => {
    expect(neutraliseCsvCell("'=x")).toBe("''=x");
    expect(neutraliseCsvCell("''@x")).toBe("'''@x");
  });

  it('reads back exactly what was written, for triggers, quotes, numbers and plain text', () => {
    const values = ['=1', "'=1", "''=1", "'tis", "'", '-5', '-5-5', '+', '@', '\t', 'plain', "'-1"];
    for (const value of values) expect(restoreCsvCell(neutraliseCsvCell(value))).toBe(value);
  });

  it('takes away only the quote in front of a trigger when reading a hand-made file', () => {
    expect(restoreCsvCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(restoreCsvCell("'tis")).toBe("'tis");
    expect(restoreCsvCell("''")).toBe("''");
  });
});
