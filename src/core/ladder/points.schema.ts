import { z } from 'zod';

/**
 * Points and bands (issue 16, ADR 0021): a ladder may score assessed milestones per competency area as
 * points and map a person's total to a band, which names a level and a title. The schema holds the shape;
 * `checkPoints` holds the rules across the block (areas declared, points increasing, bands without
 * overlaps or gaps), run by the ladder validator with the document's other cross-checks.
 */

const text = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text');
const id = z
  .string({ error: 'expected an id' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id (a-z, 0-9, -)');
const points = z
  .number({ error: 'expected a whole number of points ≥ 0' })
  .int('expected a whole number of points ≥ 0')
  .min(0, 'expected a whole number of points ≥ 0');

/** One milestone of a competency: what reaching it looks like and what it is worth. Its number is its place. */
export const milestoneSchema = z.strictObject({
  points: points.refine((value) => value > 0, 'expected at least 1 point'),
  text,
  examples: z.array(text).min(1, 'expected at least one example').optional(),
});

/** The milestones of one competency area, lowest first. */
export const pointsCompetencySchema = z.strictObject({
  area: id,
  milestones: z.array(milestoneSchema).min(1, 'expected at least one milestone'),
});

/** A range of total points, inclusive; the last band may leave `to` out (and everything above is in it). */
export const bandSchema = z.strictObject({
  id,
  from: points,
  to: points.optional(),
  // Checked against the ladder's levels by the validator, which knows how levels are named.
  level: z.string({ error: 'expected a level id' }).min(1, 'expected a level id'),
  title: text.optional(),
});

export const pointsSchema = z.strictObject({
  description: text.optional(),
  competencies: z.array(pointsCompetencySchema).min(1, 'expected at least one competency with milestones'),
  bands: z.array(bandSchema).min(1, 'expected at least one band'),
});

export type PointsDefinition = z.infer<typeof pointsSchema>;
export type PointsCompetency = z.infer<typeof pointsCompetencySchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type Band = z.infer<typeof bandSchema>;

type PathSegment = string | number;

/** A problem found by `checkPoints`, with its path from the document's root. */
export interface PointsProblem {
  path: PathSegment[];
  message: string;
}

/** What `checkPoints` needs from the rest of the document. */
export interface PointsCheckContext {
  /** The declared competency areas; undefined when a category was refused (nothing is then "unknown"). */
  areaIds: ReadonlySet<string> | undefined;
  categoriesDeclared: boolean;
  /** Whether the schema took out a competency or milestone (then totals and "unknown" are not concluded). */
  competenciesWhole: boolean;
  /** Whether the schema took out a band (then overlaps and gaps are not concluded). */
  bandsWhole: boolean;
}

/** A salvaged block may have holes where the schema refused an item. */
type Salvaged<T> = readonly (T | undefined)[] | undefined;

function present<T>(items: Salvaged<T>): { item: T; index: number }[] {
  return (items ?? []).flatMap((item, index) => (item === undefined ? [] : [{ item, index }]));
}

/**
 * The rules across a points block: each area declared and scored once, each milestone worth more than
 * the one before, bands in order from 0 with neither overlaps nor gaps, only the last one open, and no
 * band out of reach. Band levels are checked by the caller (it owns level naming).
 */
export function checkPoints(
  block: { competencies?: Salvaged<PointsCompetency>; bands?: Salvaged<Band> },
  context: PointsCheckContext,
): PointsProblem[] {
  const problems: PointsProblem[] = [];
  const base = ['points'];
  const seenArea = new Map<string, number>();
  let maxTotal = 0;
  for (const { item: competency, index: ci } of present(block.competencies)) {
    const at = [...base, 'competencies', ci];
    const first = seenArea.get(competency.area);
    if (first !== undefined) {
      problems.push({
        path: [...at, 'area'],
        message: `duplicate points for competency area "${competency.area}" (first at index ${first})`,
      });
    } else {
      seenArea.set(competency.area, ci);
      const { areaIds } = context;
      if (areaIds !== undefined && !areaIds.has(competency.area)) {
        problems.push({
          path: [...at, 'area'],
          message: context.categoriesDeclared
            ? `unknown competency area "${competency.area}" (areas: ${[...areaIds].join(', ')})`
            : `unknown competency area "${competency.area}": the ladder declares no competency_categories`,
        });
      }
    }
    let previous: { points: number; number: number } | undefined;
    for (const { item: milestone, index: mi } of present(competency.milestones)) {
      if (previous !== undefined && milestone.points <= previous.points) {
        problems.push({
          path: [...at, 'milestones', mi, 'points'],
          message: `expected more than ${previous.points} points (milestone ${previous.number}): each milestone is worth more than the one before it`,
        });
      }
      previous = { points: milestone.points, number: mi + 1 };
    }
    if (first === undefined && previous !== undefined) maxTotal += previous.points;
  }

  if (!context.bandsWhole) return problems;
  const bands = present(block.bands);
  const seenBand = new Map<string, number>();
  for (const { item: band, index } of bands) {
    const firstIndex = seenBand.get(band.id);
    if (firstIndex !== undefined)
      problems.push({
        path: [...base, 'bands', index, 'id'],
        message: `duplicate band id "${band.id}" (first at index ${firstIndex})`,
      });
    else seenBand.set(band.id, index);
    if (band.to !== undefined && band.to < band.from) {
      problems.push({ path: [...base, 'bands', index, 'to'], message: `expected to ≥ from (${band.from})` });
    }
  }
  const firstBand = bands[0];
  if (firstBand !== undefined && firstBand.item.from !== 0) {
    problems.push({
      path: [...base, 'bands', firstBand.index, 'from'],
      message: `expected from: 0 — the first band starts at 0 points (a person with no assessed milestone has 0)`,
    });
  }
  bands.forEach(({ item: band, index }, position) => {
    const next = bands[position + 1];
    if (next === undefined) return;
    if (band.to === undefined) {
      problems.push({
        path: [...base, 'bands', index],
        message: `band "${band.id}" has no to, but band "${next.item.id}" follows it: only the last band is open-ended`,
      });
      return;
    }
    const expected = band.to + 1;
    if (next.item.from < expected) {
      problems.push({
        path: [...base, 'bands', next.index, 'from'],
        message: `band "${next.item.id}" overlaps band "${band.id}" (${band.from}–${band.to}): expected from: ${expected}`,
      });
    } else if (next.item.from > expected) {
      problems.push({
        path: [...base, 'bands', next.index, 'from'],
        message: `a gap before band "${next.item.id}": no band holds ${expected}${next.item.from - 1 > expected ? `–${next.item.from - 1}` : ''} points (band "${band.id}" ends at ${band.to}); expected from: ${expected}`,
      });
    }
  });
  const lastBand = bands[bands.length - 1];
  if (
    lastBand !== undefined &&
    lastBand.item.to !== undefined &&
    lastBand.item.to < maxTotal &&
    context.competenciesWhole
  ) {
    problems.push({
      path: [...base, 'bands', lastBand.index, 'to'],
      message: `the last band ends at ${lastBand.item.to} points, but a person can reach ${maxTotal} (every competency at its last milestone): leave to out, or raise it to ${maxTotal}`,
    });
  }
  if (context.competenciesWhole) {
    for (const { item: band, index } of bands) {
      if (band.from > maxTotal) {
        problems.push({
          path: [...base, 'bands', index, 'from'],
          message: `band "${band.id}" starts at ${band.from} points, but the most a person can reach is ${maxTotal} (every competency at its last milestone)`,
        });
      }
    }
  }
  return problems;
}
