import type { LadderDocument } from '../../src/core/ladder/ladder.schema.js';
import { formatProblem, validateLadderText } from '../../src/core/ladder/validate-ladder.js';

/** The validated document of a ladder text; throws with every problem when it does not validate. */
export function validLadder(source: string, file = 'f.yaml'): LadderDocument {
  const result = validateLadderText(source, file);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.ladder;
}

/** A ladder text's problems as `line:column: path: message`, the file name left out. */
export function ladderProblems(source: string, file = 'f.yaml'): string[] {
  const result = validateLadderText(source, file);
  return result.ok ? [] : result.problems.map((p) => formatProblem(p).replace(`${file}:`, ''));
}

/** The line (from 1) and column where the first match of `needle` at or after `from` starts. */
export function positionOf(source: string, needle: string, from = 0): string {
  const at = source.indexOf(needle, from);
  if (at < 0) throw new Error(`not in the source: ${needle}`);
  const before = source.slice(0, at).split('\n');
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}
