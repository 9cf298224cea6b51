import {
  CADENCES,
  type Cadence,
  type CompetencyArea,
  type CompetencyCategory,
  type Expectation,
  type LadderDocument,
  type LevelDefinition,
  type TrackDefinition,
} from './ladder.schema.js';

/** The level with this id, or undefined. */
export function findLevel(doc: LadderDocument, id: string): LevelDefinition | undefined {
  return doc.levels.find((level) => level.id === id);
}

/** The track that lists this level, or undefined. */
export function findTrackOfLevel(doc: LadderDocument, id: string): TrackDefinition | undefined {
  return doc.tracks.find((track) => track.levels.includes(id));
}

/** The level's position in its track (0 = lowest), or undefined when no track lists it. */
export function levelOrder(doc: LadderDocument, id: string): number | undefined {
  const track = findTrackOfLevel(doc, id);
  return track === undefined ? undefined : track.levels.indexOf(id);
}

/** The level a promotion from `id` leads to: the file's target, else the next in the track. */
export function nextLevel(doc: LadderDocument, id: string): LevelDefinition | undefined {
  const level = findLevel(doc, id);
  if (level?.promotion !== undefined) return findLevel(doc, level.promotion.target_level);
  const track = findTrackOfLevel(doc, id);
  const next = track?.levels[track.levels.indexOf(id) + 1];
  return next === undefined ? undefined : findLevel(doc, next);
}

/** True when `id` is `min` or above it in the same track; false across tracks or for unknown levels. */
export function isLevelAtLeast(doc: LadderDocument, id: string, min: string): boolean {
  const track = findTrackOfLevel(doc, id);
  if (track === undefined || !track.levels.includes(min)) return false;
  return track.levels.indexOf(id) >= track.levels.indexOf(min);
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
