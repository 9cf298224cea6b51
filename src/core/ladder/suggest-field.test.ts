import { describe, expect, it } from 'vitest';
import { knownFields, suggestField } from './suggest-field.js';

describe('suggestField', () => {
  it('knows the fields of nested objects, list items and every rule kind', () => {
    expect(knownFields([])).toEqual([
      'ladder',
      'name',
      'version',
      'organisation',
      'locale',
      'sections',
      'choices',
      'competency_categories',
      'points',
      'tracks',
      'levels',
    ]);
    expect(knownFields(['points', 'bands', 0])).toEqual(['id', 'from', 'to', 'level', 'title']);
    expect(knownFields(['sections', 0])).toEqual(['id', 'heading', 'kind', 'field']);
    expect(knownFields(['choices', 2])).toEqual(['path', 'why']);
    expect(knownFields(['levels', 0, 'curriculum', 1, 'months'])).toEqual(['from', 'to']);
    expect(knownFields(['levels', 3, 'ranking_standard', 0, 'rule'])).toEqual(
      expect.arrayContaining(['min', 'min_percent', 'checkin_within_days', 'max_escalations']),
    );
  });

  it('suggests the closest field for a typo, within a third of its length', () => {
    expect(suggestField(['levels', 0], 'ranking_standad')).toBe('ranking_standard');
    expect(suggestField(['levels', 0, 'promotion'], 'min_month_at_level')).toBe('min_months_at_level');
    expect(suggestField(['levels', 0, 'promotion'], 'other_requirements')).toBe('requirements');
    expect(suggestField(['levels', 0], 'Tagline')).toBe('tagline');
  });

  it('suggests nothing for a short or unrelated name', () => {
    expect(suggestField(['levels', 0], 'rank')).toBeUndefined();
    expect(suggestField(['levels', 0], 'salary_band')).toBeUndefined();
    expect(suggestField(['no_such_section'], 'name')).toBeUndefined();
  });
});
