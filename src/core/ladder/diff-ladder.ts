import { deriveItemIds, matchItems } from './derived-ids.js';
import type { LadderDocument, LevelDefinition } from './ladder.schema.js';

/** One change between two versions of a ladder, placed by level and section. */
export interface LadderChange {
  /** The level it concerns, or null for the ladder itself (name, version, tracks). */
  level: string | null;
  /** The level's section (`promotion`, `ranking_standard`…), or the top-level field. */
  section: string;
  kind: 'added' | 'removed' | 'changed';
  /**
   * Where inside the section: items of id-keyed lists by their id, e.g. `ranking_standard[client-trust].threshold`;
   * a level's expectations by their competency area, e.g. `expectations[code-quality].text`; items without
   * an id (a `what_you_do` item, a summary paragraph, an example) by the id their text gives, kept from the
   * old version when the item was edited (src/core/ladder/derived-ids.ts), e.g. `summary[you-own-features]`.
   */
  path: string;
  before?: unknown;
  after?: unknown;
}

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Lists of text whose items are matched one by one; other lists of text (level ids, kinds) diff whole. */
const PROSE_LISTS = /(?:^|\.)(summary|unlocks|examples)$/;

/** A list whose items are matched (by id, own or derived from the text): objects, or prose paragraphs. */
const isItemList = (value: Json, path: string): value is Json[] =>
  Array.isArray(value) &&
  (value.every(isObject) || (PROSE_LISTS.test(path) && value.every((item) => typeof item === 'string')));

/** A level's expectations keyed by their area, so they diff competency by competency like id-keyed lists. */
const byArea = (value: Json): Json =>
  Array.isArray(value) && value.every((item) => isObject(item) && typeof item.area === 'string')
    ? value.map((item) => ({ id: (item as { area: string }).area, ...(item as Record<string, Json>) }))
    : value;

const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

function diffValues(
  before: Json,
  after: Json,
  path: string,
  emit: (c: Omit<LadderChange, 'level' | 'section'>) => void,
): void {
  if (same(before, after)) return;
  if (before === undefined) return emit({ kind: 'added', path, after });
  if (after === undefined) return emit({ kind: 'removed', path, before });
  if (isObject(before) && isObject(after)) {
    for (const key of unionKeys(Object.keys(before), Object.keys(after))) {
      diffValues(before[key], after[key], `${path}.${key}`, emit);
    }
    return;
  }
  // List items are matched by id (their own, or derived from their text), so an insertion, a reordering
  // or an edit reads as what it is.
  if (isItemList(before, path) && isItemList(after, path)) {
    diffItems(before, after, path, emit);
    return;
  }
  emit({ kind: 'changed', path, before, after });
}

function diffItems(
  before: Json[],
  after: Json[],
  path: string,
  emit: (c: Omit<LadderChange, 'level' | 'section'>) => void,
): void {
  const match = matchItems(before, after);
  const oldIds = deriveItemIds(before);
  const newIndex = new Map(match.pairs);
  before.forEach((item, i) => {
    const j = newIndex.get(i);
    diffValues(item, j === undefined ? undefined : after[j], `${path}[${oldIds[i]!}]`, emit);
  });
  for (const j of match.added) diffValues(undefined, after[j], `${path}[${match.ids[j]!}]`, emit);
  const commonOld = match.pairs.map(([i]) => oldIds[i]!);
  const commonNew = [...match.pairs].sort((a, b) => a[1] - b[1]).map(([i]) => oldIds[i]!);
  if (!same(commonOld, commonNew))
    emit({ kind: 'changed', path: `${path} (order)`, before: commonOld, after: commonNew });
}

/** Level ids that two tracks share in either version, so both versions name those levels alike. */
function sharedLevelIds(...docs: LadderDocument[]): Set<string> {
  const shared = new Set<string>();
  for (const doc of docs) {
    const tracks = new Map<string, Set<string>>();
    for (const level of doc.levels)
      tracks.set(level.id, (tracks.get(level.id) ?? new Set()).add(level.track));
    for (const [id, of] of tracks) if (of.size > 1) shared.add(id);
  }
  return shared;
}

