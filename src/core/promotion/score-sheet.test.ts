import { describe, expect, it } from 'vitest';
import { buildSheet, loadShippedLadder } from '../../../test/helpers/promotion-fixtures.js';
import { DomainError } from '../errors.js';
import { panelPromotionFrom } from './promotion-rules.js';
import { validateScoreSheet, type ScoreSheet } from './score-sheet.js';

const promotion = panelPromotionFrom(loadShippedLadder(), 'L4');

function problemsOf(sheet: ScoreSheet, complete = true): { field: string; message: string }[] {
  try {
    validateScoreSheet(promotion, sheet, { complete });
    return [];
  } catch (error) {
    expect((error as DomainError).code).toBe('validation_failed');
    return (error as DomainError).details as { field: string; message: string }[];
  }
}

describe('score sheet validation', () => {
  it('accepts a complete sheet and returns it in the ladder order with trimmed notes', () => {
    const sheet = buildSheet({ score: 4, notes: '  clear cuts  ' });
    sheet.criteria.reverse();
    const clean = validateScoreSheet(promotion, sheet, { complete: true });
    expect(clean.criteria.map((c) => c.id)[0]).toBe('multiplication-instinct');
    expect(clean.components[0]?.notes).toBe('clear cuts');
  });

  it.each([
    [0, 'criteria[0].score'],
    [5, 'criteria[0].score'],
    [2.5, 'criteria[0].score'],
  ])('refuses score %s naming the field', (score, field) => {
    const sheet = buildSheet({ scores: { 'multiplication-instinct': score } });
    expect(problemsOf(sheet)).toEqual([
      { field, message: expect.stringMatching(/1–4 .*1 not yet.*4 exemplary/) },
    ]);
  });

  it.each([1, 4])('accepts the scale edge %i', (score) => {
    expect(problemsOf(buildSheet({ score }))).toEqual([]);
  });

  it('refuses unknown and duplicate ids and a result other than pass/fail', () => {
    const sheet = buildSheet();
    sheet.components.push({ id: 'mentee-outcome', result: 'pass' });
    sheet.criteria.push({ id: 'charisma', score: 3 });
    (sheet.components[0] as { result: string }).result = 'maybe';
    expect(problemsOf(sheet).map((p) => p.field)).toEqual([
      'components[0].result',
      'components[4].id',
      'criteria[5].id',
    ]);
  });

  it('lets a draft leave entries out but not a submitted sheet', () => {
    const partial: ScoreSheet = { components: [{ id: 'mentee-outcome', result: 'fail' }], criteria: [] };
    expect(problemsOf(partial, false)).toEqual([]);
    const problems = problemsOf(partial, true);
    expect(problems).toHaveLength(3 + 5);
    expect(problems[0]).toEqual({
      field: 'components',
      message: 'missing component product-decision-portfolio',
    });
  });
});
