import type {
  AdrEvidence,
  DecisionEvidence,
  EvidenceRecord,
  MenteeReviewEvidence,
  RetroEvidence,
} from '../evidence/evidence.schema.js';
import { recordsInEffect } from '../evidence/supersede.js';
import { levelOn, type LevelStep, type Mentorship } from '../roster/roster.types.js';

/** One mentee as the portfolio presents them: where they started, where they are, how reviews moved. */
export interface MenteeOutcome {
  mentee: string;
  mentorship_id: string;
  start: string;
  end: string | null;
  level_at_start: string | null;
  level_now: string | null;
  /** Their level rose while the candidate mentored them. */
  advanced: boolean;
  reviews: { id: string; date: string; score: number; notes: string }[];
}

/** The candidate's "L5 evidence", assembled from the ledger as of a date; never edited, only annotated. */
export interface Portfolio {
  as_of: string;
  significant_decisions: Pick<
    DecisionEvidence,
    'id' | 'date' | 'type' | 'title' | 'recommendation' | 'data' | 'client_response' | 'outcome'
  >[];
  mentee_outcomes: MenteeOutcome[];
  retros: Pick<
    RetroEvidence,
    'id' | 'date' | 'feature_id' | 'hypothesis' | 'what_happened' | 'what_to_change'
  >[];
  adrs: Pick<AdrEvidence, 'id' | 'date' | 'title' | 'status' | 'link'>[];
}

const byDate = (a: { date: string; id: string }, b: { date: string; id: string }): number =>
  a.date === b.date ? a.id.localeCompare(b.id) : a.date.localeCompare(b.date);

/**
 * Builds the portfolio from the candidate's ledger records in effect on `asOf` (corrections applied) and
 * the mentorships they gave. A decided case passes its decision date, so what the panel saw stays what
 * the record shows even when the ledger grows later.
 */
export function assemblePortfolio(
  records: readonly EvidenceRecord[],
  mentorships: readonly Mentorship[],
  menteeLevels: ReadonlyMap<string, readonly LevelStep[]>,
  asOf: string,
): Portfolio {
  const inEffect = recordsInEffect(records, asOf);
  const significant_decisions = inEffect
    .filter((r): r is DecisionEvidence => r.kind === 'decision' && r.significant)
    .sort(byDate)
    .map(({ id, date, type, title, recommendation, data, client_response, outcome }) => ({
      id,
      date,
      type,
      title,
      recommendation,
      data,
      client_response,
      outcome,
    }));
  const retros = inEffect
    .filter((r): r is RetroEvidence => r.kind === 'retro')
    .sort(byDate)
    .map(({ id, date, feature_id, hypothesis, what_happened, what_to_change }) => ({
      id,
      date,
      feature_id,
      hypothesis,
      what_happened,
      what_to_change,
    }));
  const adrs = inEffect
    .filter((r): r is AdrEvidence => r.kind === 'adr')
    .sort(byDate)
    .map(({ id, date, title, status, link }) => ({ id, date, title, status, link }));
  const reviews = inEffect.filter((r): r is MenteeReviewEvidence => r.kind === 'mentee_review').sort(byDate);

  const mentee_outcomes = mentorships
    .filter((m) => m.start <= asOf)
    .sort((a, b) => a.start.localeCompare(b.start) || a.mentee.localeCompare(b.mentee))
    .map((m): MenteeOutcome => {
      const levels = [...(menteeLevels.get(m.mentee) ?? [])];
      const until = m.end !== null && m.end < asOf ? m.end : asOf;
      const atStart = levelOn({ levels }, m.start)?.level ?? null;
      const atEnd = levelOn({ levels }, until)?.level ?? null;
      const advanced = levels.some((step) => step.since > m.start && step.since <= until);
      return {
        mentee: m.mentee,
        mentorship_id: m.id,
        start: m.start,
        end: m.end,
        level_at_start: atStart,
        level_now: levelOn({ levels }, asOf)?.level ?? atEnd,
        advanced,
        reviews: reviews
          .filter((r) => r.mentee === m.mentee && r.date >= m.start && r.date <= until)
          .map((r) => ({ id: r.id, date: r.date, score: r.score, notes: r.notes })),
      };
    });

  return { as_of: asOf, significant_decisions, mentee_outcomes, retros, adrs };
}
