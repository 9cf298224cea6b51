import type { z } from 'zod';
import type { PathSegment } from './source-positions.js';
import { suggestField } from './suggest-field.js';
import { defOf } from './zod-def.js';

/**
 * zod issues of a ladder file in our words, and the document with the parts the schema refused taken out
 * (so the checks across the document still run in the same pass). Everything here goes by issue code and
 * path, never by a field's name, so it keeps working as the schema grows.
 */

/** One schema problem: the path it is about (its key when `key`), and what is wrong in our words. */
export interface SchemaProblem {
  path: PathSegment[];
  key: boolean;
  message: string;
}

type Issue = z.core.$ZodIssue;

// zod's own English messages ("Invalid input: expected …", "Too small: …", "Invalid key in record"); ours
// are lower-case and say what to write instead.
const LIBRARY_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)\b/;

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  map: 'a mapping (key: value)',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  date: 'a date',
  null: 'nothing (null)',
};

function pathOf(issue: Issue): PathSegment[] {
  return issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
}

/** The value at `path` in parsed YAML data (undefined when any step is missing). */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? shown(values[0]) : `one of: ${values.map(shown).join(', ')}`;
}

function orList(words: readonly string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1] ?? ''}`;
}

/** The values a discriminated union's tag may take (zod names them on a no-match issue). */
function unionOptions(issue: Extract<Issue, { code: 'invalid_union' }>): readonly unknown[] {
  return 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
}

function countOf(n: number | bigint, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

/** What an issue means in our words: the schema's own message when it has one, else one by issue code. */
export function issueMessage(issue: Issue): string {
  if (!LIBRARY_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}`;
    case 'invalid_union': {
      const options = unionOptions(issue);
      if (options.length > 0) return `expected ${issue.discriminator ?? 'kind'} to be ${oneOf(options)}`;
      // A plain union: say what each alternative wanted, e.g. "expected text, a number or true or false".
      const firsts = issue.errors.map((branch) => branch[0]).filter((i): i is Issue => i !== undefined);
      if (firsts.length > 0 && firsts.every((i) => i.code === 'invalid_type'))
        return `expected ${orList(firsts.map((i) => issueMessage(i).replace(/^expected /, '')))}`;
      return `expected one of the accepted forms: ${orList(firsts.map(issueMessage))}`;
    }
    case 'too_small':
      return boundMessage('at least', issue.origin, issue.minimum, issue.inclusive !== false);
    case 'too_big':
      return boundMessage('at most', issue.origin, issue.maximum, issue.inclusive !== false);
    case 'invalid_format':
      return formatMessage(issue);
    case 'not_multiple_of':
      return `expected a multiple of ${shown(issue.divisor)}`;
    case 'invalid_key':
      return `expected another name here: ${issue.issues.map(issueMessage).join('; ')}`;
    case 'invalid_element':
      return `an entry is not accepted: ${issue.issues.map(issueMessage).join('; ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    case 'custom':
      return 'not accepted here';
  }
}

function boundMessage(
  bound: 'at least' | 'at most',
  origin: string,
  limit: number | bigint,
  inclusive: boolean,
): string {
  if (origin === 'array' || origin === 'set')
    return Number(limit) === 1 && bound === 'at least'
      ? 'expected at least one item'
      : `expected ${bound} ${countOf(limit, 'item', 'items')}`;
  if (origin === 'string')
    return Number(limit) === 1 && bound === 'at least'
      ? 'expected non-empty text'
      : `expected ${bound} ${countOf(limit, 'character', 'characters')}`;
  const sign = bound === 'at least' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
  return `expected a number ${sign} ${String(limit)}`;
}

function formatMessage(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  if (issue.format === 'regex' && 'pattern' in issue && typeof issue.pattern === 'string')
    return `expected text of the form ${issue.pattern}`;
  if (issue.format === 'starts_with' && 'prefix' in issue)
    return `expected text starting with "${String(issue.prefix)}"`;
  if (issue.format === 'ends_with' && 'suffix' in issue)
    return `expected text ending with "${String(issue.suffix)}"`;
  if (issue.format === 'includes' && 'includes' in issue)
    return `expected text containing "${String(issue.includes)}"`;
  return `expected a valid ${issue.format.replaceAll('_', ' ')}`;
}

/**
 * Turns one zod issue into problems with paths: an unknown field is named (with the closest allowed
 * one), a refused key points at the key, a missing field says `required` (where it sits, the position
 * falls back to its parent).
 */
export function problemsFromIssue(issue: Issue, data: unknown): SchemaProblem[] {
  const path = pathOf(issue);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const suggestion = suggestField(path, key);
      return {
        path: [...path, key],
        key: true,
        message: suggestion === undefined ? 'unknown field' : `unknown field (did you mean ${suggestion}?)`,
      };
    });
  }
  if (issue.code === 'invalid_key') {
    const name = path[path.length - 1];
    const why = issue.issues.map(issueMessage).join('; ');
    return [{ path, key: true, message: `field name "${String(name)}": ${why}` }];
  }
  const parent = valueAt(data, path.slice(0, -1));
  const last = path[path.length - 1];
  const missing =
    last !== undefined &&
    parent !== null &&
    typeof parent === 'object' &&
    !Array.isArray(parent) &&
    !Object.hasOwn(parent, last) &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value');
  if (missing) {
    const choices =
      issue.code === 'invalid_value'
        ? issue.values
        : issue.code === 'invalid_union'
          ? unionOptions(issue)
          : [];
    return [
      {
        path,
        key: false,
        message: choices.length > 0 ? `required: ${oneOf(choices)}` : 'required',
      },
    ];
  }
  return [{ path, key: false, message: issueMessage(issue) }];
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** The schemas the value at `path` may have (every option of a union that `value` could be). */
function schemasAt(schema: unknown, path: readonly PathSegment[], value: unknown): unknown[] {
  if (path.length === 0) return [schema];
  const def = defOf(schema);
  if (def === undefined) return [];
  if (WRAPPERS.has(def.type)) return schemasAt(def.innerType, path, value);
  if (def.type === 'pipe') return schemasAt(def.in, path, value);
  if (def.type === 'lazy' && def.getter !== undefined) return schemasAt(def.getter(), path, value);
  if (def.type === 'union') {
    let options = def.options ?? [];
    const discriminator = def.discriminator;
    const tag = discriminator === undefined ? undefined : valueAt(value, [discriminator]);
    if (discriminator !== undefined && tag !== undefined) {
      const matching = options.filter((option) => {
        const literal = defOf(defOf(option)?.shape?.[discriminator]);
        return literal?.values?.includes(tag) === true;
      });
      if (matching.length > 0) options = matching;
    }
    return options.flatMap((option) => schemasAt(option, path, value));
  }
  const [head, ...rest] = path;
  if (head === undefined) return [];
  const child = valueAt(value, [head]);
  if (def.type === 'object' && typeof head === 'string') return schemasAt(def.shape?.[head], rest, child);
  if (def.type === 'array' && typeof head === 'number') return schemasAt(def.element, rest, child);
  if (def.type === 'tuple' && typeof head === 'number') return schemasAt(def.items?.[head], rest, child);
  if (def.type === 'record') return schemasAt(def.valueType, rest, child);
  return [];
}

function acceptsNothing(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object' || !('safeParse' in schema)) return false;
  const parse = (schema as { safeParse: (value: unknown) => { success: boolean } }).safeParse;
  return parse.call(schema, undefined).success;
}

/**
 * The part to take out for a problem at `path`: the nearest enclosing list item or optional field (a
 * top-level field counts as optional: the checks across the document guard for them).
 */
function droppablePrefix(schema: unknown, data: unknown, path: readonly PathSegment[]): PathSegment[] {
  for (let length = path.length; length >= 1; length--) {
    const prefix = path.slice(0, length);
    if (length === 1 || typeof prefix[length - 1] === 'number') return prefix;
    const candidates = schemasAt(schema, prefix, data);
    if (candidates.length > 0 && candidates.every(acceptsNothing)) return prefix;
  }
  return [];
}

function remove(data: unknown, path: readonly PathSegment[]): void {
  const last = path[path.length - 1];
  const container = valueAt(data, path.slice(0, -1));
  if (last === undefined || container === null || typeof container !== 'object') return;
  // A removed list item leaves a hole, so the items after it keep their index (and their position).
  delete (container as Record<PathSegment, unknown>)[last];
}

/** What to do with the value a schema problem is about, when salvaging the document. */
export interface SalvageStep {
  path: PathSegment[];
  /** `remove-key`: an unknown field or a refused name; `keep`: a value of the right type out of its bounds. */
  action: 'remove-key' | 'keep' | 'drop';
}

// Issues about a value of the right type (a malformed id, a number out of range, an unknown word): the
// checks across the document only compare such values, so they may stay and the rest of the item is kept.
const VALUE_ISSUES = new Set<Issue['code']>([
  'invalid_format',
  'too_small',
  'too_big',
  'not_multiple_of',
  'invalid_value',
  'custom',
]);

/** The salvage steps for zod issues on `data`. */
export function salvageSteps(issues: readonly Issue[], data: unknown): SalvageStep[] {
  return issues.flatMap((issue): SalvageStep[] => {
    const path = pathOf(issue);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key], action: 'remove-key' }));
    if (issue.code === 'invalid_key') return [{ path, action: 'remove-key' }];
    const value = valueAt(data, path);
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    return [{ path, action: scalar && VALUE_ISSUES.has(issue.code) ? 'keep' : 'drop' }];
  });
}

/**
 * A copy of `data` without what the schema refused: unknown fields and refused names removed, a scalar
 * of the right type kept where it is, and for any other problem the nearest enclosing list item or
 * optional field taken out (list items leave holes, so every remaining item keeps its index). What is
 * left has the schema's shape, apart from missing top-level fields and out-of-bounds scalars; `removed`
 * lists the paths taken out. Undefined when the root itself is not a mapping.
 */
export function salvageDocument(
  schema: unknown,
  data: unknown,
  steps: readonly SalvageStep[],
): { document: Record<string, unknown>; removed: PathSegment[][] } | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const document = structuredClone(data) as Record<string, unknown>;
  const removed: PathSegment[][] = [];
  for (const { path, action } of steps) {
    if (path.length === 0 || action === 'keep') continue;
    const target = action === 'remove-key' ? path : droppablePrefix(schema, data, path);
    remove(document, target);
    removed.push(target);
  }
  return { document, removed };
}
