import {
  CADENCES,
  type Cadence,
  type CompetencyArea,
  type CompetencyCategory,
  type Expectation,
  type LadderDocument,
  type LevelDefinition,
  type PromotionDefinition,
  type TrackDefinition,
} from './ladder.schema.js';

/**
 * The level a reference names: `track/level`, or a bare id when one track only has a level of that id
 * (ADR 0020). An unknown or ambiguous reference is undefined.
 */
export function findLevel(doc: LadderDocument, ref: string): LevelDefinition | undefined {
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const track = ref.slice(0, slash);
    const id = ref.slice(slash + 1);
    return doc.levels.find((level) => level.track === track && level.id === id);
  }
  const found = doc.levels.filter((level) => level.id === ref);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The level a builder holds: the roster stores their track and a level id, which together name one level
 * even where tracks share level ids (a bare `findLevel` would be ambiguous there).
 */
export function findLevelInTrack(
  doc: LadderDocument,
  track: string,
  id: string,
): LevelDefinition | undefined {
  return doc.levels.find((level) => level.track === track && level.id === id) ?? findLevel(doc, id);
}

/** The tracks that have a level of this bare id (more than one when disciplines share level names). */
export function tracksWithLevelId(doc: LadderDocument, id: string): string[] {
  return doc.levels.filter((level) => level.id === id).map((level) => level.track);
}

/**
 * How the roster and every other reference name this level: its id when no other track has a level of
 * that id (the shipped ladder's `L4`), else `track/level`.
 */
export function levelKey(doc: LadderDocument, level: LevelDefinition): string {
  return tracksWithLevelId(doc, level.id).length > 1 ? `${level.track}/${level.id}` : level.id;
}

/** How a level is shown to people: its label ("Ingénieure 3"), else its id. */
export function levelLabel(level: LevelDefinition): string {
  return level.label ?? level.id;
}

/** The label of the level a reference names, or the reference itself when it names none. */
export function levelRefLabel(doc: LadderDocument, ref: string): string {
  const level = findLevel(doc, ref);
  return level === undefined ? ref : levelLabel(level);
}

/** The track that holds the level this reference names, or undefined. */
export function findTrackOfLevel(doc: LadderDocument, ref: string): TrackDefinition | undefined {
  const level = findLevel(doc, ref);
  if (level === undefined) return undefined;
  return doc.tracks.find((track) => track.id === level.track && track.levels.includes(level.id));
}

/** The level's position in its track (0 = lowest), or undefined when no track lists it. */
export function levelOrder(doc: LadderDocument, ref: string): number | undefined {
  const level = findLevel(doc, ref);
  const track = findTrackOfLevel(doc, ref);
  return level === undefined || track === undefined ? undefined : track.levels.indexOf(level.id);
}

/** Every level a promotion may lead to, the usual next step first (`target_levels`, or `target_level`). */
export function promotionTargets(promotion: PromotionDefinition): string[] {
  return promotion.target_levels ?? [promotion.target_level];
}

/** The level a promotion from `ref` leads to: the file's (first) target, else the next in the track. */
export function nextLevel(doc: LadderDocument, ref: string): LevelDefinition | undefined {
  const level = findLevel(doc, ref);
  if (level?.promotion !== undefined) return resolveFrom(doc, level, level.promotion.target_level);
  const track = findTrackOfLevel(doc, ref);
  const next = track?.levels[track.levels.indexOf(level?.id ?? '') + 1];
  return next === undefined || level === undefined ? undefined : resolveFrom(doc, level, next);
}

/**
 * A reference written in a level's own fields: a bare id means the level of that id in the writer's own
 * track when it has one (a track's list never needs qualifying), else the one level of that id.
 */
export function resolveFrom(
  doc: LadderDocument,
  from: LevelDefinition,
  ref: string,
): LevelDefinition | undefined {
  if (!ref.includes('/')) {
    const own = doc.levels.find((level) => level.track === from.track && level.id === ref);
    if (own !== undefined) return own;
  }
  return findLevel(doc, ref);
}

/**
 * The levels of other tracks a level stands level with: those it names in `equivalent_to` and those
 * naming it (equivalence is symmetric, one step — not carried through a chain).
 */
export function equivalentLevels(doc: LadderDocument, level: LevelDefinition): LevelDefinition[] {
  const found: LevelDefinition[] = [];
  const add = (other: LevelDefinition | undefined): void => {
    if (other !== undefined && other !== level && !found.includes(other)) found.push(other);
  };
  for (const ref of level.equivalent_to ?? []) add(resolveFrom(doc, level, ref));
  for (const other of doc.levels)
    if ((other.equivalent_to ?? []).some((ref) => resolveFrom(doc, other, ref) === level)) add(other);
  return found;
}

/**
 * True when `ref` is `min` or above it in the same track, or when it (or a level below it in its own track)
 * stands level with a level of `min`'s track that is: a Senior EM above an EM equivalent to IC4 is at least
 * IC4. False for unknown levels, and across tracks without an equivalence on the way.
 */
export function isLevelAtLeast(doc: LadderDocument, ref: string, min: string): boolean {
  const level = findLevel(doc, ref);
  const floor = findLevel(doc, min);
  if (level === undefined || floor === undefined) return false;
  const rank = (candidate: LevelDefinition): number => {
    const track = doc.tracks.find((t) => t.id === candidate.track);
    return track === undefined ? -1 : track.levels.indexOf(candidate.id);
  };
  if (rank(floor) < 0 || rank(level) < 0) return false;
  const atLeast = (candidate: LevelDefinition): boolean =>
    candidate.track === floor.track && rank(candidate) >= rank(floor);
  if (atLeast(level)) return true;
  // The level and those below it in its track: an equivalence holds for every level above it too.
  const steps = doc.levels.filter(
    (other) => other.track === level.track && rank(other) >= 0 && rank(other) <= rank(level),
  );
  return steps.some((step) => equivalentLevels(doc, step).some(atLeast));
}

/** Days between check-ins for a cadence word. */
export function cadenceDays(cadence: Cadence): number {
  return CADENCES[cadence];
}

/** Mentee slots a level gives; a level without `gives` has none. */
export function mentorSlots(level: LevelDefinition): number {
  return level.mentorship?.gives?.slots ?? 0;
}

/** A competency area with the category that holds it. */
export interface PlacedArea {
  category: CompetencyCategory;
  area: CompetencyArea;
}

/** Every competency area of the ladder in the file's order (categories, then areas within each). */
export function competencyAreas(doc: LadderDocument): PlacedArea[] {
  return (doc.competency_categories ?? []).flatMap((category) =>
    category.areas.map((area) => ({ category, area })),
  );
}

/** The competency area with this id and its category, or undefined. */
export function findCompetencyArea(doc: LadderDocument, id: string): PlacedArea | undefined {
  return competencyAreas(doc).find((placed) => placed.area.id === id);
}

/** What a level expects in an area, or undefined when the level says nothing of it. */
export function findExpectation(level: LevelDefinition, areaId: string): Expectation | undefined {
  return level.expectations?.find((expectation) => expectation.area === areaId);
}
