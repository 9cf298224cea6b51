import type { MilestoneAssessmentEvidence } from '../evidence/evidence.schema.js';
import { recordsInEffect } from '../evidence/supersede.js';
import type { LadderDocument } from '../ladder/ladder.schema.js';
import type { Band } from '../ladder/points.schema.js';

/**
 * Points and bands (issue 16, ADR 0021): a person's points are, per competency area the ladder scores,
 * the points of the highest milestone someone else assessed them at (standing at `at`: a correction
 * replaces what it corrects from its own date); the total falls in a band. Pure: `at` is a parameter.
 */

/** How many sets of next milestones are listed at most (the count of the fewest is always exact). */
export const MAX_LISTED_SETS = 5;
// Enough for any real ladder (a few dozen areas); past it the sets listed are only examples.
const SEARCH_BUDGET = 50_000;

/** The record behind a competency's points, as a person reads it. */
export interface AssessmentRef {
  id: string;
  date: string;
  recorded_by: string;
  confirmed_by: string | null;
  milestone: number;
  note: string;
}

export interface CompetencyPoints {
  area: string;
  /** The area's name and its category's name (the area id when the ladder does not declare it). */
  name: string;
  category: string | null;
  /** The highest assessed milestone (1 = the first), or 0 when none is assessed. */
  milestone: number;
  points: number;
  /** What the assessed milestone says; null at 0. */
  text: string | null;
  /** The assessment behind the milestone (the latest of the highest), and how many others count. */
  assessment: AssessmentRef | null;
  other_assessments: string[];
  /** The next milestone and what it adds; null at the last one. */
  next: { milestone: number; points: number; gain: number; text: string } | null;
  milestones: number;
}

export interface BandRef {
  id: string;
  from: number;
  to: number | null;
  level: string;
  title: string;
}

/** One step of a set: an area moved to its next milestone. */
export interface NextStep {
  area: string;
  name: string;
  milestone: number;
  gain: number;
}

export interface NextBand {
  band: BandRef;
  /** Points still needed: the band's floor minus the total. */
  needed: number;
  /** The fewest next milestones (one per area) that together reach the floor; null when none do. */
  fewest: number | null;
  /** Sets of that many next milestones that reach it, in the ladder's order of areas. */
  sets: { steps: NextStep[]; gain: number }[];
  /** More sets of that size exist than are listed. */
  more_sets: boolean;
  /** What every next milestone together adds (when even that falls short, say so). */
  all_next_gain: number;
}

/** An assessment that does not count, and why (self-assessed; an area or milestone the ladder lacks). */
export interface UncountedAssessment {
  id: string;
  date: string;
  competency: string;
  milestone: number;
  reason: string;
}

export interface PointsAnswer {
  at: string;
  total: number;
  max_total: number;
  band: BandRef | null;
  competencies: CompetencyPoints[];
  next: NextBand | null;
  not_counted: UncountedAssessment[];
  /** The answer in plain words, one sentence per line. */
  summary: string[];
}

/** True when someone other than the builder recorded or confirmed the assessment. */
export function assessedByOther(record: MilestoneAssessmentEvidence): boolean {
  return (
    record.recorded_by !== record.builder ||
    (record.confirmed_by !== null && record.confirmed_by !== record.builder)
  );
}

function bandRef(doc: LadderDocument, band: Band): BandRef {
  const level = doc.levels.find((l) => l.id === band.level);
  return {
    id: band.id,
    from: band.from,
    to: band.to ?? null,
    level: band.level,
    title: band.title ?? level?.title ?? band.level,
  };
}

/** The band holding `total` points (bands are validated: in order, from 0, no gaps). */
export function bandOf(doc: LadderDocument, total: number): BandRef | null {
  const band = doc.points?.bands.find((b) => b.from <= total && (b.to === undefined || total <= b.to));
  return band === undefined ? null : bandRef(doc, band);
}

