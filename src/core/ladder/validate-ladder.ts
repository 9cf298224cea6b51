import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ladderSchema, type Ladder, type Level } from './ladder.schema.js';
import { EVIDENCE_FIELDS, type EvidenceFilter, type Rule } from './rule-kinds.js';

/** One problem in a ladder file: where it is (line and column from 1) and what is wrong. */
export interface LadderProblem {
  file: string;
  line: number;
  column: number;
  /** The path in the document, e.g. `levels[3].promotion.min_months_at_level`; empty for the root. */
  path: string;
  message: string;
}

export type LadderValidation = { ok: true; ladder: Ladder } | { ok: false; problems: LadderProblem[] };

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
        message: `YAML syntax: ${error.message.split('\n')[0] ?? error.code}`,
      })),
    };
  }

  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const locate = (path: readonly PathSegment[], key = false): { line: number; column: number } =>
    at(offsetOf(doc, path, key));

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
    return issue.keys.map((key) => ({
      file,
      ...locate([...path, key], true),
      path: formatPath([...path, key]),
      message: 'unknown field',
    }));
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
  return [{ file, ...locate(path), path: formatPath(path), message: issue.message }];
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

/** Checks that need the whole document: unique ids, references to levels and tracks, the panel gate. */
export function crossCheckLadder(ladder: Ladder): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const duplicates = <T>(
    items: readonly T[],
    idOf: (item: T) => string,
    path: (index: number) => PathSegment[],
    what: string,
  ) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = idOf(item);
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
  const rankKeys = ladder.levels.map((l) => `${l.track}#${l.rank}`);
  duplicates(
    rankKeys,
    (k) => k,
    (i) => ['levels', i, 'rank'],
    'rank in track',
  );

  const levelRef = (value: string, path: PathSegment[]) => {
    if (!levelIds.has(value))
      problems.push({ path, message: `unknown level "${value}" (levels: ${[...levelIds].join(', ')})` });
  };

  ladder.levels.forEach((level, li) => {
    const base: PathSegment[] = ['levels', li];
    if (!trackIds.has(level.track))
      problems.push({ path: [...base, 'track'], message: `unknown track "${level.track}"` });
    level.bridges_to?.forEach((track, i) => {
      if (!trackIds.has(track))
        problems.push({ path: [...base, 'bridges_to', i], message: `unknown track "${track}"` });
    });
    if (level.status === 'written') {
      for (const section of WRITTEN_SECTIONS) {
        if (level[section] === undefined) {
          problems.push({
            path: [...base, section],
            message: `required for a level whose status is written`,
          });
        }
      }
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
    checkPhaseOrder(level, base, problems);
    duplicates(
      level.ranking_standard ?? [],
      (x) => x.id,
      (i) => [...base, 'ranking_standard', i, 'id'],
      'metric id',
    );

    const promotion = level.promotion;
    if (promotion !== undefined) {
      const pBase = [...base, 'promotion'];
      levelRef(promotion.target_level, [...pBase, 'target_level']);
      const target = ladder.levels.find((l) => l.id === promotion.target_level);
      if (target !== undefined && target.track === level.track && target.rank <= level.rank) {
        problems.push({
          path: [...pBase, 'target_level'],
          message: `expected a higher level than ${level.id}`,
        });
      }
      duplicates(
        promotion.assessment?.components ?? [],
        (x) => x.id,
        (i) => [...pBase, 'assessment', 'components', i, 'id'],
        'component id',
      );
      duplicates(
        promotion.other_requirements ?? [],
        (x) => x.id,
        (i) => [...pBase, 'other_requirements', i, 'id'],
        'requirement id',
      );
      promotion.other_requirements?.forEach((req, i) => {
        const rPath = [...pBase, 'other_requirements', i, 'rule'];
        checkRule(req.rule, rPath, problems);
        if (
          req.rule.kind === 'tenure' &&
          promotion.min_months_at_level !== undefined &&
          req.rule.months !== promotion.min_months_at_level
        ) {
          problems.push({
            path: [...rPath, 'months'],
            message: `expected ${promotion.min_months_at_level}, the promotion's min_months_at_level`,
          });
        }
        if (req.rule.kind === 'assessment_passed' && promotion.assessment === undefined) {
          problems.push({
            path: [...rPath, 'kind'],
            message: 'assessment_passed needs promotion.assessment',
          });
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
        if (!panel.criteria.some((c) => c.id === panel.gate_criterion)) {
          problems.push({
            path: [...panelBase, 'gate_criterion'],
            message: `"${panel.gate_criterion}" is not among the criteria (${panel.criteria.map((c) => c.id).join(', ')})`,
          });
        }
        levelRef(panel.eligibility.min_level, [...panelBase, 'eligibility', 'min_level']);
        if (panel.scale.max <= panel.scale.min)
          problems.push({ path: [...panelBase, 'scale', 'max'], message: 'expected max > min' });
        for (const [name, value] of [
          ['gate_median_at_least', panel.decision.gate_median_at_least],
          ['others_median_at_least', panel.decision.others_median_at_least],
        ] as const) {
          if (value < panel.scale.min || value > panel.scale.max) {
            problems.push({
              path: [...panelBase, 'decision', name],
              message: `expected a score within the scale ${panel.scale.min}–${panel.scale.max}`,
            });
          }
        }
      }
    }
    level.ranking_standard?.forEach((metric, i) =>
      checkRule(metric.rule, [...base, 'ranking_standard', i, 'rule'], problems),
    );

    const mentorship = level.mentorship;
    mentorship?.receives?.mentor_levels.forEach((l, i) =>
      levelRef(l, [...base, 'mentorship', 'receives', 'mentor_levels', i]),
    );
    mentorship?.gives?.mentee_levels.forEach((l, i) => {
      const path = [...base, 'mentorship', 'gives', 'mentee_levels', i];
      levelRef(l, path);
      const mentee = ladder.levels.find((x) => x.id === l);
      if (mentee !== undefined && mentee.track === level.track && mentee.rank >= level.rank) {
        problems.push({ path, message: `expected a level below ${level.id}` });
      }
    });
    if (
      mentorship?.gives !== undefined &&
      mentorship.gives.slots > 0 &&
      mentorship.gives.mentee_levels.length === 0
    ) {
      problems.push({
        path: [...base, 'mentorship', 'gives', 'mentee_levels'],
        message: 'expected at least one mentee level when slots > 0',
      });
    }
  });
  return problems;
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
] as const satisfies readonly (keyof Level)[];

function checkPhaseOrder(level: Level, base: PathSegment[], problems: CrossProblem[]): void {
  const phases = level.curriculum ?? [];
  for (let i = 1; i < phases.length; i++) {
    const previous = phases[i - 1];
    const phase = phases[i];
    if (previous !== undefined && phase !== undefined && phase.from_month <= previous.to_month) {
      problems.push({
        path: [...base, 'curriculum', i, 'from_month'],
        message: `expected a month after the previous phase's to_month (${previous.to_month})`,
      });
    }
  }
}

function checkRule(rule: Rule, path: PathSegment[], problems: CrossProblem[]): void {
  if (rule.kind !== 'evidence_count' && rule.kind !== 'evidence_share') return;
  // A filter on a field the evidence kind does not have would silently count nothing.
  const known = EVIDENCE_FIELDS[rule.evidence];
  const filters: [string, EvidenceFilter | undefined][] =
    rule.kind === 'evidence_count'
      ? [['where', rule.where]]
      : [
          ['of', rule.of],
          ['counted', rule.counted],
        ];
  for (const [name, filter] of filters) {
    for (const field of Object.keys(filter?.fields ?? {})) {
      if (!known.includes(field)) {
        problems.push({
          path: [...path, name, 'fields', field],
          key: true,
          message: `unknown field of ${rule.evidence} evidence (fields: ${known.join(', ')})`,
        });
      }
    }
    (filter?.non_empty ?? []).forEach((field, i) => {
      if (!known.includes(field)) {
        problems.push({
          path: [...path, name, 'non_empty', i],
          message: `unknown field of ${rule.evidence} evidence (fields: ${known.join(', ')})`,
        });
      }
    });
  }
}
