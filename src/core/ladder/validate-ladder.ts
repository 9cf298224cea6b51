import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { findUnsafeText, unsafeTextIndex, unsafeTextReason } from '../input/safe-input.js';
import {
  ladderSchema,
  normaliseLadder,
  type LadderDocument,
  type ParsedLadder,
  type ParsedLevel,
} from './ladder.schema.js';
import { checkChoices } from './choices.js';
import { checkPoints } from './points.schema.js';
import { checkSections } from './sections.schema.js';
import { EVIDENCE_FIELDS, type MetricRule } from './rule-kinds.js';
import { problemsFromIssue, salvageDocument, salvageSteps, valueAt } from './schema-problems.js';
import {
  firstAliasOffset,
  firstNodeDeeperThan,
  positionInText,
  sourcePositions,
  type PathSegment,
} from './source-positions.js';

/** One problem in a ladder file: where it is (line and column from 1) and what is wrong. */
export interface LadderProblem {
  file: string;
  line: number;
  column: number;
  /** The path in the document, e.g. `levels[3].promotion.min_months_at_level`; empty for the root. */
  path: string;
  message: string;
}

export type LadderValidation =
  { ok: true; ladder: LadderDocument } | { ok: false; problems: LadderProblem[] };

/** Formats a path the way people read it: `levels[3].promotion.target_level`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Formats a problem as one line: `file:line:column: path: message`. */
export function formatProblem(problem: LadderProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.path === ''
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.path}: ${problem.message}`;
}

/**
 * Parses and validates the text of a ladder file in one pass: YAML syntax, the schema and the checks
 * across the document, every problem with its line, column and path, sorted by position. Only a file
 * that cannot be read as a document at all (too large, broken syntax, too deep, an alias bomb) or holds
 * text that cannot be stored stops before the schema; nothing is thrown for bad input.
 */
export function validateLadderText(source: string, file = '<ladder>'): LadderValidation {
  const fail = (line: number, column: number, message: string, path = ''): LadderValidation => ({
    ok: false,
    problems: [{ file, line, column, path, message }],
  });
  // The shipped ladder is 15 kB; a file a thousand times larger is a mistake or an attack.
  if (source.length > MAX_LADDER_SOURCE_CHARS) {
    return fail(
      1,
      1,
      `the file has ${source.length} characters; a ladder file has at most ${MAX_LADDER_SOURCE_CHARS}`,
    );
  }
  const unsafeAt = unsafeTextIndex(source);
  if (unsafeAt !== -1) {
    const { line, column } = positionInText(source, unsafeAt);
    return fail(
      line,
      column,
      `the file ${unsafeTextReason(source.slice(unsafeAt, unsafeAt + 2)) ?? 'cannot be stored'}`,
    );
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const positions = sourcePositions(doc, lineCounter);
  const problems: LadderProblem[] = [];
  const report = (path: readonly PathSegment[], message: string, key = false): void => {
    problems.push({ file, ...positions.locate(path, key), path: formatPath(path), message });
  };

  for (const error of doc.errors) {
    problems.push({ file, ...positions.at(error.pos[0]), path: '', message: syntaxMessage(error, source) });
  }
  // A duplicate key leaves the document whole, so its other problems are still worth finding.
  if (doc.errors.some((error) => !RECOVERABLE_SYNTAX.has(error.code))) return done(problems);

  const tooDeep = firstNodeDeeperThan(doc, MAX_LADDER_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = positions.at(tooDeep);
    return fail(line, column, `nested too deeply: a ladder file is at most ${MAX_LADDER_DEPTH} levels deep`);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // `yaml` refuses alias expansion past maxAliasCount ("billion laughs") with a ReferenceError.
    if (!(error instanceof ReferenceError)) throw error;
    const { line, column } = positions.at(firstAliasOffset(doc));
    return fail(
      line,
      column,
      /unresolved alias/i.test(error.message)
        ? 'an alias (*name) with no anchor (&name) before it'
        : `too many alias expansions (more than ${MAX_ALIAS_COUNT}): write the values out instead of nesting aliases`,
    );
  }

  // Text that cannot be stored is refused before the schema: such a file is broken or hostile.
  const unsafe = findAllUnsafeText(data);
  for (const { path, message } of unsafe) report(path, message);
  if (unsafe.length > 0) return done(problems);

  const parsed = ladderSchema.safeParse(data);
  const issues = parsed.success ? [] : parsed.error.issues;
  for (const issue of issues) {
    for (const problem of problemsFromIssue(issue, data)) report(problem.path, problem.message, problem.key);
  }
  // The checks across the document run on what the schema accepted, so one pass reports both kinds.
  const salvaged = parsed.success
    ? { document: parsed.data, removed: [] }
    : salvageDocument(ladderSchema, data, salvageSteps(issues, data));
  if (salvaged !== undefined) {
    const crossProblems = crossCheckLadder(salvaged.document, {
      raw: data,
      removed: salvaged.removed,
    });
    for (const { path, message, key } of crossProblems) report(path, message, key);
  }
  if (problems.length === 0 && parsed.success) return { ok: true, ladder: normaliseLadder(parsed.data) };
  return done(problems);
}

function done(problems: LadderProblem[]): LadderValidation {
  return { ok: false, problems: sortProblems(problems) };
}

const MAX_LADDER_SOURCE_CHARS = 1_048_576;
const MAX_LADDER_DEPTH = 32;
const MAX_ALIAS_COUNT = 100;
const RECOVERABLE_SYNTAX = new Set<YAMLError['code']>(['DUPLICATE_KEY']);

/** The parser's complaint in our words where we know the code; otherwise its own first line. */
function syntaxMessage(error: YAMLError, source: string): string {
  // The parser is recursive: a document nested thousands deep exhausts the stack before any check.
  if (/call stack/i.test(error.message))
    return `nested too deeply: a ladder file is at most ${MAX_LADDER_DEPTH} levels deep`;
  const first = error.message.split('\n')[0] ?? error.code;
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = /^[^:\n]*/.exec(source.slice(error.pos[0]))?.[0].trim() ?? '';
      return `duplicate field${key === '' ? '' : ` "${key}"`}: a mapping sets each field once`;
    }
    case 'TAB_AS_INDENT':
      return 'a tab in the indentation: YAML indents with spaces only';
    case 'MULTIPLE_DOCS':
      return 'a second document (---): a ladder file holds one document';
    case 'BAD_DQ_ESCAPE':
      return `${first.replace(/^Invalid escape sequence/, 'unknown escape')} in "double-quoted" text: write \\\\ for a backslash, or use single quotes`;
    case 'BAD_INDENT':
      if (first.startsWith('Flow sequence'))
        return 'a [ … ] list is not closed, or a line inside it is not indented past its key';
      if (first.startsWith('Flow map'))
        return 'a { … } mapping is not closed, or a line inside it is not indented past its key';
      return `wrong indentation (${first})`;
    case 'MISSING_CHAR':
      return `YAML syntax: ${first.replace(/^Missing/, 'missing')}`;
    default:
      return `YAML syntax: ${first}`;
  }
}

/** Every text (and field name) that cannot be stored, by path; the walk is bounded by the depth check. */
function findAllUnsafeText(data: unknown): { path: PathSegment[]; message: string }[] {
  const found: { path: PathSegment[]; message: string }[] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      const message = unsafeTextReason(value);
      if (message !== null) found.push({ path, message });
      return;
    }
    if (value === null || typeof value !== 'object' || path.length > MAX_LADDER_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item as unknown, [...path, index]));
      return;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (unsafeTextReason(key) !== null) {
        // findUnsafeText names the field with U+FFFD in place of what cannot be shown.
        const named = findUnsafeText({ [key]: item });
        if (named !== null) found.push({ path: [...path, ...named.segments], message: named.message });
      } else walk(item, [...path, key]);
    }
  };
  walk(data, []);
  return found;
}

function sortProblems(problems: LadderProblem[]): LadderProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      a.path.localeCompare(b.path) ||
      a.message.localeCompare(b.message),
  );
}

interface CrossProblem {
  path: PathSegment[];
  message: string;
  key?: boolean;
}

/**
 * A ladder document as the checks across it see it: the schema's shape, except that a file with schema
 * problems arrives with the refused parts taken out (top-level fields missing, list items as holes).
 */
export type SalvagedLadder = { [K in keyof ParsedLadder]?: ParsedLadder[K] };
// (A scalar of the right type but out of its bounds — `l2` for a level id, 0 for a positive count — stays
// in place: the checks below only compare such values, so they hold for it too.)

/** The present items of a list with their index in the file (holes and a missing list give nothing). */
function entries<T>(items: readonly T[] | undefined): { item: T; index: number }[] {
  return (items ?? []).flatMap((item: T | undefined, index) => (item === undefined ? [] : [{ item, index }]));
}

/** A field that holds one value or a list of them, as a list with each value's path. */
function oneOrMany<T>(
  value: T | readonly T[] | undefined,
  path: PathSegment[],
): { item: T; path: PathSegment[] }[] {
  if (value === undefined) return [];
  if (Array.isArray(value))
    return entries(value as readonly T[]).map(({ item, index }) => ({ item, path: [...path, index] }));
  return [{ item: value as T, path }];
}

/** Ids written in the raw file's list at `key`, whether or not the schema accepted the rest of each item. */
function rawIds(raw: unknown, key: 'tracks' | 'levels'): Set<string> {
  const list = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  const ids = new Set<string>();
  if (Array.isArray(list))
    for (const item of list as unknown[]) {
      const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      if (typeof id === 'string') ids.add(id);
    }
  return ids;
}

/** The `{ id, track }` of every level the raw file writes (either may be missing where it is refused). */
function rawLevelPlaces(raw: unknown): { id: string; track: string | undefined }[] {
  const list = valueAt(raw, ['levels']);
  if (!Array.isArray(list)) return [];
  return (list as unknown[]).flatMap((item) => {
    const id = valueAt(item, ['id']);
    const track = valueAt(item, ['track']);
    return typeof id === 'string' ? [{ id, track: typeof track === 'string' ? track : undefined }] : [];
  });
}

/** What the checks across a salvaged document know about what the schema refused. */
export interface CrossCheckContext {
  /** The file's data as parsed, before anything was taken out (default: the document itself). */
  raw?: unknown;
  /** Paths taken out of the document because the schema refused them. */
  removed?: readonly (readonly PathSegment[])[];
}

/**
 * Checks that need the whole document: unique ids, references to levels and tracks (checked against
 * every id the file writes, so a level the schema refused for another reason is not also called
 * unknown), promotion targets above the level and without cycles, the panel's one gate. A conclusion
 * drawn from something's absence is not drawn where the schema took something out.
 */
export function crossCheckLadder(ladder: SalvagedLadder, context: CrossCheckContext = {}): CrossProblem[] {
  const raw = context.raw ?? ladder;
  const removed = context.removed ?? [];
  const incomplete = (prefix: readonly PathSegment[]): boolean =>
    removed.some((path) => prefix.every((segment, i) => path[i] === segment));
  const problems: CrossProblem[] = [];
  const duplicates = <T>(
    items: readonly T[] | undefined,
    idOf: (item: T) => string | undefined,
    path: (index: number) => PathSegment[],
    what: string,
  ) => {
    const seen = new Map<string, number>();
    for (const { item, index } of entries(items)) {
      const key = idOf(item);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        problems.push({ path: path(index), message: `duplicate ${what} "${key}" (first at index ${first})` });
    }
  };

  const tracks = entries(ladder.tracks);
  const levels = entries(ladder.levels);
  duplicates(
    ladder.tracks,
    (t) => t.id,
    (i) => ['tracks', i, 'id'],
    'track id',
  );
  // A level is its track and its id: disciplines may share level names (ADR 0020).
  const seenLevel = new Map<string, number>();
  for (const { item, index } of levels) {
    const place = `${item.track}/${item.id}`;
    const first = seenLevel.get(place);
    if (first === undefined) seenLevel.set(place, index);
    else
      problems.push({
        path: ['levels', index, 'id'],
        message: `duplicate level id "${item.id}" (first at index ${first})`,
      });
  }
  const trackIds = new Set([...tracks.map(({ item }) => item.id), ...rawIds(raw, 'tracks')]);
  const levelIds = new Set([...levels.map(({ item }) => item.id), ...rawIds(raw, 'levels')]);
  // The tracks that have a level of each id (from what the file writes, so a refused level still counts).
  const tracksOfId = new Map<string, Set<string>>();
  for (const place of [...levels.map(({ item }) => item), ...rawLevelPlaces(raw)]) {
    if (place.track === undefined) continue;
    const set = tracksOfId.get(place.id) ?? new Set<string>();
    set.add(place.track);
    tracksOfId.set(place.id, set);
  }
  // How a level is named in messages and keyed here: its id, or track/id when tracks share the id.
  const keyOf = (track: string, id: string): string =>
    (tracksOfId.get(id)?.size ?? 0) > 1 ? `${track}/${id}` : id;
  const levelByKey = new Map<string, ParsedLevel>();
  for (const { item } of levels) {
    const key = keyOf(item.track, item.id);
    if (!levelByKey.has(key)) levelByKey.set(key, item);
  }
  /**
   * Resolves a reference (`track/level`, or a bare id: the writer's own track's level of that id, else
   * the one level of that id) to its key; an unknown or ambiguous one is reported and gives undefined.
   */
  const levelRef = (value: string, path: PathSegment[], from?: ParsedLevel): string | undefined => {
    const slash = value.indexOf('/');
    if (slash >= 0) {
      const track = value.slice(0, slash);
      const id = value.slice(slash + 1);
      if (tracksOfId.get(id)?.has(track) === true) return keyOf(track, id);
      const where = tracksOfId.get(id);
      problems.push({
        path,
        message:
          where === undefined
            ? `unknown level "${value}" (levels: ${[...levelIds].join(', ')})`
            : `unknown level "${value}": track "${track}" has no level "${id}" (it is in ${[...where].join(', ')})`,
      });
      return undefined;
    }
    const where = tracksOfId.get(value);
    if (where === undefined || where.size === 0) {
      // A level refused before its track could be read still has its id in the file.
      if (levelIds.has(value)) return value;
      problems.push({ path, message: `unknown level "${value}" (levels: ${[...levelIds].join(', ')})` });
      return undefined;
    }
    if (from !== undefined && where.has(from.track)) return keyOf(from.track, value);
    if (where.size === 1) return keyOf([...where][0] ?? '', value);
    const choices = [...where].map((track) => `${track}/${value}`);
    problems.push({
      path,
      message: `level "${value}" is in more than one track (${[...where].join(', ')}): write ${choices.join(' or ')}`,
    });
    return undefined;
  };
  // Whether every track and every entry of its levels survived the schema: only then is a level's
  // absence from its track's list a fact rather than a consequence of another problem.
  const tracksWhole = !incomplete(['tracks']);

  // Order within a track comes from the track's list; every level sits in exactly its own track's list.
  const positionOf = new Map<string, { track: string; index: number }>();
  for (const { item: track, index: ti } of tracks) {
    for (const { item: levelId, index: i } of entries(track.levels)) {
      const path: PathSegment[] = ['tracks', ti, 'levels', i];
      // A track's list names its own levels: a bare id is this track's level when it has one.
      const own = tracksOfId.get(levelId)?.has(track.id) === true;
      const key = own ? keyOf(track.id, levelId) : levelRef(levelId, path);
      if (key === undefined) continue;
      if (positionOf.has(key)) {
        problems.push({ path, message: `level "${levelId}" is listed in more than one place` });
        continue;
      }
      positionOf.set(key, { track: track.id, index: i });
      const level = levelByKey.get(key);
      if (level !== undefined && level.track !== track.id) {
        problems.push({ path, message: `level "${levelId}" belongs to track "${level.track}"` });
      }
    }
  }
  const below = (a: string, b: string): boolean | undefined => {
    const pa = positionOf.get(a);
    const pb = positionOf.get(b);
    if (pa === undefined || pb === undefined || pa.track !== pb.track) return undefined;
    return pa.index < pb.index;
  };

  // Competency areas are named without their category (by expectations and evidence): unique ladder-wide.
  const areaIds = competencyAreaIds(ladder, raw, problems);
  const categoriesDeclared =
    ladder.competency_categories !== undefined || valueAt(raw, ['competency_categories']) !== undefined;
  // A category the schema refused may have declared the area: "unknown" only when every one is whole.
  const areasWhole = !incomplete(['competency_categories']);

  // Promotion edges that passed the checks above; a cycle among them is looked for at the end.
  const promotesTo = new Map<string, { target: string; path: PathSegment[] }[]>();
  // Equivalences that passed their own checks; their order across tracks is checked at the end.
  const equivalences: EquivalenceEdge[] = [];

  for (const { item: level, index: li } of levels) {
    const base: PathSegment[] = ['levels', li];
    const self = keyOf(level.track, level.id);
    if (!trackIds.has(level.track))
      problems.push({ path: [...base, 'track'], message: `unknown track "${level.track}"` });
    else if (tracksWhole && !positionOf.has(self)) {
      problems.push({
        path: [...base, 'id'],
        message: `level "${level.id}" is missing from the levels of track "${level.track}"`,
      });
    }
    for (const { item: track, index: i } of entries(level.bridges_to)) {
      if (!trackIds.has(track))
        problems.push({ path: [...base, 'bridges_to', i], message: `unknown track "${track}"` });
    }
    duplicates(
      level.what_you_do,
      (x) => x.id,
      (i) => [...base, 'what_you_do', i, 'id'],
      'id',
    );
    duplicates(
      level.ai_skills,
      (x) => x.id,
      (i) => [...base, 'ai_skills', i, 'id'],
      'id',
    );
    duplicates(
      level.self_evaluation,
      (x) => x.id,
      (i) => [...base, 'self_evaluation', i, 'id'],
      'checklist item id',
    );
    duplicates(
      level.curriculum,
      (x) => x.id,
      (i) => [...base, 'curriculum', i, 'id'],
      'phase id',
    );
    const modules = entries(level.curriculum).flatMap(({ item: phase, index: pi }) =>
      entries(phase.modules).map(({ item: m, index: mi }) => ({
        id: m.id,
        path: [...base, 'curriculum', pi, 'modules', mi, 'id'],
      })),
    );
    duplicates(
      modules,
      (m) => m.id,
      (i) => modules[i]?.path ?? base,
      'module id',
    );
    checkPhases(level, base, problems);
    checkExpectations(level, base, areasWhole ? areaIds : undefined, categoriesDeclared, problems);
    duplicates(
      level.ranking_standard,
      (x) => x.id,
      (i) => [...base, 'ranking_standard', i, 'id'],
      'metric id',
    );
    for (const { item: metric, index: i } of entries(level.ranking_standard))
      checkMetricRule(metric.rule, [...base, 'ranking_standard', i, 'rule'], problems);

    const promotion = level.promotion;
    if (promotion !== undefined) {
      const pBase = [...base, 'promotion'];
      // With `target_levels`, `target_level` only repeats their first (the stored form; the schema says so).
      const targets =
        promotion.target_levels !== undefined
          ? oneOrMany<string>(promotion.target_levels, [...pBase, 'target_levels'])
          : oneOrMany<string>(promotion.target_level, [...pBase, 'target_level']);
      const targetAt = new Map<string, number>();
      for (const { item: target, path } of targets) {
        const key = levelRef(target, path, level);
        if (key === undefined) continue;
        if (key === self || below(key, self) === true) {
          problems.push({ path, message: `expected a level above ${self}` });
          continue;
        }
        const first = targetAt.get(key);
        if (first !== undefined) {
          problems.push({ path, message: `duplicate target level "${target}" (first at index ${first})` });
          continue;
        }
        targetAt.set(key, typeof path[path.length - 1] === 'number' ? (path[path.length - 1] as number) : 0);
        const edges = promotesTo.get(self) ?? [];
        edges.push({ target: key, path });
        promotesTo.set(self, edges);
      }
      duplicates(
        promotion.assessment,
        (x) => x.id,
        (i) => [...pBase, 'assessment', i, 'id'],
        'component id',
      );
      duplicates(
        promotion.requirements,
        (x) => x.id,
        (i) => [...pBase, 'requirements', i, 'id'],
        'requirement id',
      );
      for (const { item: req, index: i } of entries(promotion.requirements)) {
        const kindPath = [...pBase, 'requirements', i, 'rule', 'kind'];
        // A field the schema refused is not missing.
        const absent = (field: string): boolean =>
          valueAt(raw, [...pBase, field]) === undefined && !incomplete([...pBase, field]);
        if (req.rule.kind === 'tenure' && absent('min_months_at_level')) {
          problems.push({
            path: kindPath,
            message: 'a tenure requirement needs promotion.min_months_at_level',
          });
        }
        if (req.rule.kind === 'assessment' && absent('assessment')) {
          problems.push({ path: kindPath, message: 'an assessment requirement needs promotion.assessment' });
        }
      }
      const panel = promotion.panel;
      if (panel !== undefined) {
        const panelBase = [...pBase, 'panel'];
        duplicates(
          panel.criteria,
          (x) => x.id,
          (i) => [...panelBase, 'criteria', i, 'id'],
          'criterion id',
        );
        const gates = entries(panel.criteria).flatMap(({ item: c, index }) =>
          c.gate === true ? [index] : [],
        );
        // A refused criterion might have been the gate: say "none" only when every criterion is here.
        if (gates.length === 0 && !incomplete([...panelBase, 'criteria'])) {
          problems.push({
            path: [...panelBase, 'criteria'],
            message: 'expected one criterion marked gate: true, found none',
          });
        }
        for (const extra of gates.slice(1)) {
          problems.push({
            path: [...panelBase, 'criteria', extra, 'gate'],
            message: 'expected one gate criterion, found another',
          });
        }
        levelRef(panel.eligibility.min_level, [...panelBase, 'eligibility', 'min_level'], level);
        const scale = panel.scale;
        if (scale !== undefined) {
          if (scale.max <= scale.min)
            problems.push({ path: [...panelBase, 'scale', 'max'], message: 'expected max > min' });
          // A scale with nothing in it has no "within" to check the medians against.
          else
            for (const name of ['gate_median_min', 'other_median_min'] as const) {
              const value = panel.decision[name];
              if (value < scale.min || value > scale.max) {
                problems.push({
                  path: [...panelBase, 'decision', name],
                  message: `expected a score within the scale ${scale.min}–${scale.max}`,
                });
              }
            }
        }
      }
    }

    const mentorship = level.mentorship;
    for (const { item: l, index: i } of entries(mentorship?.receives?.mentor_levels)) {
      const path = [...base, 'mentorship', 'receives', 'mentor_levels', i];
      const key = levelRef(l, path, level);
      if (key !== undefined && (key === self || below(key, self) === true)) {
        problems.push({ path, message: `expected a level above ${level.id}` });
      }
    }
    for (const { item: l, index: i } of entries(mentorship?.gives?.mentee_levels)) {
      const path = [...base, 'mentorship', 'gives', 'mentee_levels', i];
      const key = levelRef(l, path, level);
      if (key !== undefined && (key === self || below(key, self) === false)) {
        problems.push({ path, message: `expected a level below ${level.id}` });
      }
    }
    equivalences.push(
      ...checkEquivalents(level, base, self, (ref, path) => levelRef(ref, path, level), positionOf, problems),
    );
    const gives = mentorship?.gives;
    if (gives !== undefined && gives.slots > 0 && gives.mentee_levels.length === 0) {
      problems.push({
        path: [...base, 'mentorship', 'gives', 'mentee_levels'],
        message: 'expected at least one mentee level when slots > 0',
      });
    }
  }
  // Points and bands (ADR 0021): the block's own rules, then each band's level as any level reference.
  if (ladder.points !== undefined) {
    problems.push(
      ...checkPoints(ladder.points, {
        areaIds: areasWhole ? areaIds : undefined,
        categoriesDeclared,
        competenciesWhole: !incomplete(['points', 'competencies']),
        bandsWhole: !incomplete(['points', 'bands']),
      }),
    );
    for (const { item: band, index } of entries(ladder.points.bands))
      levelRef(band.level, ['points', 'bands', index, 'level']);
  }
  // Declared sections (sections.schema.ts) and the organisation's own choices (choices.ts).
  problems.push(
    ...checkSections(
      ladder.sections,
      levels.map(({ item, index }) => ({
        index,
        level: { content: item.content },
      })),
      !incomplete(['sections']),
    ),
    ...checkChoices(ladder.choices, raw),
  );
  problems.push(
    ...promotionCycles(
      levels.map(({ item }) => keyOf(item.track, item.id)),
      promotesTo,
    ),
    ...equivalenceProblems(equivalences, promotesTo, positionOf),
  );
  return problems;
}

/**
 * Promotions that lead back to where they started (possible across tracks, where "above" is not
 * defined): each cycle once, at the first of its levels in file order, named level by level.
 */
function promotionCycles(
  order: readonly string[],
  promotesTo: ReadonlyMap<string, readonly { target: string; path: PathSegment[] }[]>,
): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const reported = new Set<string>();
  for (const start of order) {
    if (reported.has(start)) continue;
    for (const edge of promotesTo.get(start) ?? []) {
      // Breadth-first from the edge's target back to `start` gives the shortest way round.
      const cameFrom = new Map<string, string>([[edge.target, start]]);
      const queue = [edge.target];
      let closed = false;
      while (queue.length > 0 && !closed) {
        const current = queue.shift() as string;
        for (const next of promotesTo.get(current) ?? []) {
          if (next.target === start) {
            cameFrom.set(start, current);
            closed = true;
            break;
          }
          if (!cameFrom.has(next.target)) {
            cameFrom.set(next.target, current);
            queue.push(next.target);
          }
        }
      }
      if (!closed && edge.target !== start) continue;
      const cycle = [start];
      for (let at = cameFrom.get(start); at !== undefined && at !== start; at = cameFrom.get(at))
        cycle.unshift(at);
      cycle.unshift(start);
      cycle.forEach((id) => reported.add(id));
      problems.push({ path: edge.path, message: `promotions form a cycle: ${cycle.join(' → ')}` });
      break;
    }
  }
  return problems;
}

/**
 * A level's equivalences name levels of other tracks (levels of one track are ordered, not equivalent),
 * each once.
 */
function checkEquivalents(
  level: ParsedLevel,
  base: PathSegment[],
  self: string,
  resolve: (ref: string, path: PathSegment[]) => string | undefined,
  positionOf: ReadonlyMap<string, { track: string; index: number }>,
  problems: CrossProblem[],
): EquivalenceEdge[] {
  const accepted: EquivalenceEdge[] = [];
  const seen = new Map<string, number>();
  for (const { item: ref, index: i } of entries(level.equivalent_to)) {
    const path: PathSegment[] = [...base, 'equivalent_to', i];
    const key = resolve(ref, path);
    if (key === undefined) continue;
    const other = positionOf.get(key);
    if (key === self || other?.track === level.track) {
      problems.push({
        path,
        message: `expected a level of another track: ${ref} is in ${level.id}'s own track "${level.track}", where levels are ordered, not equivalent`,
      });
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({ path, message: `duplicate equivalent level "${ref}" (first at index ${first})` });
    else {
      seen.set(key, i);
      accepted.push({ from: self, to: key, path });
    }
  }
  return accepted;
}

