/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return as a formula. Every CSV the product writes passes its text cells
 * through `neutraliseCsvCell`, which puts one `'` in front of such a cell; `ladder import` passes every
 * cell through `restoreCsvCell`, which takes exactly that `'` away again, so export → import is lossless.
 *
 * The rule is a bijection (docs/import-format.md, "Formula cells"):
 * - written: a value matching `^'*[=+\-@\t\r]` (any run of quotes, then a trigger) gets one more `'`;
 * - read: a cell matching `^'+[=+\-@\t\r]` loses its first `'`; every other cell is read as written.
 * So `=1+1` ↔ `'=1+1`, a genuine `'=x` ↔ `''=x`, and `'tis` or `''` are written and read unchanged.
 * A plain number (`-1250`, `-12.50`) is never prefixed: it cannot run as a formula, and amounts must
 * stay numbers for whoever sums the column.
 */

const TRIGGERED = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell as it is written to a CSV file: formula-looking text gets a leading `'`. */
export function neutraliseCsvCell(value: string): string {
  if (PLAIN_NUMBER.test(value) || !TRIGGERED.test(value)) return value;
  return `'${value}`;
}

/** A cell as read from a CSV file: the `'` that `neutraliseCsvCell` added is taken away again. */
export function restoreCsvCell(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}
