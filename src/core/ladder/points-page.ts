import type { LadderDocument, LevelDefinition } from './ladder.schema.js';
import type { Block, PageSection } from './level-page.js';

/**
 * The "Points and Bands" section of a level page (ADR 0021): the bands that name this level, every band
 * of the ladder, and the milestones of each scored competency with their points. A ladder without a
 * points block has no such section (its pages render exactly as before).
 */
export function pointsSection(doc: LadderDocument, level: LevelDefinition): PageSection | undefined {
  const points = doc.points;
  if (points === undefined) return undefined;
  const range = (from: number, to: number | undefined): string =>
    to === undefined ? `${from}+` : from === to ? `${from}` : `${from}–${to}`;
  const titleOf = (ref: string): string => doc.levels.find((l) => l.id === ref)?.title ?? ref;
  const mine = points.bands.filter((band) => band.level === level.id);
  const blocks: Block[] = [];
  blocks.push({
    kind: 'paragraph',
    text:
      mine.length === 0
        ? `No band of total points names ${level.id}.`
        : `${level.id} covers ${mine.length === 1 ? 'band' : 'bands'} ${mine
            .map((band) => `${band.id} (${range(band.from, band.to)} points)`)
            .join(
              ' and ',
            )} of total points: a person's points are, per competency, those of the highest milestone someone else assessed them at, added up.`,
  });
  if (points.description !== undefined) blocks.push({ kind: 'paragraph', text: points.description });
  blocks.push({ kind: 'subheading', text: 'Bands' });
  blocks.push({
    kind: 'table',
    head: ['Band', 'Points', 'Level', 'Title'],
    rows: points.bands.map((band) => [
      band.level === level.id ? `${band.id} (this level)` : band.id,
      range(band.from, band.to),
      band.level,
      band.title ?? titleOf(band.level),
    ]),
  });
  const names = new Map<string, string>();
  for (const category of doc.competency_categories ?? [])
    for (const area of category.areas) names.set(area.id, area.name);
  const widest = Math.max(...points.competencies.map((c) => c.milestones.length));
  blocks.push({ kind: 'subheading', text: 'Milestones' });
  blocks.push({
    kind: 'table',
    head: ['Competency', ...Array.from({ length: widest }, (_, i) => `Milestone ${i + 1}`)],
    rows: points.competencies.map((competency) => [
      names.get(competency.area) ?? competency.area,
      ...Array.from({ length: widest }, (_, i) => {
        const milestone = competency.milestones[i];
        return milestone === undefined
          ? '—'
          : `${milestone.points} ${milestone.points === 1 ? 'point' : 'points'}: ${milestone.text}`;
      }),
    ]),
  });
  return { id: 'points', heading: 'Points and Bands', blocks };
}

/**
 * The comparison rows of two levels of a ladder with points: the bands of total points each level is,
 * and the points those bands span. None for a ladder without points (its comparison stays as it was).
 */
export function pointsComparisonRows(
  doc: LadderDocument,
  left: LevelDefinition,
  right: LevelDefinition,
): { section: string; aspect: string; left: string; right: string; changed: boolean }[] {
  const points = doc.points;
  if (points === undefined) return [];
  const bandsOf = (level: LevelDefinition) => points.bands.filter((band) => band.level === level.id);
  const names = (level: LevelDefinition) =>
    bandsOf(level)
      .map((band) => band.id)
      .join(', ') || '—';
  const span = (level: LevelDefinition) => {
    const bands = bandsOf(level);
    const first = bands[0];
    const last = bands[bands.length - 1];
    if (first === undefined || last === undefined) return '—';
    return last.to === undefined ? `${first.from}+` : `${first.from}–${last.to}`;
  };
  const row = (aspect: string, l: string, r: string) => ({
    section: 'points',
    aspect,
    left: l,
    right: r,
    changed: l !== r,
  });
  return [row('bands', names(left), names(right)), row('total points', span(left), span(right))];
}
