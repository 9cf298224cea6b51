import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validLadder } from '../../../test/helpers/ladder-text.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import type { BuilderEvidence } from './evaluation.types.js';
import { countMetricsMet, evaluateReadiness, promotionTargetKeys } from './readiness.js';

/**
 * Two disciplines sharing level ids E1/E2, with promotions that differ per track (backend E1 needs 24
 * months, frontend E1 six; backend E1 leads to E2 or the manager track), and one metric only backend E1
 * defines — so answering one track's level for the other shows in every field (ADR 0020).
 */
const doc = validLadder(readFileSync(path.resolve('test/fixtures/ladders/shared-ids.yaml'), 'utf8'));

const engineer = (track: string | undefined): BuilderEvidence => ({
  email: 'eve@example.test',
  ...(track === undefined ? {} : { track }),
  levels: [{ level: 'E1', since: '2025-01-01' }],
  records: [],
  mentorships: [],
  menteeLevels: new Map(),
  placements: [],
});

describe('readiness of a builder whose track shares its level ids with another track', () => {
  it("answers the frontend engineer against frontend E1: six months' tenure, one target, no metric", () => {
    const readiness = evaluateReadiness({ ladder: doc, evidence: engineer('frontend'), at: '2025-09-01' });
    expect(readiness).toMatchObject({
      level: 'E1',
      target_level: 'frontend/E2',
      standard: 'defined',
      metrics: [],
      requirements: [{ id: 'time', status: 'met' }],
      eligible_for_case: true,
    });
    expect(readiness).not.toHaveProperty('target_levels');
    // No level of this ladder has a label: the answer has no labels either.
    expect(readiness).not.toHaveProperty('labels');
  });

  it('answers the backend engineer against backend E1: its metric, 24 months, and both targets', () => {
    const readiness = evaluateReadiness({ ladder: doc, evidence: engineer('backend'), at: '2025-09-01' });
    expect(readiness).toMatchObject({
      target_level: 'backend/E2',
      target_levels: ['backend/E2', 'm1'],
      metrics: [{ id: 'decisions', status: 'not_met' }],
      requirements: [{ id: 'time', status: 'not_met' }],
      eligible_for_case: false,
    });
    expect(countMetricsMet(doc, engineer('backend'), '2025-09-01')).toBe(0);
  });

  it('without the track the shared id names no level, and says so (the old answer for everyone)', () => {
    const readiness = evaluateReadiness({ ladder: doc, evidence: engineer(undefined), at: '2025-09-01' });
    expect(readiness).toMatchObject({ target_level: null, standard: 'none' });
    expect(readiness.gaps[0]).toBe('the ladder (version 2026-01-01) has no level E1');
  });

  it('keeps the shipped ladder’s one-target answers without target_levels', () => {
    const shipped = shippedLadder();
    for (const level of shipped.levels) {
      const keys = promotionTargetKeys(shipped, level);
      expect(keys).toEqual(level.promotion === undefined ? [] : [level.promotion.target_level]);
    }
  });
});
