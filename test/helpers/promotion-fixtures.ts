import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LadderDocument } from '../../src/core/ladder/ladder.schema.js';
import { validateLadderText } from '../../src/core/ladder/validate-ladder.js';
import type { ScoreSheet } from '../../src/core/promotion/score-sheet.js';

export const shippedLadderPath = fileURLToPath(
  new URL('../../ladders/ai-first-business-manager.yaml', import.meta.url),
);

/** The shipped ladder, parsed and validated. */
export function loadShippedLadder(): LadderDocument {
  const result = validateLadderText(readFileSync(shippedLadderPath, 'utf8'), shippedLadderPath);
  if (!result.ok) throw new Error(`shipped ladder does not validate: ${JSON.stringify(result.problems)}`);
  return result.ladder;
}

export const L4_COMPONENTS = [
  'product-decision-portfolio',
  'team-building-simulation',
  'mentee-outcome',
  'live-scope-exercise',
] as const;
export const L4_CRITERIA = [
  'multiplication-instinct',
  'product-judgment',
  'teaching-ability',
  'scope-discipline',
  'leadership-without-authority',
] as const;

/**
 * A complete L4→L5 sheet: every component passes and every criterion scores `score`, unless `fail`
 * names components to fail or `scores` sets criteria individually.
 */
export function buildSheet(
  options: { score?: number; fail?: string[]; scores?: Partial<Record<string, number>>; notes?: string } = {},
): ScoreSheet {
  return {
    components: L4_COMPONENTS.map((id) => ({
      id,
      result: options.fail?.includes(id) === true ? ('fail' as const) : ('pass' as const),
      notes: options.notes,
    })),
    criteria: L4_CRITERIA.map((id) => ({ id, score: options.scores?.[id] ?? options.score ?? 3 })),
  };
}
