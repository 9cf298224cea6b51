import { ladderSchema } from './ladder.schema.js';
import { defOf } from './zod-def.js';

/** The schemas a value at `path` may have: wrappers removed, every option of a union. */
function schemasAt(schema: unknown, path: readonly (string | number)[]): unknown[] {
  const def = defOf(schema);
  if (def === undefined) return [];
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')
    return schemasAt(def.innerType, path);
  if (def.type === 'pipe') return schemasAt(def.in, path);
  if (def.type === 'union') return (def.options ?? []).flatMap((option) => schemasAt(option, path));
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (def.type === 'object' && typeof head === 'string') return schemasAt(def.shape?.[head], rest);
  if (def.type === 'array' && typeof head === 'number') return schemasAt(def.element, rest);
  if (def.type === 'record') return schemasAt(def.valueType, rest);
  return [];
}

/** The field names the ladder schema allows in the object at `path`. */
export function knownFields(path: readonly (string | number)[]): string[] {
  const names = schemasAt(ladderSchema, path).flatMap((schema) => Object.keys(defOf(schema)?.shape ?? {}));
  return [...new Set(names)];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

/** The allowed field closest to a mistyped one (edits up to a third of its length, at least one), if any. */
export function suggestField(path: readonly (string | number)[], unknown: string): string | undefined {
  const limit = Math.max(1, Math.floor(unknown.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of knownFields(path)) {
    const distance = editDistance(unknown.toLowerCase(), name);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
