import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { findUnsafeText, unsafeTextIndex, unsafeTextReason } from '../input/safe-input.js';
import type { z } from 'zod';
import { ladderSchema, type LadderDocument, type LevelDefinition } from './ladder.schema.js';
import { EVIDENCE_FIELDS, type MetricRule } from './rule-kinds.js';
import { suggestField } from './suggest-field.js';

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

type PathSegment = string | number;

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
 * Parses and validates the text of a ladder file: YAML syntax, the schema, then the cross-checks.
 * Every problem names its line, column and path; nothing is thrown for bad input.
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
    const before = source.slice(0, unsafeAt);
    const line = before.split('\n').length;
    const column = unsafeAt - before.lastIndexOf('\n');
    return fail(
      line,
      column,
      `the file ${unsafeTextReason(source.slice(unsafeAt, unsafeAt + 2)) ?? 'cannot be stored'}`,
    );
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        path: '',
        // The parser is recursive: a document nested thousands deep exhausts the stack before any check.
        message: /call stack/i.test(error.message)
          ? `nested too deeply: a ladder file is at most ${MAX_LADDER_DEPTH} levels deep`
          : `YAML syntax: ${error.message.split('\n')[0] ?? error.code}`,
      })),
    };
  }

  const tooDeep = firstNodeDeeperThan(doc, MAX_LADDER_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = at(tooDeep);
    return fail(line, column, `nested too deeply: a ladder file is at most ${MAX_LADDER_DEPTH} levels deep`);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // `yaml` refuses alias expansion past maxAliasCount ("billion laughs") with a ReferenceError.
    if (!(error instanceof ReferenceError)) throw error;
    const { line, column } = at(firstAliasOffset(doc));
    return fail(
      line,
      column,
      `too many alias expansions (more than ${MAX_ALIAS_COUNT}): write the values out instead of nesting aliases`,
    );
  }
  const locate = (path: readonly PathSegment[], key = false): { line: number; column: number } =>
    at(offsetOf(doc, path, key));

  const unsafe = findUnsafeText(data);
  if (unsafe !== null) {
    const path = unsafe.segments;
    return fail(locate(path).line, locate(path).column, unsafe.message, formatPath(path));
  }

  const parsed = ladderSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => problemsFromIssue(issue, data, file, locate));
    return { ok: false, problems: sortProblems(problems) };
  }

  const crossProblems = crossCheckLadder(parsed.data).map(({ path, message, key }) => ({
    file,
    ...locate(path, key ?? false),
    path: formatPath(path),
    message,
  }));
  if (crossProblems.length > 0) return { ok: false, problems: sortProblems(crossProblems) };
  return { ok: true, ladder: parsed.data };
}

const MAX_LADDER_SOURCE_CHARS = 1_048_576;
const MAX_LADDER_DEPTH = 32;
const MAX_ALIAS_COUNT = 100;

/** Offset of the first node nested deeper than `limit`, walked without recursion (the input is hostile). */
function firstNodeDeeperThan(doc: Document, limit: number): number | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > limit) return rangeStart(node) ?? 0;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Offset of the document's first alias (where an alias bomb starts to expand). */
function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = rangeStart(node) ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function sortProblems(problems: LadderProblem[]): LadderProblem[] {
  return [...problems].sort(
    (a, b) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function problemsFromIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  file: string,
  locate: (path: readonly PathSegment[], key?: boolean) => { line: number; column: number },
): LadderProblem[] {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const suggestion = suggestField(path, key);
      return {
        file,
        ...locate([...path, key], true),
        path: formatPath([...path, key]),
        message: suggestion === undefined ? 'unknown field' : `unknown field (did you mean ${suggestion}?)`,
      };
    });
  }
  if (
    issue.code === 'invalid_union' &&
    valueAt(data, path) !== null &&
    typeof valueAt(data, path) === 'object'
  ) {
    // A discriminated union fails on its `kind`: point at it, or at the object when it is missing.
    const kindPath = [...path, 'kind'];
    const kind = valueAt(data, kindPath);
    return [
      {
        file,
        ...locate(kind === undefined ? path : kindPath),
        path: formatPath(kindPath),
        message:
          kind === undefined
            ? `required: ${issue.message.replace(/^expected kind to be /, '')}`
            : issue.message,
      },
    ];
  }
  const missing = issue.code === 'invalid_type' && valueAt(data, path) === undefined;
  if (missing) {
    // A missing field has no node of its own: point at the object that should hold it.
    return [{ file, ...locate(path.slice(0, -1)), path: formatPath(path), message: 'required' }];
  }
  return [{ file, ...locate(path), path: formatPath(path), message: friendlyMessage(issue) }];
}