/** An equivalence the checks accepted: `from` (the level that writes it) stands level with `to`. */
interface EquivalenceEdge {
  from: string;
  to: string;
  path: PathSegment[];
}

/**
 * Equivalences that contradict the tracks' order (a level above another standing level with one below
 * the other's equivalent), and promotions to a level that stands level with the one promoted from (a
 * move, not a step up). Each problem at the later equivalence or at the promotion's target.
 */
function equivalenceProblems(
  edges: readonly EquivalenceEdge[],
  promotesTo: ReadonlyMap<string, readonly { target: string; path: PathSegment[] }[]>,
  positionOf: ReadonlyMap<string, { track: string; index: number }>,
): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const pairs = new Set(edges.flatMap((e) => [`${e.from}\u0000${e.to}`, `${e.to}\u0000${e.from}`]));
  for (const [from, targets] of promotesTo)
    for (const { target, path } of targets)
      if (pairs.has(`${from}\u0000${target}`))
        problems.push({
          path,
          message: `${from} stands level with ${target} (equivalent_to): a move between them is not a promotion`,
        });
  edges.forEach((later, n) => {
    for (const earlier of edges.slice(0, n)) {
      // Orient the earlier edge so its ends sit in the later one's two tracks, in the same order.
      const a = positionOf.get(later.from);
      const b = positionOf.get(later.to);
      let c = positionOf.get(earlier.from);
      let d = positionOf.get(earlier.to);
      let [cKey, dKey] = [earlier.from, earlier.to];
      if (c?.track === b?.track && d?.track === a?.track) [c, d, cKey, dKey] = [d, c, dKey, cKey];
      if (a === undefined || b === undefined || c === undefined || d === undefined) continue;
      if (a.track !== c.track || b.track !== d.track) continue;
      const crossed = (a.index - c.index) * (b.index - d.index) < 0;
      if (!crossed) continue;
      problems.push({
        path: later.path,
        message: `equivalences cross the tracks' order: ${later.from} ≡ ${later.to}, but ${cKey} ≡ ${dKey} (${later.from} is ${a.index > c.index ? 'above' : 'below'} ${cKey}, ${later.to} is ${b.index > d.index ? 'above' : 'below'} ${dKey})`,
      });
      break;
    }
  });
  return problems;
}

