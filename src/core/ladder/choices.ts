import { z } from 'zod';
import type { PathSegment } from './source-positions.js';

/**
 * The organisation's own choices (issue 16): the fields a ladder file sets that the page it was written
 * from does not state (the seed is silent on panel size, scale and medians, check-in windows, L5's
 * cadence …). The file lists them under `choices`, each by its path and why it was chosen, so a reader —
 * and the rendered page, on request — can tell which numbers come from the source and which are the
 * organisation's.
 */

const text = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text');

/** `levels[L4].promotion.panel.size`: field names, and list items by their id (a level by id or track/id) or index. */
export const CHOICE_PATH = /^[a-z_]+(?:\.[a-z_]+|\[[A-Za-z0-9][A-Za-z0-9._+/-]*\])*$/;

export const choiceSchema = z.strictObject({
  path: z
    .string({ error: 'expected a path such as levels[L4].promotion.panel.size' })
    .regex(
      CHOICE_PATH,
      'expected a path such as levels[L4].promotion.panel.size (fields by name, list items [by id])',
    ),
  why: text,
});
export type ChoiceDefinition = z.infer<typeof choiceSchema>;

export const choicesSchema = z.array(choiceSchema).min(1, 'expected at least one choice');

/** One step of a choice's path: a field name, or a list item by its id or index (`[L4]`, `[0]`). */
export type ChoiceStep = { field: string } | { item: string };

/** The steps of a path the schema accepted (CHOICE_PATH). */
export function parseChoicePath(path: string): ChoiceStep[] {
  const steps: ChoiceStep[] = [];
  for (const match of path.matchAll(/([a-z_]+)|\[([^\]]+)\]/g)) {
    if (match[1] !== undefined) steps.push({ field: match[1] });
    else if (match[2] !== undefined) steps.push({ item: match[2] });
  }
  return steps;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The index of the list item a step names: its `id` (a level's `track/id` too), else a number as the index. */
function itemIndex(list: readonly unknown[], key: string): number {
  const byId = list.findIndex((item) => {
    if (!isRecord(item)) return false;
    if (item.id === key) return true;
    return typeof item.track === 'string' && `${item.track}/${String(item.id)}` === key;
  });
  if (byId >= 0 || !/^\d+$/.test(key)) return byId;
  const index = Number(key);
  return index < list.length ? index : -1;
}

/** Where a path leads in a document: the value and its place, or the first step that leads nowhere and why. */
export type ChoiceTarget = { ok: true; value: unknown; at: PathSegment[] } | { ok: false; message: string };

/** Follows a choice's path through the document (its data as written). */
export function resolveChoicePath(data: unknown, path: string): ChoiceTarget {
  let value = data;
  const at: PathSegment[] = [];
  let where = '';
  for (const step of parseChoicePath(path)) {
    if ('field' in step) {
      if (!isRecord(value) || !(step.field in value) || value[step.field] === undefined) {
        const fields = isRecord(value) ? Object.keys(value) : [];
        return {
          ok: false,
          message: `no field ${step.field}${where === '' ? ' in the ladder' : ` in ${where}`}${fields.length === 0 ? '' : ` (fields: ${fields.join(', ')})`}`,
        };
      }
      value = value[step.field];
      at.push(step.field);
      where = where === '' ? step.field : `${where}.${step.field}`;
    } else {
      const index = Array.isArray(value) ? itemIndex(value, step.item) : -1;
      if (!Array.isArray(value) || index < 0) {
        const ids = Array.isArray(value)
          ? value.flatMap((item) => (isRecord(item) && typeof item.id === 'string' ? [item.id] : []))
          : [];
        return {
          ok: false,
          message: !Array.isArray(value)
            ? `${where} is not a list: [${step.item}] names a list item`
            : `no item "${step.item}" in ${where}${ids.length === 0 ? '' : ` (ids: ${ids.join(', ')})`}`,
        };
      }
      value = value[index];
      at.push(index);
      where = `${where}[${step.item}]`;
    }
  }
  return { ok: true, value, at };
}

interface ChoiceProblem {
  path: PathSegment[];
  message: string;
}

/**
 * The checks of `choices` across the document: each path leads to a field the file sets, once, and
 * no choice sits inside another (the outer one already says the whole of it is the organisation's).
 */
export function checkChoices(
  choices: readonly (ChoiceDefinition | undefined)[] | undefined,
  data: unknown,
): ChoiceProblem[] {
  const problems: ChoiceProblem[] = [];
  const seen: { path: string; index: number }[] = [];
  (choices ?? []).forEach((choice, index) => {
    // A path the schema refused stays in a salvaged document (the right type): it leads nowhere to check.
    if (choice === undefined || !CHOICE_PATH.test(choice.path)) return;
    const at: PathSegment[] = ['choices', index, 'path'];
    const target = resolveChoicePath(data, choice.path);
    if (!target.ok) {
      problems.push({ path: at, message: target.message });
      return;
    }
    const same = seen.find((other) => other.path === choice.path);
    const outer = seen.find(
      (other) => choice.path.startsWith(other.path) && /^[.[]/.test(choice.path.slice(other.path.length)),
    );
    const inner = seen.find(
      (other) => other.path.startsWith(choice.path) && /^[.[]/.test(other.path.slice(choice.path.length)),
    );
    if (same !== undefined)
      problems.push({
        path: at,
        message: `duplicate choice "${choice.path}" (first at index ${same.index})`,
      });
    else if (outer !== undefined)
      problems.push({
        path: at,
        message: `already inside the choice "${outer.path}" (at index ${outer.index}): one of them is enough`,
      });
    else if (inner !== undefined)
      problems.push({
        path: at,
        message: `holds the choice "${inner.path}" (at index ${inner.index}): one of them is enough`,
      });
    seen.push({ path: choice.path, index });
  });
  return problems;
}

/** A choice as a level's page lists it: the path below the level, the value the file sets and why. */
export interface LevelChoice {
  /** The level it is on, when it is on another level than the page's (e.g. the target's unlocks). */
  level?: string;
  field: string;
  value: unknown;
  why: string;
}

/**
 * The choices on one level (`levels[L4]…`), by the path below it. A choice of the whole ladder
 * (`version`, `tracks…`) is on no level.
 */
export function choicesOnLevel(
  data: { choices?: readonly ChoiceDefinition[] | undefined; levels: readonly unknown[] },
  levelIndex: number,
): LevelChoice[] {
  return (data.choices ?? []).flatMap((choice): LevelChoice[] => {
    const target = resolveChoicePath(data, choice.path);
    if (!target.ok || target.at[0] !== 'levels' || target.at[1] !== levelIndex) return [];
    const below = choice.path.replace(/^levels\[[^\]]+\]\.?/, '');
    return [{ field: below, value: target.value, why: choice.why }];
  });
}

/** A chosen value in a line of text: a scalar as it is, a list or mapping inline (`min: 1, max: 4, …`). */
export function choiceValueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(choiceValueText).join(', ');
  if (isRecord(value))
    return Object.entries(value)
      .map(
        ([key, inner]) =>
          `${key}: ${isRecord(inner) || Array.isArray(inner) ? `{ ${choiceValueText(inner)} }` : choiceValueText(inner)}`,
      )
      .join(', ');
  return String(value);
}