const EXPECTED_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/** zod's generic "Invalid input: expected array…" becomes words a ladder author uses. */
function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `expected ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`;
  }
  return issue.message;
}

/** Finds the start offset of the node at `path` (or of its key), falling back to the nearest ancestor. */
function offsetOf(doc: Document, path: readonly PathSegment[], key: boolean): number {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) return best;
      if (last && key) return rangeStart(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return best;
    }
    best = rangeStart(node) ?? best;
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    if (Array.isArray(range)) return range[0];
  }
  return undefined;
}

interface CrossProblem {
  path: PathSegment[];
  message: string;
  key?: boolean;
}

const WRITTEN_SECTIONS = [
  'tagline',
  'summary',
  'what_you_do',
  'ai_skills',
  'self_evaluation',
  'curriculum',
  'ranking_standard',
  'promotion',
  'mentorship',
] as const satisfies readonly (keyof LevelDefinition)[];

/** Checks that need the whole document: unique ids, references to levels and tracks, the panel gate. */
export function crossCheckLadder(ladder: LadderDocument): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const duplicates = <T>(
    items: readonly T[],
    idOf: (item: T) => string | undefined,
    path: (index: number) => PathSegment[],
    what: string,
  ) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = idOf(item);
      if (key === undefined) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        problems.push({ path: path(index), message: `duplicate ${what} "${key}" (first at index ${first})` });
    });
  };

  duplicates(
    ladder.tracks,
    (t) => t.id,
    (i) => ['tracks', i, 'id'],
    'track id',
  );
  duplicates(
    ladder.levels,
    (l) => l.id,
    (i) => ['levels', i, 'id'],
    'level id',
  );
  const trackIds = new Set(ladder.tracks.map((t) => t.id));
  const levelIds = new Set(ladder.levels.map((l) => l.id));
  const levelRef = (value: string, path: PathSegment[]): boolean => {
    if (levelIds.has(value)) return true;
    problems.push({ path, message: `unknown level "${value}" (levels: ${[...levelIds].join(', ')})` });
    return false;
  };

  // Order within a track comes from the track's list; every level sits in exactly its own track's list.
  const positionOf = new Map<string, { track: string; index: number }>();
  ladder.tracks.forEach((track, ti) => {
    track.levels.forEach((levelId, i) => {
      const path: PathSegment[] = ['tracks', ti, 'levels', i];
      if (!levelRef(levelId, path)) return;
      if (positionOf.has(levelId)) {
        problems.push({ path, message: `level "${levelId}" is listed in more than one place` });
        return;
      }
      positionOf.set(levelId, { track: track.id, index: i });
      const level = ladder.levels.find((l) => l.id === levelId);
      if (level !== undefined && level.track !== track.id) {
        problems.push({ path, message: `level "${levelId}" belongs to track "${level.track}"` });
      }
    });
  });
  const below = (a: string, b: string): boolean | undefined => {
    const pa = positionOf.get(a);
    const pb = positionOf.get(b);
    if (pa === undefined || pb === undefined || pa.track !== pb.track) return undefined;
    return pa.index < pb.index;
  };

  ladder.levels.forEach((level, li) => {
    const base: PathSegment[] = ['levels', li];
    if (!trackIds.has(level.track))
      problems.push({ path: [...base, 'track'], message: `unknown track "${level.track}"` });
    else if (!positionOf.has(level.id)) {
      problems.push({
        path: [...base, 'id'],
        message: `level "${level.id}" is missing from the levels of track "${level.track}"`,
      });
    }
    level.bridges_to?.forEach((track, i) => {
      if (!trackIds.has(track))
        problems.push({ path: [...base, 'bridges_to', i], message: `unknown track "${track}"` });
    });
    const missing = WRITTEN_SECTIONS.filter((section) => level[section] === undefined);
    if (level.status === 'written' && missing.length > 0) {
      problems.push({
        path: [...base, 'status'],
        message: `a written level needs every section; missing: ${missing.join(', ')}`,
      });
    }
    duplicates(
      level.what_you_do ?? [],
      (x) => x.id,
      (i) => [...base, 'what_you_do', i, 'id'],
      'id',
    );
    duplicates(
      level.ai_skills ?? [],
      (x) => x.id,
      (i) => [...base, 'ai_skills', i, 'id'],
      'id',
    );
    duplicates(
      level.self_evaluation ?? [],
      (x) => x.id,
      (i) => [...base, 'self_evaluation', i, 'id'],
      'checklist item id',
    );
    duplicates(
      level.curriculum ?? [],
      (x) => x.id,
      (i) => [...base, 'curriculum', i, 'id'],
      'phase id',
    );
    const modules = (level.curriculum ?? []).flatMap((phase, pi) =>
      phase.modules.map((m, mi) => ({ id: m.id, path: [...base, 'curriculum', pi, 'modules', mi, 'id'] })),
    );
    duplicates(
      modules,
      (m) => m.id,
      (i) => modules[i]?.path ?? base,
      'module id',
    );
    checkPhases(level, base, problems);
    duplicates(
      level.ranking_standard ?? [],
      (x) => x.id,
      (i) => [...base, 'ranking_standard', i, 'id'],
      'metric id',
    );
    level.ranking_standard?.forEach((metric, i) =>
      checkMetricRule(metric.rule, [...base, 'ranking_standard', i, 'rule'], problems),
    );

    const promotion = level.promotion;
    if (promotion !== undefined) {
      const pBase = [...base, 'promotion'];
      const target = promotion.target_level;
      if (
        levelRef(target, [...pBase, 'target_level']) &&
        (target === level.id || below(target, level.id) === true)
      ) {
        problems.push({ path: [...pBase, 'target_level'], message: `expected a level above ${level.id}` });
      }
      duplicates(
        promotion.assessment ?? [],
        (x) => x.id,
        (i) => [...pBase, 'assessment', i, 'id'],
        'component id',
      );
      duplicates(
        promotion.requirements ?? [],
        (x) => x.id,
        (i) => [...pBase, 'requirements', i, 'id'],
        'requirement id',
      );
      promotion.requirements?.forEach((req, i) => {
        const kindPath = [...pBase, 'requirements', i, 'rule', 'kind'];
        if (req.rule.kind === 'tenure' && promotion.min_months_at_level === undefined) {
          problems.push({
            path: kindPath,
            message: 'a tenure requirement needs promotion.min_months_at_level',
          });
        }
        if (req.rule.kind === 'assessment' && promotion.assessment === undefined) {
          problems.push({ path: kindPath, message: 'an assessment requirement needs promotion.assessment' });
        }
      });
      const panel = promotion.panel;
      if (panel !== undefined) {
        const panelBase = [...pBase, 'panel'];
        duplicates(
          panel.criteria,
          (x) => x.id,
          (i) => [...panelBase, 'criteria', i, 'id'],
          'criterion id',
        );
        const gates = panel.criteria.flatMap((c, i) => (c.gate === true ? [i] : []));
        if (gates.length === 0) {
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
        levelRef(panel.eligibility.min_level, [...panelBase, 'eligibility', 'min_level']);
        const scale = panel.scale;
        if (scale !== undefined) {
          if (scale.max <= scale.min)
            problems.push({ path: [...panelBase, 'scale', 'max'], message: 'expected max > min' });
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
    mentorship?.receives?.mentor_levels.forEach((l, i) => {
      const path = [...base, 'mentorship', 'receives', 'mentor_levels', i];
      if (levelRef(l, path) && (l === level.id || below(l, level.id) === true)) {
        problems.push({ path, message: `expected a level above ${level.id}` });
      }
    });
    mentorship?.gives?.mentee_levels.forEach((l, i) => {
      const path = [...base, 'mentorship', 'gives', 'mentee_levels', i];
      if (levelRef(l, path) && (l === level.id || below(l, level.id) === false)) {
        problems.push({ path, message: `expected a level below ${level.id}` });
      }
    });
    const gives = mentorship?.gives;
    if (gives !== undefined && gives.slots > 0 && gives.mentee_levels.length === 0) {
      problems.push({
        path: [...base, 'mentorship', 'gives', 'mentee_levels'],
        message: 'expected at least one mentee level when slots > 0',
      });
    }
  });
  return problems;
}

function checkPhases(level: LevelDefinition, base: PathSegment[], problems: CrossProblem[]): void {
  const phases = level.curriculum ?? [];
  phases.forEach((phase, i) => {
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
  });
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
  (rule.non_empty ?? []).forEach((field, i) => {
    if (!known.includes(field)) problems.push({ path: [...path, 'non_empty', i], message: unknown });
  });
}
