import { isMap, isPair, isScalar, isSeq, LineCounter, visit, type Document, type Node } from 'yaml';

/** A place in a source text; line and column count from 1. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** One step of a path into a document: a mapping key or a list index. */
export type PathSegment = string | number;

/** Positions of a parsed YAML document's nodes, looked up by offset or by path. */
export interface SourcePositions {
  /** The line and column of a character offset in the source. */
  at(offset: number): SourcePosition;
  /**
   * The position of the node at `path` (of its key when `key` is true). A path the document does not
   * have (a missing field) gives the position of its nearest existing ancestor.
   */
  locate(path: readonly PathSegment[], key?: boolean): SourcePosition;
}

/** Builds the position lookups of a document parsed with `lineCounter` (the `yaml` package's). */
export function sourcePositions(doc: Document, lineCounter: LineCounter): SourcePositions {
  const at = (offset: number): SourcePosition => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return { at, locate: (path, key = false) => at(offsetOf(doc, path, key)) };
}

/** The line and column of a character offset, for text that never became a document. */
export function positionInText(source: string, offset: number): SourcePosition {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Start offset of the node at `path` (or of its key), falling back to the nearest ancestor. */
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

/** Offset of the first node nested deeper than `limit`, walked without recursion (the input is hostile). */
export function firstNodeDeeperThan(doc: Document, limit: number): number | undefined {
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
export function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = rangeStart(node) ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    if (Array.isArray(range)) return range[0];
  }
  return undefined;
}