/**
 * A person's points against a ladder at `at`: per scored area the highest standing milestone assessed by
 * someone else with the record behind it, the total and its band, and the fewest next milestones that
 * reach the next band. `records` are the builder's milestone assessments of every date (corrections
 * dated after `at` are then seen and ignored). Null when the ladder scores no points.
 */
export function evaluatePoints(
  doc: LadderDocument,
  records: readonly MilestoneAssessmentEvidence[],
  at: string,
): PointsAnswer | null {
  const points = doc.points;
  if (points === undefined) return null;
  const names = new Map<string, { name: string; category: string }>();
  for (const category of doc.competency_categories ?? [])
    for (const area of category.areas) names.set(area.id, { name: area.name, category: category.name });

  const scored = new Map(points.competencies.map((c) => [c.area, c]));
  const notCounted: UncountedAssessment[] = [];
  const counted = new Map<string, MilestoneAssessmentEvidence[]>();
  const standing = recordsInEffect(records, at).sort(
    (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
  );
  for (const record of standing) {
    const uncounted = (reason: string) =>
      notCounted.push({
        id: record.id,
        date: record.date,
        competency: record.competency,
        milestone: record.milestone,
        reason,
      });
    const competency = scored.get(record.competency);
    if (!assessedByOther(record)) uncounted('self-assessed: points count only assessments by someone else');
    else if (competency === undefined) uncounted(`this ladder scores no competency ${record.competency}`);
    else if (record.milestone > competency.milestones.length)
      uncounted(`this ladder gives ${record.competency} milestones 1–${competency.milestones.length}`);
    else counted.set(record.competency, [...(counted.get(record.competency) ?? []), record]);
  }

  const competencies: CompetencyPoints[] = points.competencies.map((competency) => {
    const mine = counted.get(competency.area) ?? [];
    // The highest milestone; among equals the latest (it speaks for now), the others listed by id.
    let best: MilestoneAssessmentEvidence | undefined;
    for (const record of mine) if (best === undefined || record.milestone >= best.milestone) best = record;
    const milestone = best?.milestone ?? 0;
    const reached = milestone === 0 ? undefined : competency.milestones[milestone - 1];
    const following = competency.milestones[milestone];
    const earned = reached?.points ?? 0;
    const named = names.get(competency.area);
    return {
      area: competency.area,
      name: named?.name ?? competency.area,
      category: named?.category ?? null,
      milestone,
      points: earned,
      text: reached?.text ?? null,
      assessment:
        best === undefined
          ? null
          : {
              id: best.id,
              date: best.date,
              recorded_by: best.recorded_by,
              confirmed_by: best.confirmed_by,
              milestone: best.milestone,
              note: best.note,
            },
      other_assessments: mine.filter((r) => r !== best).map((r) => r.id),
      next:
        following === undefined
          ? null
          : {
              milestone: milestone + 1,
              points: following.points,
              gain: following.points - earned,
              text: following.text,
            },
      milestones: competency.milestones.length,
    };
  });

  const total = competencies.reduce((sum, c) => sum + c.points, 0);
  const maxTotal = points.competencies.reduce(
    (sum, c) => sum + (c.milestones[c.milestones.length - 1]?.points ?? 0),
    0,
  );
  const band = bandOf(doc, total);
  const nextDefinition = points.bands.find((b) => b.from > total);
  const next =
    nextDefinition === undefined ? null : nextBand(bandRef(doc, nextDefinition), total, competencies);
  const answer: PointsAnswer = {
    at,
    total,
    max_total: maxTotal,
    band,
    competencies,
    next,
    not_counted: notCounted,
    summary: [],
  };
  answer.summary = describePoints(answer);
  return answer;
}

/** The next band with the fewest next milestones (one step per area) that reach its floor. */
function nextBand(band: BandRef, total: number, competencies: readonly CompetencyPoints[]): NextBand {
  const needed = band.from - total;
  const candidates = competencies.flatMap((c) =>
    c.next === null ? [] : [{ area: c.area, name: c.name, milestone: c.next.milestone, gain: c.next.gain }],
  );
  const allNextGain = candidates.reduce((sum, c) => sum + c.gain, 0);
  const empty = { band, needed, sets: [], more_sets: false, all_next_gain: allNextGain };
  if (allNextGain < needed) return { ...empty, fewest: null };
  // The fewest: take the largest gains first until the floor is reached.
  const byGain = [...candidates].sort((a, b) => b.gain - a.gain);
  let fewest = 0;
  for (let sum = 0; sum < needed; fewest++) sum += byGain[fewest]?.gain ?? 0;

  // Every set of exactly `fewest` steps that reaches the floor, in the ladder's order, up to the limit.
  const sets: NextBand['sets'] = [];
  let more = false;
  let budget = SEARCH_BUDGET;
  // The best `k` gains among candidates[i..]: the bound that prunes branches which cannot reach.
  const bestFrom = (start: number, k: number): number =>
    candidates
      .slice(start)
      .map((c) => c.gain)
      .sort((a, b) => b - a)
      .slice(0, k)
      .reduce((s, g) => s + g, 0);
  const walk = (start: number, chosen: NextStep[], sum: number): void => {
    if (more || budget-- <= 0) {
      more = true;
      return;
    }
    if (chosen.length === fewest) {
      if (sum < needed) return;
      if (sets.length === MAX_LISTED_SETS) more = true;
      else sets.push({ steps: [...chosen], gain: sum });
      return;
    }
    for (let i = start; i < candidates.length; i++) {
      const left = fewest - chosen.length;
      if (candidates.length - i < left) return;
      if (sum + bestFrom(i, left) < needed) return;
      const step = candidates[i];
      if (step === undefined) continue;
      chosen.push(step);
      walk(i + 1, chosen, sum + step.gain);
      chosen.pop();
    }
  };
  walk(0, [], 0);
  return { ...empty, fewest, sets, more_sets: more };
}

function bandWords(band: BandRef): string {
  const range = band.to === null ? `${band.from} points or more` : `${band.from}–${band.to} points`;
  return `band ${band.id} (${band.level}, ${band.title}, ${range})`;
}

function stepWords(step: NextStep): string {
  return `${step.name} milestone ${step.milestone} (+${step.gain})`;
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The answer as sentences: the total and band, then what reaches the next band. */
export function describePoints(answer: PointsAnswer): string[] {
  const lines: string[] = [];
  const assessed = answer.competencies.filter((c) => c.milestone > 0).length;
  lines.push(
    `${answer.total} of ${answer.max_total} points from ${assessed} of ${answer.competencies.length} competencies assessed` +
      (answer.band === null ? ': no band holds this total.' : `: ${bandWords(answer.band)}.`),
  );
  const next = answer.next;
  if (next === null) lines.push('This is the top band: no band lies above it.');
  else {
    const points = `${next.needed} more ${next.needed === 1 ? 'point reaches' : 'points reach'} ${bandWords(next.band)}.`;
    lines.push(points);
    if (next.fewest === null) {
      lines.push(
        `No set of next milestones reaches it: all of them together add ${next.all_next_gain} points, so it takes assessments further up.`,
      );
    } else {
      const first = next.sets[0];
      const count = next.fewest === 1 ? 'one next milestone' : `${next.fewest} next milestones`;
      lines.push(
        `The fewest that do it: ${count}` +
          (first === undefined ? '.' : `, for example ${listWords(first.steps.map(stepWords))}.`),
      );
    }
  }
  if (answer.not_counted.length > 0) {
    lines.push(
      `${answer.not_counted.length} ${answer.not_counted.length === 1 ? 'assessment does' : 'assessments do'} not count (${answer.not_counted.map((u) => `${u.id}: ${u.reason}`).join('; ')}).`,
    );
  }
  return lines;
}
