/**
 * Ids for list items the file gives none (issue 16, ADR 0022): a `what_you_do` item, a summary paragraph,
 * an expectation's example. The id is derived from the item's text, and carried from one version to the
 * next by matching, so one inserted line is one addition (not every later item shifted) and a lightly
 * edited item is one change that keeps its old id.
 */

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** How many words of the text make its id: enough to tell items apart, short enough to read in a diff. */
const SLUG_WORDS = 6;
const SLUG_MAX = 48;
/**
 * Two unmatched items in the same place are one edited item when their texts share at least this share of
 * character pairs (Dice coefficient). An edited sentence scores ~0.7–0.95; unrelated sentences ~0.1–0.35.
 */
export const SIMILAR_AT = 0.5;

/** The id a text gives: its first words, lower case, joined by hyphens (letters of any script kept). */
export function slugOf(text: string): string {
  const words =
    text
      .normalize('NFKD')
      // Accents of Latin letters fold away (é → e); marks of other scripts stay (ベ stays ベ).
      .replace(/([A-Za-z])\p{M}+/gu, '$1')
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const word of words.slice(0, SLUG_WORDS)) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX && slug !== '') break;
    slug = next.slice(0, SLUG_MAX);
  }
  return slug === '' ? 'item' : slug;
}

/** The item's own id, when the file gives it one. */
function ownId(item: Json): string | undefined {
  return isObject(item) && typeof item.id === 'string' ? item.id : undefined;
}

/** The text an id is derived from: a string item itself, else its `name`, `text` or first text field. */
function naming(item: Json): string {
  if (typeof item === 'string') return item;
  if (isObject(item)) {
    for (const field of ['name', 'text', 'title']) {
      const value = item[field];
      if (typeof value === 'string') return value;
    }
    const first = Object.values(item).find((value) => typeof value === 'string');
    if (typeof first === 'string') return first;
  }
  return JSON.stringify(item) ?? '';
}

/** All the item's text, for similarity: an edit to a description alone still reads as the same item. */
function wording(item: Json): string {
  if (typeof item === 'string') return item;
  if (isObject(item))
    return Object.entries(item)
      .filter(([key]) => key !== 'id')
      .map(([, value]) => (typeof value === 'string' ? value : JSON.stringify(value)))
      .join(' ');
  return JSON.stringify(item) ?? '';
}

/** Makes `wanted` unique among `taken` with `-2`, `-3`… (two items starting with the same words). */
function unique(wanted: string, taken: Set<string>): string {
  let key = wanted;
  for (let n = 2; taken.has(key); n += 1) key = `${wanted}-${n}`;
  taken.add(key);
  return key;
}

/** Each item's id: its own where the file gives one, else derived from its text (unique in the list). */
export function deriveItemIds(items: readonly Json[]): string[] {
  const taken = new Set(items.map(ownId).filter((id): id is string => id !== undefined));
  return items.map((item) => ownId(item) ?? unique(slugOf(naming(item)), taken));
}

function bigrams(text: string): Map<string, number> {
  const normal = text.toLowerCase().replace(/\s+/gu, ' ').trim();
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < normal.length; i += 1) {
    const pair = normal.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** How alike two texts are, 0–1: the Dice coefficient of their character pairs (case and spacing ignored). */
export function similarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const count of left.values()) total += count;
  for (const [pair, count] of right) {
    total += count;
    shared += Math.min(count, left.get(pair) ?? 0);
  }
  if (total === 0) return a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0;
  return (2 * shared) / total;
}

/** Which item of the old list became which of the new one; the rest were removed or added. */
export interface ItemMatch {
  /** `[old index, new index]`, in the old list's order. */
  pairs: [number, number][];
  removed: number[];
  added: number[];
  /** The new list's ids: an item matched to an old one keeps the old one's id (kept across versions). */
  ids: string[];
}

/** Longest run of pairs whose new indexes increase: the items that kept their relative order. */
function inOrder(pairs: [number, number][]): Set<number> {
  const best: number[] = pairs.map(() => 1);
  const previous: number[] = pairs.map(() => -1);
  for (let i = 0; i < pairs.length; i += 1) {
    for (let j = 0; j < i; j += 1) {
      if (pairs[j]![1] < pairs[i]![1] && best[j]! + 1 > best[i]!) {
        best[i] = best[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < pairs.length; i += 1) if (end === -1 || best[i]! > best[end]!) end = i;
  const kept = new Set<number>();
  for (let i = end; i !== -1; i = previous[i]!) kept.add(i);
  return kept;
}

/**
 * Matches two versions of a list: first by id (own or derived from the text), then, among the items left
 * over between the same two matched neighbours, by similar text (best pairs first, never crossing), so an
 * edited item is paired with what it was. Two items that both carry their own ids pair only by id.
 */
export function matchItems(before: readonly Json[], after: readonly Json[]): ItemMatch {
  const oldIds = deriveItemIds(before);
  const newIds = deriveItemIds(after);
  const newIndexById = new Map(newIds.map((id, index) => [id, index]));
  const byId: [number, number][] = [];
  oldIds.forEach((id, index) => {
    const other = newIndexById.get(id);
    if (other !== undefined) byId.push([index, other]);
  });
  const anchors = [...inOrder(byId)].map((i) => byId[i]!).sort((a, b) => a[0] - b[0]);
  const gapOf = (index: number, side: 0 | 1): number => anchors.filter((a) => a[side] < index).length;

  const oldUsed = new Set(byId.map(([i]) => i));
  const newUsed = new Set(byId.map(([, j]) => j));
  const candidates: { i: number; j: number; score: number }[] = [];
  before.forEach((oldItem, i) => {
    if (oldUsed.has(i)) return;
    after.forEach((newItem, j) => {
      if (newUsed.has(j) || gapOf(i, 0) !== gapOf(j, 1)) return;
      if (ownId(oldItem) !== undefined && ownId(newItem) !== undefined) return;
      const score = similarity(wording(oldItem), wording(newItem));
      if (score >= SIMILAR_AT) candidates.push({ i, j, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score || Math.abs(a.i - a.j) - Math.abs(b.i - b.j) || a.i - b.i);
  const bySimilarity: [number, number][] = [];
  for (const { i, j } of candidates) {
    if (oldUsed.has(i) || newUsed.has(j)) continue;
    if (bySimilarity.some(([pi, pj]) => pi < i !== pj < j)) continue;
    bySimilarity.push([i, j]);
    oldUsed.add(i);
    newUsed.add(j);
  }

  const pairs = [...byId, ...bySimilarity].sort((a, b) => a[0] - b[0]);
  const ids: (string | undefined)[] = after.map(() => undefined);
  for (const [i, j] of pairs) ids[j] = oldIds[i]!;
  const taken = new Set(ids.filter((id): id is string => id !== undefined));
  const keptIds = ids.map((id, j) => id ?? ownId(after[j]) ?? unique(newIds[j]!, taken));
  return {
    pairs,
    removed: before.map((_, i) => i).filter((i) => !oldUsed.has(i)),
    added: after.map((_, j) => j).filter((j) => !newUsed.has(j)),
    ids: keptIds,
  };
}

/** The new version's item ids, each kept from the old version where the item is the same one edited. */
export function carryItemIds(before: readonly Json[], after: readonly Json[]): string[] {
  return matchItems(before, after).ids;
}
