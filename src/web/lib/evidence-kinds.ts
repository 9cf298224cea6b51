import { t } from '../i18n/i18n';

/**
 * How each evidence kind reads in a sentence, in the plural ("code reviews"), in the organisation's
 * language. The words are not kept here: GET /api/instance gives them from the one list the server has
 * (core ladder-locale.ts, which the rendered level page writes with), and the app hands them over with
 * `setEvidenceKindWords` before any screen renders.
 */
let kindWords: Readonly<Record<string, string>> = {};

/** Uses `words` (GET /api/instance's `evidence_kinds`) for every later `evidenceKindWords`. */
export function setEvidenceKindWords(words: Readonly<Record<string, string>>): void {
  kindWords = words;
}

/** "code_review" → "code reviews"; a kind the server did not name reads with its underscores as spaces. */
export function evidenceKindWords(kind: string): string {
  return kindWords[kind] ?? kind.replaceAll('_', ' ');
}

/** "18–30 months", "24 months", "1 month": a typical time in level as the ladder gives it. */
export function monthsRange(from: number, to: number): string {
  if (from === to) return t('{months, plural, one {# month} other {# months}}', { months: from });
  return t('{from}–{to} months', { from, to });
}