function unionKeys(a: string[], b: string[]): string[] {
  return [...a, ...b.filter((key) => !a.includes(key))];
}

/** What changed between two versions of a ladder, per level and section: levels in the new file's order, items in the old one's, additions last. */
export function diffLadders(oldDoc: LadderDocument, newDoc: LadderDocument): LadderChange[] {
  const changes: LadderChange[] = [];
  // Every top-level field but the levels, in the file format's order (new fields such as `points` too).
  const fields = unionKeys(Object.keys(oldDoc), Object.keys(newDoc)).filter(
    (field): field is Exclude<keyof LadderDocument, 'levels'> => field !== 'levels',
  );
  for (const field of fields) {
    diffValues(oldDoc[field], newDoc[field], field, (c) =>
      changes.push({ level: null, section: field, ...c }),
    );
  }
  // A level is named as the roster names it: `track/id` when two tracks have a level of that id.
  const shared = sharedLevelIds(oldDoc, newDoc);
  const key = (level: LevelDefinition): string =>
    shared.has(level.id) ? `${level.track}/${level.id}` : level.id;
  const oldLevels = new Map(oldDoc.levels.map((l) => [key(l), l]));
  const newLevels = new Map(newDoc.levels.map((l) => [key(l), l]));
  for (const id of unionKeys([...newLevels.keys()], [...oldLevels.keys()])) {
    const before = oldLevels.get(id);
    const after = newLevels.get(id);
    if (before === undefined || after === undefined) {
      changes.push({
        level: id,
        section: 'level',
        kind: before === undefined ? 'added' : 'removed',
        path: id,
        ...(before === undefined ? { after } : { before }),
      });
      continue;
    }
    const sections = unionKeys(Object.keys(before), Object.keys(after)) as (keyof LevelDefinition)[];
    for (const section of sections) {
      if (section === 'expectations') {
        // The order of a level's expectations means nothing (the page follows the ladder's categories,
        // ADR 0018), so a level listing them in another order has not changed.
        diffValues(byArea(before[section]), byArea(after[section]), section, (c) => {
          if (c.path !== 'expectations (order)') changes.push({ level: id, section, ...stripAreaIds(c) });
        });
        continue;
      }
      diffValues(before[section], after[section], section, (c) => changes.push({ level: id, section, ...c }));
    }
  }
  return changes;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The changes as text for a terminal or a review: grouped by level, then section. */
export function formatLadderDiff(
  oldDoc: LadderDocument,
  newDoc: LadderDocument,
  changes: LadderChange[],
): string {
  const lines = [`ladder ${newDoc.ladder}: version ${oldDoc.version} → ${newDoc.version}`];
  if (changes.length === 0) return `${lines[0]}\nno changes\n`;
  let group = '';
  let section = '';
  for (const change of changes) {
    const heading = change.level === null ? '(ladder)' : change.level;
    if (heading !== group) {
      lines.push('', heading);
      group = heading;
      section = '';
    }
    if (change.section !== section) {
      lines.push(`  ${change.section}`);
      section = change.section;
    }
    const mark = change.kind === 'added' ? '+' : change.kind === 'removed' ? '-' : '~';
    const detail =
      change.kind === 'changed'
        ? `${show(change.before)} → ${show(change.after)}`
        : change.kind === 'added'
          ? show(change.after)
          : show(change.before);
    lines.push(`    ${mark} ${change.path}: ${detail}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The `id` byArea lent an expectation is not in the file: a whole added or removed one shows without it. */
function stripAreaIds<T extends { before?: unknown; after?: unknown }>(change: T): T {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (isObject(value) && typeof value.area === 'string' && value.id === value.area) {
      const { id: _id, ...rest } = value;
      return rest;
    }
    return value;
  };
  return {
    ...change,
    ...('before' in change ? { before: strip(change.before) } : {}),
    ...('after' in change ? { after: strip(change.after) } : {}),
  };
}
