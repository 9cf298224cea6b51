import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { addDays } from '../../src/core/dates/calendar.js';
import type { OrganisationData } from '../../src/core/roster/organisation.types.js';
import type { Services } from '../../src/services/composition-root.js';
import { removeReadinessAnswersAndContributions } from '../../src/db/repositories/contributions.repository.js';
import { getRanking, referenceRanking as fullRanking } from '../../src/services/ranking.service.js';
import {
  getReadinessText,
  referenceReadiness as fullReadiness,
} from '../../src/services/readiness.service.js';
import { leadership } from '../helpers/actors.js';

/**
 * The exactness harness of issue 15: the maintained answers (getReadiness, getRanking) against the full
 * evaluation kept as the reference (referenceReadiness, referenceRanking), whole answers deep-equal —
 * statuses, values, gaps and the ids of the records behind each metric, in order. An evaluation that
 * refuses (a date before a builder's first level, an unknown level) must refuse the same way on both.
 * The maintained answer is asked twice, before and after the reference, so a stored answer is compared
 * on its warm read as well as on the read that computed it.
 */

export type Answer = { ok: true; value: unknown } | { ok: false; error: string };

async function settle(run: () => Promise<unknown>): Promise<Answer> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: `${error.code}: ${error.message}` };
    throw error;
  }
}

/** The maintained readiness of `email` on `at`, as a user reads it (the text the route sends, parsed). */
export function maintainedReadiness(services: Services, email: string, at: string): Promise<Answer> {
  return settle(async () => JSON.parse(await getReadinessText(services, leadership, email, at)) as unknown);
}

/** The full evaluation's readiness of `email` on `at` (referenceReadiness: every visible record). */
export function referenceReadiness(services: Services, email: string, at: string): Promise<Answer> {
  return settle(() => fullReadiness(services, email, at));
}

/** The maintained ranking of `level` on `at`. */
export function maintainedRanking(services: Services, level: string, at: string): Promise<Answer> {
  return settle(() => getRanking(services, leadership, level, at));
}

/** The full evaluation's ranking of `level` on `at` (referenceRanking: nothing stored or reused). */
export function referenceRanking(services: Services, level: string, at: string): Promise<Answer> {
  return settle(() => fullRanking(services, level, at));
}

/** One answer that differs: what was asked, and both answers. */
export interface Difference {
  what: 'readiness' | 'ranking';
  /** The builder's email or the level id. */
  subject: string;
  at: string;
  /**
   * `cold` is the first maintained read (for readiness: contributions built on the first date asked,
   * reused from an earlier date after that), `warm` the one after the reference was computed (the stored
   * answer), `rebuilt` a read after the builder's answers and contributions were removed (contributions
   * built from the records on this very date).
   */
  read: 'cold' | 'warm' | 'rebuilt';
  maintained: Answer;
  reference: Answer;
}

/** Compares maintained and reference readiness for every builder at every date. */
export async function readinessDifferences(
  services: Services,
  emails: readonly string[],
  dates: readonly string[],
): Promise<Difference[]> {
  const out: Difference[] = [];
  for (const at of dates) {
    for (const email of emails) {
      const cold = await maintainedReadiness(services, email, at);
      const reference = await referenceReadiness(services, email, at);
      const warm = await maintainedReadiness(services, email, at);
      await removeReadinessAnswersAndContributions(services.db, email);
      const rebuilt = await maintainedReadiness(services, email, at);
      const base = { what: 'readiness' as const, subject: email, at, reference };
      if (!isDeepStrictEqual(cold, reference)) out.push({ ...base, read: 'cold', maintained: cold });
      if (!isDeepStrictEqual(warm, reference)) out.push({ ...base, read: 'warm', maintained: warm });
      if (!isDeepStrictEqual(rebuilt, reference)) out.push({ ...base, read: 'rebuilt', maintained: rebuilt });
    }
  }
  return out;
}

/** Compares maintained and reference rankings of every level at every date. */
export async function rankingDifferences(
  services: Services,
  levels: readonly string[],
  dates: readonly string[],
): Promise<Difference[]> {
  const out: Difference[] = [];
  for (const at of dates) {
    for (const level of levels) {
      const cold = await maintainedRanking(services, level, at);
      const reference = await referenceRanking(services, level, at);
      const warm = await maintainedRanking(services, level, at);
      const base = { what: 'ranking' as const, subject: level, at, reference };
      if (!isDeepStrictEqual(cold, reference)) out.push({ ...base, read: 'cold', maintained: cold });
      if (!isDeepStrictEqual(warm, reference)) out.push({ ...base, read: 'warm', maintained: warm });
    }
  }
  return out;
}

/**
 * Fails on the first difference with vitest's diff of the two answers, and the count of all of them
 * (the full list is too long to read; the first one is what to fix).
 */
export function expectNoDifferences(differences: readonly Difference[]): void {
  const first = differences[0];
  if (first === undefined) return;
  const where = `${differences.length} difference(s); first: ${first.what} of ${first.subject} at ${first.at} (${first.read} read)`;
  expect(first.maintained, where).toEqual(first.reference);
  // Equal under toEqual but not strictly (an undefined key, say): still a difference in the answer.
  expect.fail(`${where}: the answers differ only in undefined keys or prototypes`);
}

/** The levels of the shipped ladder's track, and one that does not exist (refused the same way). */
export const LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5', 'L9'] as const;

/**
 * Dates at which answers change, with their neighbours: every level start (and the day before), every
 * mentorship and placement start and end, every evidence date and the day before it (corrections take
 * effect on their own date), today, tomorrow and a year on. Sorted, without repeats.
 */
export function datesOfInterest(data: OrganisationData, today: string): string[] {
  const dates = new Set<string>([today, addDays(today, 1), addDays(today, 400)]);
  const around = (date: string | null): void => {
    if (date === null) return;
    dates.add(date);
    dates.add(addDays(date, -1));
    dates.add(addDays(date, 1));
  };
  for (const builder of data.builders) for (const step of builder.levels) around(step.since);
  for (const m of data.mentorships) {
    around(m.start);
    around(m.end);
  }
  for (const p of data.placements) {
    around(p.start);
    around(p.end);
  }
  for (const record of data.evidence) {
    dates.add(record.date);
    dates.add(addDays(record.date, -1));
  }
  return [...dates].sort();
}

/** `count` dates spread evenly over `dates` (sorted), always keeping the first and the last. */
export function spreadDates(dates: readonly string[], count: number): string[] {
  if (dates.length <= count) return [...dates];
  const picked = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const date = dates[Math.round((i * (dates.length - 1)) / (count - 1))];
    if (date !== undefined) picked.add(date);
  }
  return [...picked];
}