function checkPhases(level: ParsedLevel, base: PathSegment[], problems: CrossProblem[]): void {
  const phases = level.curriculum ?? [];
  for (const { item: phase, index: i } of entries(phases)) {
    if (phase.months.to < phase.months.from) {
      problems.push({
        path: [...base, 'curriculum', i, 'months', 'to'],
        message: `expected a month ≥ from (${phase.months.from})`,
      });
    }
    const previous = phases[i - 1];
    if (previous !== undefined && phase.months.from <= previous.months.to) {
      problems.push({
        path: [...base, 'curriculum', i, 'months', 'from'],
        message: `expected a month after the previous phase ends (month ${previous.months.to})`,
      });
    }
  }
}

function checkMetricRule(rule: MetricRule, path: PathSegment[], problems: CrossProblem[]): void {
  // A filter on a field the evidence kind does not have would silently count nothing.
  if (rule.kind !== 'evidence_count' && rule.kind !== 'share') return;
  const known = EVIDENCE_FIELDS[rule.evidence];
  const unknown = `unknown field of ${rule.evidence} evidence (fields: ${known.join(', ')})`;
  if (rule.kind === 'share') {
    if (!known.includes(rule.non_empty)) problems.push({ path: [...path, 'non_empty'], message: unknown });
    return;
  }
  for (const field of Object.keys(rule.where ?? {})) {
    if (!known.includes(field))
      problems.push({ path: [...path, 'where', field], key: true, message: unknown });
  }
  for (const { item: field, index: i } of entries(rule.non_empty)) {
    if (!known.includes(field)) problems.push({ path: [...path, 'non_empty', i], message: unknown });
  }
}

