import { z } from 'zod';
import { isIsoDate } from '../dates/calendar.js';

/**
 * The two primitives every input goes through — text and ISO calendar dates — defined once, so the
 * API, the CLI and the importer refuse the same values with the same words (docs/bad-input.md).
 *
 * Text: PostgreSQL refuses NUL (U+0000) in `text` and `jsonb`, and a lone UTF-16 surrogate is not a
 * character at all (it cannot be encoded as UTF-8, so the database would store U+FFFD or refuse it).
 * Both are refused at the edge, naming the field, instead of failing inside an INSERT.
 *
 * Dates: `YYYY-MM-DD` that exist, in the years 1900–9999. Year 0000 does not exist in PostgreSQL (it
 * refuses it), `Date.UTC` maps years 0–99 to 1900–1999, and no career record predates 1900; five digits
 * would not sort as strings. One range keeps both engines and JavaScript in agreement.
 */

export const MIN_SUPPORTED_YEAR = 1900;
export const MAX_SUPPORTED_YEAR = 9999;

const NUL = '\u0000';
const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NUL_MESSAGE = 'contains a NUL character (U+0000), which cannot be stored';
export const SURROGATE_MESSAGE = 'contains a lone surrogate: not valid Unicode text';
export const DATE_MESSAGE = 'expected a date YYYY-MM-DD';
export const REAL_DATE_MESSAGE = 'expected a real calendar date YYYY-MM-DD';
export const DATE_RANGE_MESSAGE = `expected a date in the years ${MIN_SUPPORTED_YEAR}–${MAX_SUPPORTED_YEAR}`;

/** Why a string cannot be stored as text (NUL or lone surrogate), or null when it can. */
export function unsafeTextReason(value: string): string | null {
  if (value.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(value)) return SURROGATE_MESSAGE;
  return null;
}

/** Where the first NUL or lone surrogate of a string is (a UTF-16 index), or -1 when there is none. */
export function unsafeTextIndex(value: string): number {
  const nul = value.indexOf(NUL);
  const surrogate = LONE_SURROGATE.exec(value)?.index ?? -1;
  if (nul === -1) return surrogate;
  return surrogate === -1 ? nul : Math.min(nul, surrogate);
}

/** One unstorable string inside a parsed value: its path (`name`, `items[2].title`) and why. */
export interface UnsafeText {
  path: string;
  /** The same path as keys and indexes, for callers that locate it in a source document. */
  segments: (string | number)[];
  message: string;
}

const MAX_WALK_DEPTH = 64;

/**
 * The first string (value or object key) inside `value` that cannot be stored as text, with its path;
 * null when there is none. Walks plain JSON shapes only — what a request body, query or file line holds.
 */
export function findUnsafeText(
  value: unknown,
  path = '',
  depth = 0,
  segments: (string | number)[] = [],
): UnsafeText | null {
  if (typeof value === 'string') {
    const message = unsafeTextReason(value);
    return message === null ? null : { path, segments, message };
  }
  // Deeper than any shape we accept: the schema refuses it anyway, and recursion must stay bounded.
  if (value === null || typeof value !== 'object' || depth > MAX_WALK_DEPTH) return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeText(item, `${path}[${index}]`, depth + 1, [...segments, index]);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const keyPath = path === '' ? key : `${path}.${key}`;
    const keyMessage = unsafeTextReason(key);
    if (keyMessage !== null) {
      // The name itself is shown with U+FFFD in place of what cannot be shown or stored.
      const shown = key.replaceAll(NUL, '\uFFFD').replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD');
      const shownPath = path === '' ? shown : `${path}.${shown}`;
      return { path: shownPath, segments: [...segments, shown], message: `field name ${keyMessage}` };
    }
    const found = findUnsafeText(item, keyPath, depth + 1, [...segments, key]);
    if (found !== null) return found;
  }
  return null;
}

/** True for a real `YYYY-MM-DD` date within the supported years (1900–9999). */
export function isSupportedIsoDate(value: string): boolean {
  if (!isIsoDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_SUPPORTED_YEAR && year <= MAX_SUPPORTED_YEAR;
}

/** The problem with a would-be date (shape, existence, range), or null when it is a supported date. */
export function isoDateProblem(value: string): string | null {
  if (!ISO_DATE_SHAPE.test(value)) return DATE_MESSAGE;
  if (!isIsoDate(value)) return REAL_DATE_MESSAGE;
  if (!isSupportedIsoDate(value)) return DATE_RANGE_MESSAGE;
  return null;
}

/** The problem with a would-be month `YYYY-MM` (shape or range), or null when it is a supported month. */
export function isoMonthProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}$/.test(value)) return 'expected a month YYYY-MM';
  const month = Number(value.slice(5, 7));
  if (month < 1 || month > 12) return 'expected a month YYYY-MM with a month 01–12';
  const year = Number(value.slice(0, 4));
  if (year < MIN_SUPPORTED_YEAR || year > MAX_SUPPORTED_YEAR) return DATE_RANGE_MESSAGE;
  return null;
}

/** Text that can be stored: any string without NUL or lone surrogates. */
export const safeTextSchema = z.string({ error: 'expected text' }).superRefine((value, ctx) => {
  const message = unsafeTextReason(value);
  if (message !== null) ctx.addIssue({ code: 'custom', message });
});

/** An ISO calendar date `YYYY-MM-DD` that exists (no 2025-02-30) in the years 1900–9999. */
export const isoDateSchema = z
  .string({ error: DATE_MESSAGE })
  // The pattern stays in the OpenAPI document; the refinement adds existence and range.
  .regex(ISO_DATE_SHAPE, DATE_MESSAGE)
  .superRefine((value, ctx) => {
    const message = isoDateProblem(value);
    if (message !== null && message !== DATE_MESSAGE) ctx.addIssue({ code: 'custom', message });
  });

/** The same string schema, refusing text that cannot be stored (keeps its own messages and limits). */
export function withSafeText<T extends z.ZodString>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const message = unsafeTextReason(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });
}
