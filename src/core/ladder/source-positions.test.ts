import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import {
  firstAliasOffset,
  firstNodeDeeperThan,
  positionInText,
  sourcePositions,
} from './source-positions.js';

function positionsOf(source: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  return { doc, positions: sourcePositions(doc, lineCounter) };
}

const SOURCE = [
  'name: Tiny',
  'levels:',
  '  - id: L1',
  '    tags: [a, b]',
  '  - { id: L2, title: Two }',
  '',
].join('\n');

describe('sourcePositions', () => {
  it('finds the value at a path, block and flow style, from line 1 column 1', () => {
    const { positions } = positionsOf(SOURCE);
    expect(positions.locate(['name'])).toEqual({ line: 1, column: 7 });
    expect(positions.locate(['levels', 0, 'id'])).toEqual({ line: 3, column: 9 });
    expect(positions.locate(['levels', 0, 'tags', 1])).toEqual({ line: 4, column: 15 });
    expect(positions.locate(['levels', 1, 'title'])).toEqual({ line: 5, column: 22 });
  });

  it('finds a key when asked, and the nearest ancestor for a path the file does not have', () => {
    const { positions } = positionsOf(SOURCE);
    expect(positions.locate(['levels', 1, 'title'], true)).toEqual({ line: 5, column: 15 });
    expect(positions.locate(['levels', 0, 'missing'])).toEqual({ line: 3, column: 5 });
    expect(positions.locate(['levels', 7, 'id'])).toEqual({ line: 3, column: 3 });
    expect(positions.locate([])).toEqual({ line: 1, column: 1 });
  });

  it('turns an offset of plain text into a line and column', () => {
    expect(positionInText('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionInText('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('finds the first node deeper than a limit, and the first alias', () => {
    const { doc } = positionsOf('a: { b: { c: 1 } }\nd: &x 1\ne: *x\n');
    expect(firstNodeDeeperThan(doc, 10)).toBeUndefined();
    expect(firstNodeDeeperThan(doc, 3)).toBeUndefined();
    expect(firstNodeDeeperThan(doc, 2)).toBe(13);
    expect(firstAliasOffset(doc)).toBe(30);
  });
});