/**
 * The ids of the declared competency areas (every id the raw file writes, so an area the schema refused
 * for another reason is not also called unknown); duplicates of category or area ids are reported.
 */
function competencyAreaIds(ladder: SalvagedLadder, raw: unknown, problems: CrossProblem[]): Set<string> {
  const categoryAt = new Map<string, number>();
  const areaIn = new Map<string, string>();
  for (const { item: category, index: ci } of entries(ladder.competency_categories)) {
    const first = categoryAt.get(category.id);
    if (first === undefined) categoryAt.set(category.id, ci);
    else
      problems.push({
        path: ['competency_categories', ci, 'id'],
        message: `duplicate competency category id "${category.id}" (first at index ${first})`,
      });
    for (const { item: area, index: ai } of entries(category.areas)) {
      const holder = areaIn.get(area.id);
      if (holder === undefined) areaIn.set(area.id, category.id);
      else
        problems.push({
          path: ['competency_categories', ci, 'areas', ai, 'id'],
          message: `duplicate competency area id "${area.id}" (first in category "${holder}"): an area id is unique across the ladder`,
        });
    }
  }
  const ids = new Set(areaIn.keys());
  const rawCategories = valueAt(raw, ['competency_categories']);
  if (Array.isArray(rawCategories))
    for (const category of rawCategories as unknown[]) {
      const areas = valueAt(category, ['areas']);
      if (!Array.isArray(areas)) continue;
      for (const area of areas as unknown[]) {
        const areaId = valueAt(area, ['id']);
        if (typeof areaId === 'string') ids.add(areaId);
      }
    }
  return ids;
}

/** A level's expectations name declared areas (when all are known: `areaIds`), each area at most once. */
function checkExpectations(
  level: ParsedLevel,
  base: PathSegment[],
  areaIds: ReadonlySet<string> | undefined,
  categoriesDeclared: boolean,
  problems: CrossProblem[],
): void {
  const seen = new Map<string, number>();
  for (const { item: expectation, index: i } of entries(level.expectations)) {
    const path: PathSegment[] = [...base, 'expectations', i, 'area'];
    const first = seen.get(expectation.area);
    if (first !== undefined) {
      problems.push({
        path,
        message: `duplicate expectation for competency area "${expectation.area}" (first at index ${first})`,
      });
      continue;
    }
    seen.set(expectation.area, i);
    if (areaIds === undefined || areaIds.has(expectation.area)) continue;
    problems.push({
      path,
      message: categoriesDeclared
        ? `unknown competency area "${expectation.area}" (areas: ${[...areaIds].join(', ')})`
        : `unknown competency area "${expectation.area}": the ladder declares no competency_categories`,
    });
  }
}
