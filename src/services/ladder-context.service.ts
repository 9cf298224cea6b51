import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import { validateLadderText } from '../core/ladder/validate-ladder.js';
import type { LadderContext } from '../core/roster/roster.schema.js';
import {
  getLadderInForce,
  listLadders,
  listVersionsOfLadder,
  shippedLaddersDir,
  type LadderServiceDeps,
} from './ladder.service.js';
import { invalidLadder } from './ladder.service.js';

/** The tracks, levels, curriculum modules, checklist items and competency areas of a set of ladders, merged. */
export function ladderContextOf(documents: readonly LadderDocument[]): LadderContext {
  const tracks = new Map<string, readonly string[]>();
  const curriculumModules = new Set<string>();
  const selfEvaluationItems = new Set<string>();
  const competencyAreas = new Set<string>();
  for (const doc of documents) {
    for (const track of doc.tracks) tracks.set(track.id, track.levels);
    for (const category of doc.competency_categories ?? [])
      for (const area of category.areas) competencyAreas.add(area.id);
    for (const level of doc.levels) {
      for (const phase of level.curriculum ?? [])
        for (const module of phase.modules) curriculumModules.add(module.id);
      for (const item of level.self_evaluation ?? []) selfEvaluationItems.add(item.id);
    }
  }
  // Several ladders may score one area: a milestone is known when any of them has it.
  const pointsMilestones = new Map<string, number>();
  for (const doc of documents)
    for (const competency of doc.points?.competencies ?? [])
      pointsMilestones.set(
        competency.area,
        Math.max(pointsMilestones.get(competency.area) ?? 0, competency.milestones.length),
      );
  return { tracks, curriculumModules, selfEvaluationItems, competencyAreas, pointsMilestones };
}

/** Parses and validates the ladder files shipped with the product (used before any ladder is published). */
export async function loadShippedLadders(dir = shippedLaddersDir): Promise<LadderDocument[]> {
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const documents: LadderDocument[] = [];
  for (const name of files) {
    const result = validateLadderText(
      await readFile(path.join(dir, name), 'utf8'),
      path.join('ladders', name),
    );
    if (!result.ok) throw invalidLadder(result.problems);
    documents.push(result.ladder);
  }
  return documents;
}

/**
 * The ladders that roster and evidence are checked against: each published ladder's version in force
 * today (or its latest, when every version takes effect later); the shipped files when nothing is
 * published yet, so a fresh database can import before anyone publishes.
 */
export async function loadActiveLadders(deps: LadderServiceDeps): Promise<LadderDocument[]> {
  const summaries = await listLadders(deps);
  if (summaries.length === 0) return loadShippedLadders();
  const documents: LadderDocument[] = [];
  for (const summary of summaries) {
    if (summary.activeVersion !== null) {
      documents.push((await getLadderInForce(deps, summary.ladderId)).document);
    } else {
      const versions = await listVersionsOfLadder(deps, summary.ladderId);
      const latest = versions[versions.length - 1];
      if (latest !== undefined) documents.push(latest.document);
    }
  }
  return documents;
}

/** The check context of the active ladders (see loadActiveLadders). */
export async function loadLadderContext(deps: LadderServiceDeps): Promise<LadderContext> {
  return ladderContextOf(await loadActiveLadders(deps));
}
