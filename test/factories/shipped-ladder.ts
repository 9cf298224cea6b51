import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  LadderDocument,
  LevelDefinition,
  MetricDefinition,
} from '../../src/core/ladder/ladder.schema.js';
import { validateLadderText } from '../../src/core/ladder/validate-ladder.js';

const file = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../ladders/ai-first-business-manager.yaml',
);

/** The shipped ladder, validated: tests evaluate the real rules, not copies of them. */
let cached: LadderDocument | undefined;

export function shippedLadder(): LadderDocument {
  if (cached !== undefined) return cached;
  const result = validateLadderText(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(`shipped ladder does not validate: ${JSON.stringify(result.problems[0])}`);
  cached = result.ladder;
  return cached;
}

/** A level of the shipped ladder. */
export function shippedLevel(id: string): LevelDefinition {
  const level = shippedLadder().levels.find((candidate) => candidate.id === id);
  if (level === undefined) throw new Error(`no level ${id} in the shipped ladder`);
  return level;
}

/** One metric of the shipped L4 ranking standard. */
export function l4Metric(id: string): MetricDefinition {
  const metric = shippedLevel('L4').ranking_standard?.find((candidate) => candidate.id === id);
  if (metric === undefined) throw new Error(`no L4 metric ${id}`);
  return metric;
}
